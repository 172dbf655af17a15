/**
 * `reversal-lab import <file> --kind <kind> [--json out.json]`: validates a data file against a
 * schema and prints the report; exits 1 when the file is invalid. --json writes the validated
 * records as { kind, source, records }, a format `import` reads back unchanged. --xlsx --append adds
 * the rows to the table already in that workbook (exit 1 when a key clashes and nothing is written).
 */
import { describeValidation, formatIssue } from '../../app/importData';
import { parseAndValidate } from '../../data/parseAndValidate';
import { DATASET_KINDS, isDatasetKind } from '../../data/schemas';
import { DataImportError } from '../../data/types';
import { importData } from '../../app/importData';
import type { ValidationResult } from '../../data/types';
import { openOrCreateXlsx } from '../xlsxFile';
import type { CliCommand, CliIo } from '../types';

const SHOWN_ISSUES = 20;

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
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(parsed.file);
    } catch (error) {
      io.err(`reversal-lab import: cannot read ${parsed.file}: ${(error as Error).message}\n`);
      return 1;
    }
    const today = parsed.today ?? new Date().toISOString().slice(0, 10);
    let result;
    try {
      result = await parseAndValidate(parsed.kind, bytes, parsed.file, { today, sheetName: parsed.sheet });
    } catch (error) {
      if (error instanceof DataImportError) {
        io.err(`reversal-lab import: ${error.message} [${error.rule}]\n`);
        return 1;
      }
      throw error;
    }
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
        const payload = { kind: s.kind, source: parsed.file, records: result.records };
        await io.writeFile(parsed.json, JSON.stringify(payload, null, 2) + '\n');
        lines.push(`wrote ${result.records.length} records to ${parsed.json}`);
      } else lines.push(`nothing written to ${parsed.json}`);
    }
    let xlsxOk = true;
    if (parsed.xlsx) {
      if (usable) {
        const written = await writeXlsx(parsed.xlsx, parsed, bytes, result, io);
        lines.push(...written.lines);
        xlsxOk = written.ok;
      } else lines.push(`nothing written to ${parsed.xlsx}`);
    }
    io.out(lines.join('\n') + '\n');
    return usable && xlsxOk ? 0 : 1;
  },
};

/** Writes the validated table into an .xlsx (a new one, or an existing one whose other sheets are kept). */
async function writeXlsx(
  path: string,
  args: ImportArgs,
  bytes: Uint8Array,
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
      bytes,
      fileName: args.file,
      acceptValidRows: args.acceptValidRows,
      append: args.append,
      sheetName: args.sheet,
      validate: async () => result,
    },
    () => new Date().toISOString(),
  );
  // The file itself was valid here, so a refusal's details are the append clashes (row, key, value).
  if (!report.ok) return { ok: false, lines: [`nothing written to ${path}: ${report.message}`, ...(report.details ?? []).map((d) => `  ${d}`)] };
  await io.writeFile(path, await workbook.toBytes());
  return { ok: true, lines: [`${report.message.replace(/\.$/, '')} in ${path}`] };
}
