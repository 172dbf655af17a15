/**
 * Linked sources: where a loaded table came from (stored in workbook metadata under "link:<table>")
 * and how to pull it again: bundled data, a file (identified by its SHA-256) or an https URL
 * (conditional GET with ETag / Last-Modified). Fetch and file reading are injected.
 */
import { sha256HexAsync } from '../../data/sha256';

/** One re-pullable origin of rows. */
export type SingleSource =
  | { kind: 'bundled'; dataset: string; version: string }
  | { kind: 'file'; name: string; sha256: string }
  | { kind: 'url'; url: string; etag?: string; lastModified?: string };

/**
 * A table built by appending rows (import with append): its parts, in table order (the existing
 * table's source(s) first). Parts are never themselves combined: combineSources flattens.
 */
export type CombinedSource = { kind: 'combined'; parts: LinkSource[] };

export type LinkSource = SingleSource | CombinedSource;

/** The link of a table extended with rows from `added`: existing part(s) first, flattened. */
export function combineSources(existing: LinkSource, added: LinkSource): CombinedSource {
  const flat = (s: LinkSource): LinkSource[] => (s.kind === 'combined' ? s.parts.flatMap(flat) : [s]);
  return { kind: 'combined', parts: [...flat(existing), ...flat(added)] };
}

/** Short text naming a source, for titles and reports ("file mine.csv (sha256 0a1b2c…)"). */
export function describeSource(source: LinkSource): string {
  if (source.kind === 'file') return `file ${source.name} (sha256 ${source.sha256.slice(0, 12)})`;
  if (source.kind === 'url') return source.url;
  if (source.kind === 'bundled') return `bundled ${source.dataset} ${source.version}`;
  return source.parts.map(describeSource).join(' + ');
}

export interface TableLink {
  table: string;
  sheet: string;
  /** Schema kind of the rows ("suppliers-summary" for the derived wide table). */
  schema: string;
  source: LinkSource;
  /** ISO timestamp from the injected clock. */
  loadedAt: string;
  rows: number;
  /**
   * tableFingerprint of the table as written (absent in links written before edit protection):
   * a refresh that reads back a different one will not overwrite the person's edits.
   */
  fingerprint?: string;
}

/** Metadata key listing every linked table (the port can only read keys it knows). */
export const LINKS_INDEX_KEY = 'links';
export const linkKey = (table: string) => `link:${table}`;

export interface UrlResponse {
  /** HTTP status; 304 means "not modified". */
  status: number;
  bytes: Uint8Array;
  etag?: string;
  lastModified?: string;
}

/** Fetches a URL with optional conditional headers; injected so tests run without a network. */
export type FetchUrl = (url: string, init: { headers: Record<string, string> }) => Promise<UrlResponse>;
export type ReadFile = (name: string) => Promise<Uint8Array>;

export type PulledSource =
  | { ok: true; unchanged: true; source: LinkSource }
  | { ok: true; unchanged: false; bytes: Uint8Array; source: LinkSource }
  | { ok: false; reason: string };

/** Throws unless the address is an https URL (http and other schemes are refused). */
export function assertHttpsUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL.`);
  }
  if (parsed.protocol !== 'https:') {
    throw new Error(`Only https URLs can be linked; "${url}" uses ${parsed.protocol.replace(':', '')}.`);
  }
  return parsed;
}

/** Adapts a standard fetch() (browser or Node) to FetchUrl. */
export function fetchUrlWith(fetchImpl: typeof fetch): FetchUrl {
  return async (url, init) => {
    const response = await fetchImpl(url, { headers: init.headers, redirect: 'follow' });
    const bytes = response.status === 304 ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      bytes,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  };
}

/** Downloads an https URL; `previous` makes the request conditional. */
export async function pullUrl(url: string, fetchUrl: FetchUrl, previous?: { etag?: string; lastModified?: string }): Promise<PulledSource> {
  try {
    assertHttpsUrl(url);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const headers: Record<string, string> = {};
  if (previous?.etag) headers['If-None-Match'] = previous.etag;
  if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  let response: UrlResponse;
  try {
    response = await fetchUrl(url, { headers });
  } catch (error) {
    return { ok: false, reason: `network error fetching ${url}: ${(error as Error).message}` };
  }
  const source: LinkSource = {
    kind: 'url',
    url,
    etag: response.etag ?? previous?.etag,
    lastModified: response.lastModified ?? previous?.lastModified,
  };
  if (response.status === 304) return { ok: true, unchanged: true, source };
  if (response.status < 200 || response.status >= 300) {
    return { ok: false, reason: `HTTP ${response.status} from ${url}` };
  }
  return { ok: true, unchanged: false, bytes: response.bytes, source };
}

/** Reads a linked file again; unchanged when its SHA-256 matches the recorded one. */
export async function pullFile(name: string, readFile: ReadFile, previousSha256?: string): Promise<PulledSource> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(name);
  } catch (error) {
    return { ok: false, reason: `cannot read ${name}: ${(error as Error).message}` };
  }
  const sha256 = await sha256HexAsync(bytes);
  const source: LinkSource = { kind: 'file', name, sha256 };
  if (previousSha256 === sha256) return { ok: true, unchanged: true, source };
  return { ok: true, unchanged: false, bytes, source };
}

function isSingleSource(value: unknown): boolean {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && ['bundled', 'file', 'url'].includes(kind);
}

function isLinkSource(value: unknown): boolean {
  if (isSingleSource(value)) return true;
  const v = value as { kind?: unknown; parts?: unknown } | null;
  return v?.kind === 'combined' && Array.isArray(v.parts) && v.parts.length > 0 && v.parts.every(isSingleSource);
}

/**
 * Parses a stored link; null when the text is not a link record (e.g. written by an older version).
 * Single-source links written before combined links existed read unchanged.
 */
export function parseTableLink(text: string | null): TableLink | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as TableLink;
    if (typeof value.table !== 'string' || !isLinkSource(value.source)) return null;
    return value;
  } catch {
    return null;
  }
}

export function parseLinksIndex(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
