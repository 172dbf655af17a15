/**
 * Which theme the pane should wear: the Office theme inside Office (re-read when it changes), the
 * browser's prefers-color-scheme in standalone mode, and high contrast whenever the system forces colours.
 *
 * The Office theme is read from the `Office` global handed in as `scope`, the same way
 * src/workbook/excel/officeHost.ts detects the host, so tests pass a fake and nothing here needs office.js.
 */
export type ThemeKind = 'light' | 'dark' | 'contrast';

export interface ThemeSource {
  read(): ThemeKind;
  /** Calls back when the theme may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

interface MediaWindow {
  matchMedia?(query: string): {
    matches: boolean;
    addEventListener?(type: 'change', l: () => void): void;
    removeEventListener?(type: 'change', l: () => void): void;
  };
}

function media(win: MediaWindow | undefined, query: string): boolean {
  try {
    return Boolean(win?.matchMedia?.(query).matches);
  } catch {
    return false;
  }
}

function watchMedia(win: MediaWindow | undefined, queries: string[], listener: () => void): () => void {
  const lists = queries.flatMap((q) => {
    try {
      const l = win?.matchMedia?.(q);
      return l ? [l] : [];
    } catch {
      return [];
    }
  });
  lists.forEach((l) => l.addEventListener?.('change', listener));
  return () => lists.forEach((l) => l.removeEventListener?.('change', listener));
}

/** Standalone: the system's colour scheme and forced colours (Windows high contrast). */
export function browserThemeSource(win: MediaWindow | undefined = typeof window === 'undefined' ? undefined : window): ThemeSource {
  return {
    read: () => (media(win, '(forced-colors: active)') ? 'contrast' : media(win, '(prefers-color-scheme: dark)') ? 'dark' : 'light'),
    subscribe: (listener) => watchMedia(win, ['(forced-colors: active)', '(prefers-color-scheme: dark)'], listener),
  };
}

interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

interface OfficeLike {
  context?: {
    officeTheme?: OfficeThemeLike;
    document?: {
      addHandlerAsync?(type: unknown, handler: () => void, callback?: (r: unknown) => void): void;
      removeHandlerAsync?(type: unknown, options: unknown): void;
    };
  };
  EventType?: { OfficeThemeChanged?: unknown };
}

/** Relative luminance of "#rrggbb" (0 black .. 1 white); null when it is not such a colour. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The Office theme's kind: isDarkTheme where the host says it, else a dark body background. */
export function officeThemeKind(theme: OfficeThemeLike | undefined): ThemeKind | null {
  if (!theme) return null;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
  const l = luminance(theme.bodyBackgroundColor);
  return l === null ? null : l < 0.2 ? 'dark' : 'light';
}

/**
 * Inside Office: Office.context.officeTheme, re-read when Office says it changed (where the host raises
 * OfficeThemeChanged), when the pane regains focus or visibility, and every few seconds while visible
 * (Excel raises no theme event); high contrast from the system still wins.
 */
export function officeThemeSource(
  scope: { Office?: unknown } = globalThis as { Office?: unknown },
  win:
    | (MediaWindow & Partial<Pick<Window, 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'>>)
    | undefined = typeof window === 'undefined' ? undefined : window,
  pollMs = 3000,
): ThemeSource {
  const office = () => scope.Office as OfficeLike | undefined;
  const fallback = browserThemeSource(win);
  return {
    read() {
      if (media(win, '(forced-colors: active)')) return 'contrast';
      return officeThemeKind(office()?.context?.officeTheme) ?? fallback.read();
    },
    subscribe(listener) {
      const stops: (() => void)[] = [watchMedia(win, ['(forced-colors: active)', '(prefers-color-scheme: dark)'], listener)];
      const doc = office()?.context?.document;
      const type = office()?.EventType?.OfficeThemeChanged;
      if (doc?.addHandlerAsync && type !== undefined) {
        try {
          doc.addHandlerAsync(type, listener, () => undefined);
          stops.push(() => doc.removeHandlerAsync?.(type, { handler: listener }));
        } catch {
          // Not raised by this host: the polling below covers it.
        }
      }
      if (win?.addEventListener) {
        win.addEventListener('focus', listener);
        stops.push(() => win.removeEventListener?.('focus', listener));
      }
      if (win?.setInterval) {
        const id = win.setInterval(listener, pollMs);
        stops.push(() => win.clearInterval?.(id));
      }
      return () => stops.forEach((s) => s());
    },
  };
}
