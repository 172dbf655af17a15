/**
 * Setup file of the pane tests (vitest.config.ts, project "pane"). jsdom has no layout: every element reports a
 * height of 0. The sheet preview draws only the rows in its scroller's view (SheetPreview's useRowWindow) and,
 * with no height, drew every row of a sheet: each model update re-rendered thousands of cells in jsdom (about half
 * of AppShell.test.tsx's time). Here the scroller reports the height of a grid in a task pane, 600 px, so the pane
 * tests draw the rows the browser draws; a test that needs a row further down scrolls to it, as a person would.
 */
const GRID_VIEW_PX = 600;

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.hasAttribute('data-grid-scroller') ? GRID_VIEW_PX : 0;
  },
});
