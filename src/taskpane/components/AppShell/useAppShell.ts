import * as React from 'react';
import type { AppServices } from '../../../app/types';
import { errorMessage } from '../../errors';
import { useScenario, type ScenarioState } from '../../scenario/useScenario';
import { preloadChart } from '../Chart/LazyChart';
import type { AppShellProps, PaneTab } from './AppShell.types';

/** Below this width the workbook preview goes behind a toggle instead of beside the pane. */
export const NARROW_QUERY = '(max-width: 759px)';

function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function' && performance.getEntriesByName(name).length === 0)
    performance.mark(name);
}

function useMediaQuery(query: string): boolean {
  const read = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false);
  const [matches, setMatches] = React.useState(read);
  React.useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener?.('change', update);
    return () => list.removeEventListener?.('change', update);
  }, [query]);
  return matches;
}

export interface AppShellState {
  services: AppServices | null;
  /** Tabs opened at least once: a section is drawn on its first visit, then kept (inputs survive switches). */
  visited: Set<PaneTab>;
  loadError: string | null;
  tab: PaneTab;
  setTab(tab: PaneTab): void;
  narrow: boolean;
  /** Narrow standalone mode: the workbook preview is shown instead of the pane. */
  showWorkbook: boolean;
  setShowWorkbook(on: boolean): void;
  scenario: ScenarioState;
}

export function useAppShell(props: AppShellProps): AppShellState {
  const given = props.services;
  const [services, setServices] = React.useState<AppServices | null>(() =>
    given instanceof Promise || typeof given === 'function' ? null : given,
  );
  const [loadError, setLoadError] = React.useState<string | null>(null);
  React.useEffect(() => {
    let alive = true;
    const settle = (p: Promise<AppServices> | AppServices) =>
      Promise.resolve(p).then(
        (s) => alive && setServices(s),
        (e: unknown) => alive && setLoadError(`Reversal Lab could not load its models: ${errorMessage(e)}`),
      );
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (typeof given === 'function') {
      // After the first frame is on screen: the pane is usable while the models load.
      const later = () => (timer = setTimeout(() => void settle(given()), 0));
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(later);
      else later();
    } else void settle(given);
    return () => {
      alive = false;
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [given]);
  const [tab, setTabState] = React.useState<PaneTab>('scenario');
  const [visited, setVisited] = React.useState<Set<PaneTab>>(() => new Set(['scenario']));
  const setTab = React.useCallback((next: PaneTab) => {
    setTabState(next);
    setVisited((v) => (v.has(next) ? v : new Set([...v, next])));
  }, []);
  const narrow = useMediaQuery(NARROW_QUERY);
  const [showWorkbook, setShowWorkbook] = React.useState(false);
  const scenario = useScenario(services);
  // Start-up marks, read by the browser suite: the pane drawn, then its first figures.
  React.useEffect(() => {
    mark('rlab:pane');
    preloadChart();
  }, []);
  const hasFigures = scenario.figures !== null;
  React.useEffect(() => {
    if (hasFigures) mark('rlab:figures');
  }, [hasFigures]);
  return { services, visited, loadError, tab, setTab, narrow, showWorkbook: narrow && showWorkbook, setShowWorkbook, scenario };
}
