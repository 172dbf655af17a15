/**
 * Expands a WriteBlock into the per-cell facts every adapter writes: value or formula,
 * number format, hyperlink and bold. Keeps the header/format/hyperlink rules in one place.
 */
import { isSafeHyperlink } from './escape';
import type { CellValue, WriteBlock } from './plan';
import { isFormulaCell } from './validate';

export interface ResolvedCell {
  value: CellValue; // null for formula cells (computed later, if at all)
  formula?: string; // "=SUM(B2:B4)"
  numberFormat: string; // "General" when the column has none
  hyperlink?: string;
  bold: boolean;
}

/** Header rows: as given, else 1 for a table (its header row), else 0. */
export function headerRowCount(block: WriteBlock): number {
  return block.headerRows ?? (block.table ? 1 : 0);
}

/** The resolved cell at block-relative (r, c). Header rows keep General and are bold. */
export function resolveCell(block: WriteBlock, r: number, c: number, headerRows = headerRowCount(block)): ResolvedCell {
  const raw = block.values[r][c];
  const isHeader = r < headerRows;
  const column = block.columns?.[c];
  const numberFormat = !isHeader && column?.numberFormat ? column.numberFormat : 'General';
  if (isFormulaCell(raw)) return { value: null, formula: raw.formula, numberFormat, bold: isHeader };
  const hyperlink = !isHeader && column?.hyperlink && typeof raw === 'string' && isSafeHyperlink(raw) ? raw.trim() : undefined;
  return hyperlink ? { value: raw, numberFormat, hyperlink, bold: isHeader } : { value: raw, numberFormat, bold: isHeader };
}
