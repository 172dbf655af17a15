/**
 * Which plan strings need protecting so that a spreadsheet keeps them as text.
 * Plan strings are data (supplier names, source titles, URLs); only FormulaCell is a formula.
 *
 * Per adapter (see docs/workbook.md):
 * - Excel (Office.js): Range.values parses strings like typed input: a leading "=", "+" or "-"
 *   becomes a formula (documented on Range.values in @types/office-js) and "007", "TRUE",
 *   "2024-01-02" become numbers, booleans, dates. Such cells get numberFormat "@" in the same
 *   request, queued before the values, so Excel stores the string as text. We do not prefix an
 *   apostrophe: it would become part of the value in some hosts and range.formulas drops it on
 *   read-back (OfficeDev/office-js issue #6687), so round trips would not be exact.
 * - xlsx (exceljs): strings are written as string cells (shared strings); exceljs only writes a
 *   formula for an explicit { formula } value, so no escaping is needed.
 * - memory: values are stored typed; nothing is ever parsed.
 */

/**
 * Leading characters that make Excel (or a CSV reader) start a formula: "=", "+", "-", "@" and,
 * per OWASP "CSV Injection" guidance, tab (0x09) and carriage return (0x0D).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** True when Excel or a CSV consumer could read the string as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * True when Excel's input parser would turn the string into a non-text value: numbers (with
 * thousands separators, exponent, percent or currency), booleans, dates and times.
 */
export function isExcelCoercible(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return false;
  if (/^[-+]?[$€£¥]?\s?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?%?$/.test(t) && /\d/.test(t)) return true;
  if (/^\(?[$€£¥]?\d[\d,]*(\.\d+)?\)?$/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(t)) return true; // 2024-01-02, 1/2, 02.01.2024
  if (/^\d{1,2}[-\s](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([-\s]\d{2,4})?$/i.test(t)) return true;
  if (/^\d{1,2}:\d{2}(:\d{2})?(\s?[ap]m)?$/i.test(t)) return true;
  return false;
}

/** Excel adapter: the string must be written into a cell formatted "@" to stay text. */
export function needsTextFormatInExcel(text: string): boolean {
  return isFormulaLike(text) || isExcelCoercible(text);
}

/** URL schemes rendered as hyperlinks; anything else (javascript:, file:) stays plain text. */
export function isSafeHyperlink(text: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(text.trim());
}
