import * as React from 'react';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { ThemeKind, ThemeSource } from './hostTheme';

export const THEMES: Record<ThemeKind, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

/** The Fluent theme for the host's current theme, following its changes. */
export function useHostTheme(source: ThemeSource): { kind: ThemeKind; theme: Theme } {
  const [kind, setKind] = React.useState<ThemeKind>(() => source.read());
  React.useEffect(() => {
    const update = () => setKind(source.read());
    update();
    return source.subscribe(update);
  }, [source]);
  return { kind, theme: THEMES[kind] };
}
