/**
 * Streaming reader for delimited text (CSV, TSV, semicolon, pipe): text goes in chunk by chunk, rows come
 * out one by one with the file line they start and end on, and only the unfinished last row of a chunk is
 * kept. Quoting follows RFC 4180 (fields in double quotes may hold delimiters, line breaks and "" for a
 * quote); a quote inside an unquoted field is kept as text, as spreadsheet programs do.
 *
 * Broken quoting is never guessed around, because it silently merges rows: a quoted field that is never
 * closed (or runs past the 32,767 characters a cell can hold) and text after a closing quote stop the
 * reading with a CsvSyntaxError that names the line and what to fix.
 */

/** Excel's limit for one cell; a quoted field longer than this is treated as an unclosed quote. */
export const MAX_FIELD_CHARS = 32_767;
/** A single row longer than this (no line break) stops the reading: the file is not delimited text. */
export const MAX_ROW_CHARS = 8 * 1024 * 1024;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export type CsvSyntaxRule = 'unclosed-quote' | 'malformed-quote' | 'row-too-long';

/** Broken quoting (or a runaway row): where it starts and what to do about it. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly rule: CsvSyntaxRule,
    /** File line (1-based) the broken field or row starts on. */
    readonly line: number,
    /** Text at that place, for the report (at most 60 characters). */
    readonly excerpt: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Called per row: its fields, the file line it starts on and the line it ends on (> line when a quoted field spans lines). */
export type CsvRowHandler = (fields: string[], line: number, endLine: number) => void;

function excerpt(text: string, from: number): string {
  const cut = text.slice(from, from + 61).replace(/\r?\n|\r/g, '↵');
  return cut.length > 60 ? `${cut.slice(0, 59)}…` : cut;
}

