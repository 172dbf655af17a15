/**
 * Rendering for the jsdom pane tests.
 *
 * Fluent UI styles through Griffel, which inserts thousands of CSS rules into the document. jsdom's
 * getComputedStyle matches every rule against the element, and Testing Library's role queries call it for
 * every node they name (the accessible-name walk asks whether each node is hidden): with the rules in
 * place, role queries took about half of the UI tests' time (14 of 31 s in AppShell.test.tsx, measured with
 * --cpu-prof). jsdom has no layout, so of those rules only the ones that hide something decide what a
 * query sees (Fluent's Tab, for one, keeps a hidden copy of its label). renderUi lets Griffel insert only
 * the rules that hide (display: none, visibility: hidden) and keeps the rest out of the document.
 */
import * as React from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { createAppServices, type CreateServicesOptions } from '../../src/app/createServices';
import { AppShell } from '../../src/taskpane/components/AppShell/AppShell';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';

// findBy*/waitFor give up after 1 s by default. `npm test` runs this suite beside the build, the linters and the
// browser suite on two cores, where a model run plus a sheet write can take longer than that (seen: "Unable to
// find role=grid" in AppShell.test.tsx). The wait is for the pane to finish, not a speed check: allow 10 s.
configure({ asyncUtilTimeout: 10_000 });

/** A CSS rule that can hide an element from a role query; every other rule stays out of jsdom. */
export const HIDING_RULE = /display:\s*none|visibility:\s*hidden/;

/** Renders a pane component with only Fluent's hiding rules in jsdom (see above). */
export function renderUi(ui: React.ReactElement): RenderResult {
  const renderer = createDOMRenderer(document, { unstable_filterCSSRule: (rule) => HIDING_RULE.test(rule) });
  return render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      {ui}
    </RendererProvider>,
  );
}

type ServiceOptions = Partial<Omit<CreateServicesOptions, 'port' | 'mode'>>;

/** Real services over an in-memory workbook, as the standalone mode runs them, at a fixed clock. */
export function standaloneServices(options: ServiceOptions = {}, wb = new MemoryWorkbook()) {
  const services = createAppServices({ port: wb, mode: 'standalone', now: () => '2026-11-28T00:00:00Z', ...options });
  return { wb, services };
}

/** The whole pane on standaloneServices. */
export function renderPane(options: ServiceOptions = {}) {
  const { wb, services } = standaloneServices(options);
  renderUi(<AppShell services={services} preview={wb} standaloneReason="test" />);
  return { wb, services };
}
