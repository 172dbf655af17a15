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

interface RunResult {
  validateMs: number;
  planMs: number;
  totalMs: number;
  cpuMs: number;
  tableRows: number;
}

async function runOnce(bytes: Uint8Array, sample: () => void): Promise<RunResult> {
  const cpuStart = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuStart);
  if (!planned || validation.records.length !== ROWS) {
    throw new Error(`bench input did not validate: ${validation.summary.errors} errors, first ${validation.issues[0]?.message}`);
  }
  return {
    validateMs: validatedAt - start,
    planMs: end - validatedAt,
    totalMs: end - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    tableRows: planned.plan.blocks[1].values.length - 1,
  };
}

const RUNS = 3;

export default async function runImportBench(): Promise<string[]> {
  const baselineMb = rssMb();
  const bytes = new TextEncoder().encode(supplierCsv(ROWS));
  let peakRss = rssMb();
  let firstRunPeakMb = 0;
  const sample = () => (peakRss = Math.max(peakRss, rssMb()));
  const sampler = setInterval(sample, 5);
  const runs: RunResult[] = [];
  try {
    // Several runs: the wall time of one run swings with machine load; the median is the figure judged.
    // Memory is judged on the first run: later runs start on the garbage the previous ones left.
    for (let i = 0; i < RUNS; i++) {
      runs.push(await runOnce(bytes, sample));
      if (i === 0) firstRunPeakMb = Math.max(peakRss, process.resourceUsage().maxRSS / 1024);
    }
  } finally {
    clearInterval(sampler);
  }
  const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
  const median = sorted[Math.floor(sorted.length / 2)];
  const peakMb = firstRunPeakMb;
  const met = median.totalMs < TARGET_MS && peakMb < TARGET_MB;
  return [
    `import bench: ${ROWS} rows x 12 columns, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV, ${RUNS} runs`,
    ...runs.map(
      (r, i) =>
        `  run ${i + 1}: parse + validate ${r.validateMs.toFixed(0)} ms, write plan ${r.planMs.toFixed(0)} ms (${r.tableRows} rows), total ${r.totalMs.toFixed(0)} ms, cpu ${r.cpuMs.toFixed(0)} ms`,
    ),
    `  median total:  ${median.totalMs.toFixed(0)} ms (best ${sorted[0].totalMs.toFixed(0)} ms; target < ${TARGET_MS} ms)`,
    // rss sampled every 5 ms and at each progress callback, and resourceUsage().maxRSS (process-wide).
    `  peak memory:   ${peakMb.toFixed(0)} MB in run 1 (process rss before the input was built ${baselineMb.toFixed(0)} MB; target < ${TARGET_MB} MB)`,
    `  target ${met ? 'met' : 'NOT met'}`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportBench().then((lines) => console.log(lines.join('\n')));
}
