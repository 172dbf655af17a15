/**
 * Setup file of the pane tests (vitest.config.ts, project "pane"): what the pane needs from a browser and jsdom
 * does not give, installed before every pane test file.
 *
 * - ResizeObserver and matchMedia, which Fluent UI touches and jsdom lacks (no-op versions).
 * - A height for the sheet preview's scroller. jsdom has no layout: every element reports a height of 0. The
 *   preview draws only the rows in its scroller's view (SheetPreview's useRowWindow) and, with no height, drew
 *   every row of a sheet: each model update re-rendered thousands of cells in jsdom (about half of
 *   AppShell.test.tsx's time). The scroller reports the height of a grid in a task pane, 600 px, so the pane
 *   tests draw the rows the browser draws; a test that needs a row further down scrolls to it, as a person would.
 */
const GRID_VIEW_PX = 600;

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

window.matchMedia ??= ((q: string) => ({
  matches: false,
  media: q,
  addEventListener() {},
  removeEventListener() {},
  addListener() {},
  removeListener() {},
  onchange: null,
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.hasAttribute('data-grid-scroller') ? GRID_VIEW_PX : 0;
  },
});
