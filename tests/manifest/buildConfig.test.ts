/** webpack.config.js as a function: the choices a build makes before webpack runs (no build here). */
import { afterEach, describe, expect, it } from 'vitest';

type Config = { optimization: { runtimeChunk: unknown }; plugins: { userOptions?: { filename?: string; chunks?: string[] } }[] };
// The config is plain JavaScript (webpack reads it directly), so it is typed here by what the test uses.
const {
  default: config,
  DEV_BASE_URL,
  resolveBaseUrl,
} = (await import('../../webpack.config.js' as string)) as {
  default: (env: Record<string, string>, argv: { mode: string }) => Config;
  DEV_BASE_URL: string;
  resolveBaseUrl: (env: Record<string, string>, o: { useLocalOfficeJs: boolean }) => string;
};

const saved = process.env.RLAB_BASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.RLAB_BASE_URL;
  else process.env.RLAB_BASE_URL = saved;
});

describe('webpack config', () => {
  it('stops a production build for the Office CDN that was not told its host', () => {
    delete process.env.RLAB_BASE_URL;
    expect(() => config({}, { mode: 'production' })).toThrow(/RLAB_BASE_URL is not set/);
    expect(resolveBaseUrl({}, { useLocalOfficeJs: true })).toBe(DEV_BASE_URL);
    expect(resolveBaseUrl({ RLAB_BASE_URL: 'https://addins.example.org/rl/' }, { useLocalOfficeJs: false })).toBe(
      'https://addins.example.org/rl',
    );
    expect(() => config({ officeJs: 'local' }, { mode: 'production' })).not.toThrow();
  });

  it('refuses a base URL that is not https, naming the variable (webpack stops before it builds)', () => {
    process.env.RLAB_BASE_URL = 'http://addins.example.org';
    expect(() => config({}, { mode: 'production' })).toThrow('RLAB_BASE_URL: "http://addins.example.org" must use https');
  });

  it('gives the pane and the functions one webpack runtime, loaded first', () => {
    process.env.RLAB_BASE_URL = 'https://addins.example.org';
    const built = config({}, { mode: 'production' });
    expect(built.optimization.runtimeChunk).toBe('single');
    const html = built.plugins.find((p) => p.userOptions?.filename === 'taskpane.html');
    expect(html?.userOptions?.chunks).toEqual(['runtime', 'functions', 'taskpane']);
  });
});