/** Line breaks (\n, \r\n or a lone \r) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

// Reader states between characters (kept across chunks).
const FIELD_START = 0; // at the start of a field (row start, or after a delimiter)
const UNQUOTED = 1; // inside an unquoted field (its text so far in `field` when it began in an earlier chunk)
const QUOTED = 2; // inside a quoted field
const QUOTE_SEEN = 3; // a quote inside a quoted field ended the last chunk: doubled ("") or closing?
const AFTER_QUOTE = 4; // after the closing quote: spaces, then a delimiter or a line break
const AFTER_CR = 5; // a row ended on \r at the end of the last chunk: skip a following \n

export class CsvReader {
  private readonly delim: number;
  private state = FIELD_START;
  private fields: string[] = [];
  /** Text of the current field so far, when it continues from an earlier chunk (or is quoted). */
  private field = '';
  private rowLine = 1;
  /** Line breaks inside quoted fields of the current row. */
  private spanned = 0;
  /** Line the current quoted field starts on. */
  private fieldLine = 1;
  /** A \r ended the last chunk inside a quoted field (a \n may follow). */
  private quotedCR = false;
  /** Characters of the current row in earlier chunks. */
  private rowChars = 0;
  /** Spaces after the last closing quote (for the message when text follows them). */
  private spaces = 0;

  constructor(
    readonly delimiter: string,
    private readonly onRow: CsvRowHandler,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
      throw new RangeError(`bad delimiter ${JSON.stringify(delimiter)}`);
    this.delim = delimiter.charCodeAt(0);
  }

  /** Reads every complete row of the text so far; the unfinished last row waits for the next chunk. */
  push(chunk: string): void {
    this.run(chunk, false);
  }

  /** End of input: the last row (without a final line break) is read; an open quote is an error. */
  end(): void {
    this.run('', true);
  }

  /** The file line the next row starts on. */
  get currentLine(): number {
    return this.rowLine;
  }

  private emit(): void {
    const fields = this.fields;
    const line = this.rowLine;
    const endLine = line + this.spanned;
    this.fields = [];
    this.rowLine = endLine + 1;
    this.spanned = 0;
    this.rowChars = 0;
    this.onRow(fields, line, endLine);
  }

  private run(s: string, final: boolean): void {
    const n = s.length;
    const D = this.delim;
    let i = 0;
    let rowStart = 0;
    // Next delimiter and next line break at or after i (found with indexOf, which is native and fast).
    let nextDelim = -1;
    let nextBreak = -1;
    const hasCR = s.indexOf('\r') !== -1;
    for (;;) {
      switch (this.state) {
        case AFTER_CR:
          if (i >= n && !final) return;
          if (i < n && s.charCodeAt(i) === LF) i++;
          this.state = FIELD_START;
          rowStart = i;
          continue;
        case FIELD_START:
          if (i >= n) {
            // End of text at a field start: a row that had a delimiter gets its empty last field.
            if (final && this.fields.length > 0) {
              this.fields.push('');
              this.emit();
            }
            if (!final) this.rowChars += n - rowStart;
            return;
          }
          if (s.charCodeAt(i) === QUOTE) {
            this.state = QUOTED;
            this.field = '';
            this.fieldLine = this.rowLine + this.spanned;
            i++;
            continue;
          }
          this.state = UNQUOTED;
          this.field = '';
          continue;
        case UNQUOTED: {
          if (nextDelim < i) {
            nextDelim = s.indexOf(this.delimiter, i);
            if (nextDelim === -1) nextDelim = n;
          }
          if (nextBreak < i) {
            nextBreak = s.indexOf('\n', i);
            if (nextBreak === -1) nextBreak = n;
            if (hasCR) {
              const cr = s.indexOf('\r', i);
              if (cr !== -1 && cr < nextBreak) nextBreak = cr;
            }
          }
          const j = nextDelim < nextBreak ? nextDelim : nextBreak;
          const text = this.field.length > 0 ? this.field + s.slice(i, j) : s.slice(i, j);
          if (j >= n && !final) {
            this.field = text;
            this.rowChars += n - rowStart;
            if (this.rowChars > MAX_ROW_CHARS) throw this.runaway();
            return;
          }
          this.fields.push(text);
          this.field = '';
          this.state = FIELD_START;
          i = j;
          if (i >= n) {
            this.emit();
            return;
          }
          const c = s.charCodeAt(i);
          if (c === D) {
            i++;
            continue;
          }
          i = this.rowEnd(s, i, c, final);
          rowStart = i;
          continue;
        }
        case QUOTED: {
          if (this.quotedCR) {
            this.quotedCR = false;
            if (i < n && s.charCodeAt(i) !== LF) this.spanned++;
          }
          const q = s.indexOf('"', i);
          const upto = q === -1 ? n : q;
          this.spanned += countLineBreaks(s, i, upto);
          if (upto === n && n > i && s.charCodeAt(n - 1) === CR && !final) {
            // The \r at the end may be the first half of \r\n: counted when the next chunk shows.
            this.spanned--;
            this.quotedCR = true;
          }
          this.field += s.slice(i, upto);
          if (this.field.length > MAX_FIELD_CHARS) throw this.unclosed(false);
          if (q === -1) {
            if (final) throw this.unclosed(true);
            this.rowChars += n - rowStart;
            return;
          }
          i = q + 1;
          this.state = QUOTE_SEEN;
          continue;
        }
        case QUOTE_SEEN:
          if (i >= n && !final) return;
          if (i < n && s.charCodeAt(i) === QUOTE) {
            // A doubled quote is one quote of text.
            this.field += '"';
            i++;
            this.state = QUOTED;
            continue;
          }
          this.fields.push(this.field);
          this.field = '';
          this.state = AFTER_QUOTE;
          this.spaces = 0;
          continue;
        case AFTER_QUOTE: {
          while (i < n && (s.charCodeAt(i) === SPACE || (s.charCodeAt(i) === TAB && D !== TAB))) {
            i++;
            this.spaces++;
          }
          if (i >= n) {
            if (final) {
              this.state = FIELD_START;
              this.emit();
            } else this.rowChars += n - rowStart;
            return;
          }
          const c = s.charCodeAt(i);
          if (c === D) {
            i++;
            this.state = FIELD_START;
            continue;
          }
          if (c !== LF && c !== CR) throw this.malformed(s, i);
          this.state = FIELD_START;
          i = this.rowEnd(s, i, c, final);
          rowStart = i;
          continue;
        }
      }
    }
  }

  /** Ends the row at the line break at i (c is \n or \r); returns where the next row starts. */
  private rowEnd(s: string, i: number, c: number, final: boolean): number {
    this.emit();
    if (c === LF) return i + 1;
    if (i + 1 < s.length) return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    if (!final) this.state = AFTER_CR;
    return i + 1;
  }

  private runaway(): CsvSyntaxError {
    return new CsvSyntaxError(
      `Line ${this.rowLine}: the row starting here runs for more than ${MAX_ROW_CHARS / 1024 / 1024} MB without a line break; this does not look like delimited text (CSV, TSV).`,
      'row-too-long',
      this.rowLine,
      excerpt(this.fields.join(this.delimiter) + this.delimiter + this.field, 0),
    );
  }

  private unclosed(atEnd: boolean): CsvSyntaxError {
    const line = this.fieldLine;
    // A file that ends with a line break has no line after it.
    const lastLine = this.rowLine + this.spanned - (atEnd && /[\r\n]$/.test(this.field) ? 1 : 0);
    const shown = excerpt(`"${this.field}`, 0);
    const what = atEnd
      ? `the quote opening the field «${shown}» is never closed, so lines ${line}-${lastLine} (the rest of the file) would be read as one value`
      : `the quoted field «${shown}» runs on for more than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters (lines ${line}-${lastLine}), more than a cell holds, so its closing quote is probably missing`;
    return new CsvSyntaxError(
      `Line ${line}: ${what}. Add the missing closing quote (") or remove the opening one; nothing was imported.`,
      'unclosed-quote',
      line,
      shown,
    );
  }

  private malformed(s: string, at: number): CsvSyntaxError {
    const startLine = this.fieldLine;
    const endLine = this.rowLine + this.spanned;
    const value = this.fields[this.fields.length - 1] ?? '';
    // The quoted value and the character after its closing quote (more may lie in the next chunk).
    const shown = `"${value.length > 40 ? `…${value.slice(-40)}` : value}"${' '.repeat(Math.min(3, this.spaces))}${s.charAt(at)}…`.replace(
      /\r?\n|\r/g,
      '↵',
    );
    const why =
      endLine > startLine
        ? `The quoted field began on line ${startLine}, so a quote there is probably not closed and lines ${startLine}-${endLine} were read as one value.`
        : 'Quote the whole field and write a quote inside it as "", or remove the quotes.';
    return new CsvSyntaxError(
      `Line ${endLine}: text follows the closing quote of a quoted field («${shown}»). ${why} Nothing was imported.`,
      'malformed-quote',
      endLine,
      shown,
    );
  }
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * Picks the delimiter from the start of the text: the candidate (comma, tab, semicolon, pipe) for which the
 * first up to 10 rows have the same number of fields as the first row, with at least two fields; ties go
 * to the earlier candidate. Comma when none splits the first row.
 */
export function detectDelimiter(sample: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts: number[] = [];
    const reader = new CsvReader(d, (fields) => {
      if (counts.length < 10 && !(fields.length === 1 && fields[0].trim() === '')) counts.push(fields.length);
    });
    try {
      reader.push(sample.length > 65_536 ? sample.slice(0, 65_536) : sample);
      if (sample.length <= 65_536) reader.end();
    } catch {
      // Broken quoting in the sample: count what was read before it.
    }
    if (counts.length === 0 || counts[0] < 2) continue;
    const score = counts.filter((c) => c === counts[0]).length;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
