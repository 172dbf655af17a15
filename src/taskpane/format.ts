/** Pane number formatting: the shared unit rules of src/app/units.ts (the sheets use the same). */
export { ariaValueText, displayUnit, formatNumber, formatValue, parseEntry, plural, unitKind } from '../app/units';
