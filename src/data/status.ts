/**
 * Status words of the reference data normalised to a short display label, so a sheet can show at a
 * glance what is verified and what is only an article's claim (see src/data/reference/README.md).
 * The original status text is always kept next to the label.
 */
export type StatusLabel = 'per article' | 'provisional' | 'derived' | 'verified' | 'published' | string;

export interface StatusContext {
  kind?: string;
  year?: number | null;
}

/** Maps a status text to its display label; unknown words are kept (first clause, as given). */
export function statusLabel(status: string, context: StatusContext = {}): StatusLabel {
  const text = status.trim();
  if (text === '') return '';
  // Upper-case UNVERIFIED marks claims of "The Great Reversal" (2025) that no source confirmed;
  // the lower-case "(unverified)" inside other statuses qualifies a detail and is not an article claim.
  if (/^UNVERIFIED/.test(text) || /^per article/i.test(text)) return 'per article';
  // The 2025 sales figures come from a later IEA edition that was not cross-checked.
  if ((context.kind === 'nev-sales' && context.year === 2025) || /^provisional/i.test(text)) return 'provisional';
  if (/^derived/i.test(text)) return 'derived';
  if (/^(value )?verified/i.test(text)) return 'verified';
  if (/^published/i.test(text)) return 'published';
  const firstClause = text.split(/\s*[(;]|\s+-\s+/)[0].trim();
  return firstClause.toLowerCase();
}
