import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError, detectDelimiter, MAX_FIELD_CHARS } from './csvReader';

type Row = { fields: string[]; line: number; endLine: number };

function read(text: string, chunk: number | number[] = text.length || 1, delimiter = ','): Row[] {
  const rows: Row[] = [];
  const reader = new CsvReader(delimiter, (fields, line, endLine) => rows.push({ fields, line, endLine }));
  const sizes = Array.isArray(chunk) ? chunk : [chunk];
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    reader.push(text.slice(at, at + size));
    at += size;
  }
  reader.end();
  return rows;
}

function syntaxError(text: string, chunk?: number): CsvSyntaxError {
  try {
    read(text, chunk);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('no CsvSyntaxError');
}

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'b', 'Z', '1', ' ', 'é', '€', '"', '\n', '\r\n', ',', ';', '\t', '|'];

/** Random valid delimited text: [text, rows as written, first line of each row]. */
function randomCsv(random: () => number, delimiter: string, lineBreak: string): [string, string[][], number[]] {
  const rows: string[][] = [];
  const lines: number[] = [];
  let text = '';
  let line = 1;
  const nRows = 1 + Math.floor(random() * 30);
  const width = 1 + Math.floor(random() * 6);
  for (let r = 0; r < nRows; r++) {
    const fields: string[] = [];
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      let value = '';
      const len = Math.floor(random() * 8);
      for (let k = 0; k < len; k++) value += ALPHABET[Math.floor(random() * ALPHABET.length)];
      const needsQuotes = /["\r\n]/.test(value) || value.includes(delimiter) || random() < 0.2;
      // An empty first field of a one-column row would be a blank line: quote it.
      const quoted = needsQuotes || (width === 1 && value === '');
      fields.push(value);
      cells.push(quoted ? `"${value.replace(/"/g, '""')}"` : value);
    }
    lines.push(line);
    const written = cells.join(delimiter);
    line += (written.match(/\r\n|\n|\r/g) ?? []).length + 1;
    rows.push(fields);
    text += written + (r < nRows - 1 || random() < 0.5 ? lineBreak : '');
  }
  return [text, rows, lines];
}

describe('CsvReader', () => {
  it('reads quoted delimiters, doubled quotes, line breaks in quotes and every line-break style, with line numbers', () => {
    const text = 'a,b,c\n1,"x,y\nz",3\r\n\n4,"a""b",\r5,6';
    const expected = [
      { fields: ['a', 'b', 'c'], line: 1, endLine: 1 },
      { fields: ['1', 'x,y\nz', '3'], line: 2, endLine: 3 },
      { fields: [''], line: 4, endLine: 4 },
      { fields: ['4', 'a"b', ''], line: 5, endLine: 5 },
      { fields: ['5', '6'], line: 6, endLine: 6 },
    ];
    for (const chunk of [1, 2, 3, 5, 7, 1000]) expect(read(text, chunk), `chunks of ${chunk}`).toEqual(expected);
  });

  it('gives the same rows as papaparse on 600 random valid files, whatever the chunk sizes, with the right line numbers', () => {
    const random = rng(20261128);
    for (let n = 0; n < 600; n++) {
      const delimiter = [',', ';', '\t', '|'][n % 4];
      const lineBreak = ['\n', '\r\n'][Math.floor(n / 4) % 2];
      const [text, rows, lines] = randomCsv(random, delimiter, lineBreak);
      const papa = Papa.parse<string[]>(text, { delimiter, newline: lineBreak as '\n' | '\r\n' }).data;
      const chunks = Array.from({ length: 5 }, () => 1 + Math.floor(random() * 9));
      const got = read(text, chunks, delimiter);
      expect(
        got.map((r) => r.fields),
        JSON.stringify(text),
      ).toEqual(rows);
      expect(
        got.map((r) => r.line),
        JSON.stringify(text),
      ).toEqual(lines);
      expect(
        papa.filter((r) => !(r.length === 1 && r[0] === '')),
        JSON.stringify(text),
      ).toEqual(rows.filter((r) => !(r.length === 1 && r[0] === '')));
    }
  });

  it('refuses a quote that is never closed, naming its line and the lines it would swallow', () => {
    const text = 'company,attribute,value\nAcme,"revenue,1\nBeta,plants,2\nGamma,x,3\n';
    for (const chunk of [1, 4, 1000]) {
      const e = syntaxError(text, chunk);
      expect(e.rule).toBe('unclosed-quote');
      expect(e.line).toBe(2);
      expect(e.message).toBe(
        'Line 2: the quote opening the field «"revenue,1↵Beta,plants,2↵Gamma,x,3↵» is never closed, so lines 2-4 (the rest of the file) would be read as one value. Add the missing closing quote (") or remove the opening one; nothing was imported.',
      );
    }
  });

  it('refuses text after a closing quote, and says when a quote opened on an earlier line swallowed rows', () => {
    const merged = syntaxError('name,publisher,n\nAcme,"Pub,1\nBeta,"Other, Inc.",2\n', 3);
    expect(merged.rule).toBe('malformed-quote');
    expect(merged.line).toBe(3);
    expect(merged.message).toContain('Line 3: text follows the closing quote of a quoted field («"Pub,1↵Beta,"O…»)');
    expect(merged.message).toContain(
      'The quoted field began on line 2, so a quote there is probably not closed and lines 2-3 were read as one value.',
    );
    const inline = syntaxError('a,b\n"x"y,2\n');
    expect(inline.message).toBe(
      'Line 2: text follows the closing quote of a quoted field («"x"y…»). Quote the whole field and write a quote inside it as "", or remove the quotes. Nothing was imported.',
    );
  });

  it('refuses a quoted field longer than a cell holds (its closing quote is probably missing)', () => {
    const text = `a,b\n1,"${'x'.repeat(MAX_FIELD_CHARS + 5)}"\n`;
    for (const chunk of [4096, text.length]) {
      const e = syntaxError(text, chunk);
      expect(e.rule).toBe('unclosed-quote');
      expect(e.message).toMatch(
        /^Line 2: the quoted field «"x+…» runs on for more than 32,767 characters \(lines 2-2\), more than a cell holds/,
      );
    }
  });

  it('keeps a quote inside an unquoted field as text, and spaces after a closing quote', () => {
    expect(read('a,b\n5" disc,"x"  \n').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['5" disc', 'x'],
    ]);
  });

  it('detects comma, tab, semicolon and pipe; comma when nothing splits the header', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t"x,y"\n')).toBe('\t');
    expect(detectDelimiter('region;year;share\nChina;2030;68,5\nEU;2030;55\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('a:b:c\n1:2:3\n')).toBe(',');
  });
});
