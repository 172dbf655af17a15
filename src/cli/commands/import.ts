/**
 * `reversal-lab import <file> --kind <kind> [--json out.json]`: validates a data file against a
 * schema and prints the report; exits 1 when the file is invalid. --json writes the validated
 * records as { kind, source, records }, a format `import` reads back unchanged. --xlsx --append adds
 * the rows to the table already in that workbook (exit 1 when a key clashes and nothing is written).
 */
import { describeValidation, formatIssue } from '../../app/datasets/importData';
import { parseAndValidate } from '../../data/parseAndValidate';
import { DATASET_KINDS, isDatasetKind } from '../../data/schemas';
import { DataImportError } from '../../data/types';
import { importData } from '../../app/datasets/importData';
import type { ValidationResult } from '../../data/types';
import type { LinkSource } from '../../app/datasets/sources';
import { sha256HexAsync } from '../../data/sha256';
import { openOrCreateXlsx } from '../xlsxFile';
import type { CliCommand, CliIo } from '../types';

const SHOWN_ISSUES = 20;
/**
 * The CLI reads files streaming and holds the validated rows only (about 3 bytes of memory per byte of a
 * supplier CSV): 512 MB. The task pane keeps the 50 MB limit (it holds the whole file in the browser).
 */
export const CLI_IMPORT_LIMIT_BYTES = 512 * 1024 * 1024;
/** Files above this size show progress while they are read (in 1 MB pieces). */
const PROGRESS_FROM_BYTES = 2 * 1024 * 1024;

const usage = [
  'Usage: reversal-lab import <file> --kind <kind> [--json out.json] [--xlsx out.xlsx [--append]] [--accept-valid-rows] [--sheet <name>] [--today yyyy-mm-dd]',
  '',
  'Validates a CSV/TSV/semicolon, JSON or .xlsx file against the schema of <kind> and prints the report.',
  `Kinds: ${DATASET_KINDS.join(', ')}`,
  '',
  '  --json <path>          write the validated records as JSON (only when valid, or with --accept-valid-rows)',
  '  --xlsx <path>          write the table (typed columns, formats, source links, status) into an .xlsx workbook;',
  '                         an existing workbook keeps its other sheets; rejected rows go to "Rejected rows"',
  '  --append               with --xlsx: add the rows to the table of <kind> already in the workbook instead of',
  '                         replacing it; a row whose key the table already holds is refused (or, with',
  '                         --accept-valid-rows, listed on "Rejected rows"); the table link becomes combined',
  '  --accept-valid-rows    treat rejected rows as a warning: exit 0 and write the valid rows',
  '  --sheet <name>         sheet of an .xlsx file (default: the first)',
  '  --today <date>         "today" for the future-date rule (default: the current UTC date)',
  '',
  'Exit codes: 0 valid, 1 invalid or unreadable, 2 bad usage.',
].join('\n');

interface ImportArgs {
  file: string;
  kind: string;
  json?: string;
  xlsx?: string;
  sheet?: string;
  today?: string;
  acceptValidRows: boolean;
  append: boolean;
}

