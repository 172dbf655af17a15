/*
 * Excel custom functions (namespace RLAB, see manifest/manifest.xml). Minimal placeholder created by the
 * build setup so the bundle and functions.json can be produced; the lead replaces it with the model wrappers.
 */

/** Injected by webpack's DefinePlugin from package.json "version"; absent under vitest/tsx. */
declare const __RLAB_VERSION__: string | undefined;

/**
 * Returns the Reversal Lab version that is loaded in this workbook.
 * @customfunction VERSION
 * @returns The add-in version, e.g. "0.1.0".
 */
export function version(): string {
  return typeof __RLAB_VERSION__ === 'string' ? __RLAB_VERSION__ : 'dev';
}
