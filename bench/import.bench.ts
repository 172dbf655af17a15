/**
 * Import benchmark: a 100,000-row, 12-column supplier CSV generated in memory is parsed, validated
 * and turned into a write plan. Targets: < 1.5 s and < 300 MB peak RSS.
 * Run: npx tsx bench/import.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { planImportedTable } from '../src/app/datasetPlan';
import { parseAndValidate } from '../src/data/parseAndValidate';

const ROWS = 100_000;
const TARGET_MS = 1500;
const TARGET_MB = 300;

// 12 of the 13 supplier columns (value_text left out), values shaped like the reference rows.
function supplierCsv(rows: number): string {
  const header = 'company,hq_country,company_type,attribute,value_num,value_unit,as_of,verification_status,source_publisher,source_title,source_url,source_date';
  const attributes = ['global_revenue', 'china_revenue', 'china_rd_engineers', 'china_plants', 'china_rd_centres'];
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const year = 2015 + (i % 10);
    lines.push(
      `Supplier ${i % 5000} GmbH,Germany,Western Tier 1,${attributes[i % 5]}_${Math.floor(i / 5000)},${(i % 997) * 1.5},EUR bn,FY${year},` +
        `verified in source,"Publisher ${i % 50}, Inc.",Annual report ${year},https://example.com/report/${i},${year + 1}-0${1 + (i % 9)}-1${i % 10}`,
    );
  }
  return lines.join('\n');
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

export default async function runImportBench(): Promise<string[]> {
  const bytes = new TextEncoder().encode(supplierCsv(ROWS));
  let peakRss = rssMb();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 5);
  const sample = () => (peakRss = Math.max(peakRss, rssMb()));
  const start = performance.now();
  const validation = await parseAndValidate('suppliers', bytes, 'bench.csv', { today: '2026-11-28', onProgress: sample });
  const validatedAt = performance.now();
  sample();
  const planned = planImportedTable({
    kind: 'suppliers',
    validation,
    source: { kind: 'file', name: 'bench.csv', sha256: '0'.repeat(64) },
    loadedAt: '2026-11-28T10:00:00Z',
  });
  const end = performance.now();
  sample();
  clearInterval(sampler);
  if (!planned || validation.records.length !== ROWS) {
    throw new Error(`bench input did not validate: ${validation.summary.errors} errors, first ${validation.issues[0]?.message}`);
  }
  // maxRSS (kB) is the process-wide high-water mark, including everything loaded before the bench.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const totalMs = end - start;
  const peakMb = Math.max(peakRss, maxRssMb);
  const met = totalMs < TARGET_MS && peakMb < TARGET_MB;
  return [
    `import bench: ${ROWS} rows x 12 columns, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV`,
    `  parse + validate: ${(validatedAt - start).toFixed(0)} ms`,
    `  write plan:       ${(end - validatedAt).toFixed(0)} ms (${planned.plan.blocks[1].values.length - 1} table rows)`,
    `  total:            ${totalMs.toFixed(0)} ms (target < ${TARGET_MS} ms)`,
    `  peak memory:      ${peakMb.toFixed(0)} MB (sampled rss ${peakRss.toFixed(0)} MB, maxRSS ${maxRssMb.toFixed(0)} MB; target < ${TARGET_MB} MB)`,
    `  target ${met ? 'met' : 'NOT met'}`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportBench().then((lines) => console.log(lines.join('\n')));
}
