/**
 * Which plan strings need protecting so that a spreadsheet keeps them as text.
 * Plan strings are data (supplier names, source titles, URLs); only FormulaCell is a formula.
 *
 * Per adapter (see docs/workbook.md):
 * - Excel (Office.js): Range.values parses strings like typed input (formulas, numbers, dates, errors,
 *   percentages, fractions, and what it parses depends on the locale), so no test of the string can say
 *   which ones are safe: the adapter formats every string cell "@" (Text) in the same request, queued
 *   before the values (excel/excelWrite.ts). No apostrophe prefix: range.formulas drops it on read-back
 *   (OfficeDev/office-js issue #6687), so round trips would not be exact.
 * - xlsx (exceljs): strings are written as string cells (shared strings); exceljs only writes a
 *   formula for an explicit { formula } value, so no escaping is needed.
 * - memory: values are stored typed; nothing is ever parsed.
 * `isFormulaLike` names the strings a CSV consumer could run as formulas, for the pane's report.
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

/** URL schemes rendered as hyperlinks; anything else (javascript:, file:) stays plain text. */
export function isSafeHyperlink(text: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(text.trim());
}
