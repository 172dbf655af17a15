/**
 * Turns uploaded bytes into text: size limit, empty and binary checks, encoding detection.
 * UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM decode as such; bytes that are not valid
 * UTF-8 fall back to windows-1252, the usual encoding of CSVs saved by older Excel versions.
 */
import { DataImportError, MAX_IMPORT_BYTES } from './types';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

const MB = 1024 * 1024;

export function formatMegabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** Rejects files over the size limit and 0-byte files before anything is read. */
export function checkSize(byteLength: number, fileName: string, limitBytes: number = MAX_IMPORT_BYTES): void {
  if (byteLength === 0) {
    throw new DataImportError(`"${fileName}" is a 0-byte file: there is nothing to import.`, 'empty-file');
  }
  if (byteLength > limitBytes) {
    throw new DataImportError(
      `"${fileName}" is ${formatMegabytes(byteLength)}; the import limit is ${Math.round(limitBytes / MB)} MB. ` +
        'Split the file or filter it before importing.',
      'file-too-large',
    );
  }
}

function hasPrefix(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes bytes to text and rejects binary content (NUL or many control characters). */
export function decodeText(bytes: Uint8Array, fileName: string, limitBytes?: number): DecodedText {
  checkSize(bytes.byteLength, fileName, limitBytes);
  let decoded: DecodedText;
  if (hasPrefix(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  } else if (hasPrefix(bytes, [0xff, 0xfe])) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (hasPrefix(bytes, [0xfe, 0xff])) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
      decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }
  assertTextual(decoded.text, fileName);
  if (decoded.text.trim() === '') {
    throw new DataImportError(`"${fileName}" is empty: it holds no header row and no data.`, 'empty-file');
  }
  return decoded;
}

// 0x80-0x9F of windows-1252 (WHATWG encoding table); Node's TextDecoder maps them as latin-1 instead.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** windows-1252 decoding, table-driven so browsers and Node agree. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Thrown by ChunkDecoder when bytes without a BOM turn out not to be UTF-8: decode again as windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('not UTF-8');
    this.name = 'NotUtf8Error';
  }
}

export type TextEncodingName = DecodedText['encoding'];

/** The encoding a BOM announces, or null (UTF-8 is then tried, windows-1252 when it fails). */
export function bomEncoding(bytes: Uint8Array): { encoding: TextEncodingName; skip: number } | null {
  if (hasPrefix(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8-bom', skip: 3 };
  if (hasPrefix(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (hasPrefix(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/**
 * Decodes bytes piece by piece (each piece ends on a character boundary), so big files are
 * never turned into one string. Without a BOM the bytes are read as UTF-8 and NotUtf8Error is thrown at
 * the first invalid sequence: the caller then starts again with `windows-1252`.
 */
export class ChunkDecoder {
  readonly encoding: TextEncodingName;
  private offset: number;
  private done = false;
  private readonly decoder: TextDecoder | null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly chunkBytes: number,
    forceWindows1252 = false,
  ) {
    const bom = bomEncoding(bytes);
    this.offset = bom?.skip ?? 0;
    this.encoding = bom?.encoding ?? (forceWindows1252 ? 'windows-1252' : 'utf-8');
    const label = this.encoding === 'utf-16le' ? 'utf-16le' : this.encoding === 'utf-16be' ? 'utf-16be' : 'utf-8';
    // Not fatal: a fatal TextDecoder is several times slower; invalid UTF-8 shows as U+FFFD and is then confirmed.
    this.decoder = this.encoding === 'windows-1252' ? null : new TextDecoder(label);
  }

  /** Bytes consumed so far (for progress). */
  get position(): number {
    return this.offset;
  }

  /** The next piece of text, or null at the end. */
  next(): string | null {
    if (this.done) return null;
    const bytes = this.bytes;
    let end = Math.min(bytes.length, this.offset + this.chunkBytes);
    const last = end >= bytes.length;
    // Each piece ends on a character boundary and is decoded on its own: TextDecoder's stream mode is
    // several times slower in Node (it leaves the fast UTF-8 path).
    if (!last && this.decoder !== null) {
      if (this.encoding.startsWith('utf-16')) {
        const le = this.encoding === 'utf-16le';
        const cut = utf16Boundary(bytes, this.offset, end, le);
        // A piece smaller than one character (tests use tiny pieces) takes the whole character.
        end = cut > this.offset ? cut : utf16Boundary(bytes, this.offset, Math.min(bytes.length, this.offset + 4), le);
      } else {
        const cut = this.offset + unfinishedFrom(bytes.subarray(this.offset, end));
        end = cut > this.offset ? cut : Math.min(bytes.length, this.offset + utf8Length(bytes[this.offset]));
      }
    }
    const piece = bytes.subarray(this.offset, end);
    this.offset = end;
    this.done = end >= bytes.length;
    if (this.decoder === null) return decodeWindows1252(piece);
    const text = this.decoder.decode(piece);
    if (this.encoding === 'utf-8' && text.indexOf('\ufffd') !== -1 && !validUtf8(piece)) throw new NotUtf8Error();
    return text;
  }
}

/** Bytes of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that cannot lead). */
function utf8Length(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** Where a piece of UTF-16 text may end at or before `end`: an even length that does not split a surrogate pair. */
function utf16Boundary(bytes: Uint8Array, from: number, end: number, littleEndian: boolean): number {
  let cut = from + ((end - from) & ~1);
  if (cut - from >= 2) {
    const unit = littleEndian ? bytes[cut - 2] | (bytes[cut - 1] << 8) : (bytes[cut - 2] << 8) | bytes[cut - 1];
    if (unit >= 0xd800 && unit <= 0xdbff) cut -= 2;
  }
  return cut;
}

/** Where an unfinished UTF-8 sequence at the end of the bytes starts (bytes.length when there is none). */
function unfinishedFrom(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Whether the bytes are valid UTF-8 (needed because a U+FFFD in the decoded text may be in the file itself). */
function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Binary content (NUL bytes, many control characters) in a sample of decoded text; throws DataImportError. */
export function assertTextual(text: string, fileName: string): void {
  // Sample the start: binary formats show NUL or control bytes early (headers, magic numbers).
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) {
      throw new DataImportError(
        `"${fileName}" looks like a binary file (it contains NUL bytes), not CSV, TSV or JSON text.`,
        'binary-file',
      );
    }
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.01) {
    throw new DataImportError(
      `"${fileName}" looks like a binary file (${control} control characters in the first ${sample.length}), not text.`,
      'binary-file',
    );
  }
}
