import { describe, expect, it } from 'vitest';
import { browserThemeSource, officeThemeKind, officeThemeSource } from './hostTheme';

const win = (matches: Record<string, boolean>) => ({
  matchMedia: (q: string) => ({ matches: Boolean(matches[q]), addEventListener() {}, removeEventListener() {} }),
});

describe('host theme', () => {
  it('standalone follows prefers-color-scheme, and forced colours win', () => {
    expect(browserThemeSource(win({})).read()).toBe('light');
    expect(browserThemeSource(win({ '(prefers-color-scheme: dark)': true })).read()).toBe('dark');
    expect(browserThemeSource(win({ '(prefers-color-scheme: dark)': true, '(forced-colors: active)': true })).read()).toBe('contrast');
  });

  it('reads the Office theme: isDarkTheme, else the body background', () => {
    expect(officeThemeKind({ isDarkTheme: true })).toBe('dark');
    expect(officeThemeKind({ bodyBackgroundColor: '#262626' })).toBe('dark');
    expect(officeThemeKind({ bodyBackgroundColor: '#FFFFFF' })).toBe('light');
    expect(officeThemeKind(undefined)).toBeNull();
  });

  it('re-reads the Office theme when it changes', () => {
    const office = { context: { officeTheme: { isDarkTheme: false } } };
    const source = officeThemeSource({ Office: office }, win({}), 10);
    expect(source.read()).toBe('light');
    office.context.officeTheme = { isDarkTheme: true };
    expect(source.read()).toBe('dark');
  });
});