function parseArgs(args: string[]): ImportArgs | string {
  const out: Partial<ImportArgs> = { acceptValidRows: false, append: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--kind') out.kind = value();
      else if (a === '--json') out.json = value();
      else if (a === '--xlsx') out.xlsx = value();
      else if (a === '--sheet') out.sheet = value();
      else if (a === '--today') out.today = value();
      else if (a === '--accept-valid-rows') out.acceptValidRows = true;
      else if (a === '--append') out.append = true;
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else if (out.file === undefined) out.file = a;
      else return `unexpected argument "${a}"`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!out.file) return 'missing <file>';
  if (!out.kind) return `missing --kind (one of ${DATASET_KINDS.join(', ')})`;
  if (!isDatasetKind(out.kind)) return `unknown kind "${out.kind}" (one of ${DATASET_KINDS.join(', ')})`;
  if (out.append && !out.xlsx) return '--append needs --xlsx <path> (the workbook whose table the rows are added to)';
  if (out.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(out.today)) return `--today must be yyyy-mm-dd, got "${out.today}"`;
  return out as ImportArgs;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'validate a data file (suppliers, nev-sales, tariffs, ...) and optionally write it as JSON',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`reversal-lab import: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const timing = phaseTimer(io);
    let bytes: Uint8Array | null;
    try {
      bytes = await io.readFile(parsed.file);
    } catch (error) {
      io.err(`reversal-lab import: cannot read ${parsed.file}: ${(error as Error).message}\n`);
      return 1;
    }
    timing('read file');
    const today = parsed.today ?? new Date().toISOString().slice(0, 10);
    const showProgress = io.progress && bytes.byteLength >= PROGRESS_FROM_BYTES ? io.progress : undefined;
    let result;
    try {
      result = await parseAndValidate(parsed.kind, bytes, parsed.file, {
        today,
        sheetName: parsed.sheet,
        maxBytes: CLI_IMPORT_LIMIT_BYTES,
        onProgress: showProgress && ((p) => showProgress(`reading ${parsed.file}`, p.done / p.total)),
      });
      timing('parse + validate');
    } catch (error) {
      if (error instanceof DataImportError) {
        io.err(`reversal-lab import: ${error.message} [${error.rule}]\n`);
        return 1;
      }
      throw error;
    }
    // The link of an .xlsx table records the file's SHA-256; then the bytes can go (a big file is most of the memory).
    const source: LinkSource | null = parsed.xlsx ? { kind: 'file', name: parsed.file, sha256: await sha256HexAsync(bytes) } : null;
    bytes = null;
    const s = result.summary;
    const lines = [
      `${parsed.file}: ${s.kind}, ${s.format}${s.encoding ? `, ${s.encoding}` : ''}${s.delimiter ? `, delimiter ${JSON.stringify(s.delimiter)}` : ''}`,
      describeValidation(result),
      ...result.issues.slice(0, SHOWN_ISSUES).map((i) => `  ${formatIssue(i)}`),
    ];
    if (result.issueCount > SHOWN_ISSUES) lines.push(`  … and ${result.issueCount - SHOWN_ISSUES} more issues`);
    const usable = s.fileErrors === 0 && result.records.length > 0 && (s.valid || parsed.acceptValidRows);
    lines.push(s.valid ? 'VALID' : usable ? `INVALID rows skipped (--accept-valid-rows): ${s.rowsRejected}` : 'INVALID');
    if (parsed.json) {
      if (usable) {
        const chunks = jsonChunks({ kind: s.kind, source: parsed.file }, 'records', result.records);
        if (io.writeTextChunks) await io.writeTextChunks(parsed.json, chunks);
        else await io.writeFile(parsed.json, [...chunks].join(''));
        lines.push(`wrote ${result.records.length} records to ${parsed.json}`);
        timing('write JSON');
      } else lines.push(`nothing written to ${parsed.json}`);
    }
    let xlsxOk = true;
    if (parsed.xlsx) {
      if (usable) {
        const written = await writeXlsx(parsed.xlsx, parsed, source!, result, io);
        lines.push(...written.lines);
        xlsxOk = written.ok;
        timing('write .xlsx');
      } else lines.push(`nothing written to ${parsed.xlsx}`);
    }
    io.out(lines.join('\n') + '\n');
    return usable && xlsxOk ? 0 : 1;
  },
};

/**
 * JSON.stringify({ ...head, [key]: items }, null, 2) + "\n" in pieces of a few thousand items: a million
 * records as one string would pass V8's limit for a string (about 512 MB).
 */
export function* jsonChunks(head: Record<string, unknown>, key: string, items: unknown[]): Generator<string> {
  const opening = JSON.stringify({ ...head, [key]: [] }, null, 2);
  const at = opening.lastIndexOf('[]');
  if (items.length === 0) {
    yield opening + '\n';
    return;
  }
  yield opening.slice(0, at) + '[\n';
  // Small pieces die young (a large one outlives a scavenge and piles up in the old generation).
  const PER_CHUNK = 200;
  const keyJson = new Map<string, string>();
  for (let i = 0; i < items.length; i += PER_CHUNK) {
    let part = '';
    const end = Math.min(items.length, i + PER_CHUNK);
    for (let j = i; j < end; j++) part += itemJson(items[j], keyJson) + (j < items.length - 1 ? ',\n' : '\n');
    yield part;
  }
  yield '  ]' + opening.slice(at + 2) + '\n';
}

/** One array item at depth 2, as JSON.stringify(..., null, 2) writes it; flat records without the garbage of a re-indent. */
function itemJson(item: unknown, keyJson: Map<string, string>): string {
  const generic = () => '    ' + JSON.stringify(item, null, 2).replace(/\n/g, '\n    ');
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return generic();
  const record = item as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return '    {}';
  let out = '    {\n';
  for (let k = 0; k < keys.length; k++) {
    const v = record[keys[k]];
    if (v === undefined || typeof v === 'object' || typeof v === 'function' || typeof v === 'bigint' || typeof v === 'symbol') {
      if (v !== null) return generic();
    }
    let key = keyJson.get(keys[k]);
    if (key === undefined) keyJson.set(keys[k], (key = `      ${JSON.stringify(keys[k])}: `));
    out += key + JSON.stringify(v) + (k < keys.length - 1 ? ',\n' : '\n');
  }
  return out + '    }';
}

/** RLAB_CLI_TIMING=1 (npm run bench): each phase's time and the peak memory so far, on stderr. */
function phaseTimer(io: CliIo): (phase: string) => void {
  if (!process.env.RLAB_CLI_TIMING) return () => undefined;
  let last = performance.now();
  let cpu = process.cpuUsage();
  return (phase) => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    io.err(
      `reversal-lab timing: import ${phase} ${(now - last).toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms), peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
    );
    last = now;
    cpu = process.cpuUsage();
  };
}

/** Writes the validated table into an .xlsx (a new one, or an existing one whose other sheets are kept). */
async function writeXlsx(
  path: string,
  args: ImportArgs,
  source: LinkSource,
  result: ValidationResult,
  io: CliIo,
): Promise<{ ok: boolean; lines: string[] }> {
  const opened = await openOrCreateXlsx(path, io);
  if ('error' in opened) return { ok: false, lines: [opened.error] };
  const { workbook } = opened;
  const report = await importData(
    workbook,
    {
      kind: args.kind,
      // Validated already (validate below); the link's source carries the file's SHA-256.
      bytes: new Uint8Array(0),
      source,
      fileName: args.file,
      acceptValidRows: args.acceptValidRows,
      append: args.append,
      sheetName: args.sheet,
      validate: async () => result,
    },
    () => new Date().toISOString(),
  );
  // The file itself was valid here, so a refusal's details are the append clashes (row, key, value).
  if (!report.ok)
    return { ok: false, lines: [`nothing written to ${path}: ${report.message}`, ...(report.details ?? []).map((d) => `  ${d}`)] };
  await io.writeFile(path, await workbook.toBytes());
  return { ok: true, lines: [`${report.message.replace(/\.$/, '')} in ${path}`] };
}
