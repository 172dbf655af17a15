/** scripts/serve.ts: files from the root and from the office.js folder, MIME types, and no way out of either. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside, startServer, type RunningServer } from '../../scripts/serve';

let server: RunningServer;
let sandbox: string;

/** Sends the path byte for byte (fetch would normalise "/../" away before the server sees it). */
function rawGet(path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  sandbox = mkdtempSync(join(tmpdir(), 'rlab-serve-'));
  const site = join(sandbox, 'dist');
  const officeJs = join(sandbox, 'office-js');
  mkdirSync(join(site, 'assets'), { recursive: true });
  mkdirSync(join(officeJs, 'de-de'), { recursive: true });
  writeFileSync(join(site, 'taskpane.html'), '<!doctype html><title>pane</title>');
  writeFileSync(join(site, 'functions.json'), '{"functions":[]}');
  writeFileSync(join(site, 'assets', 'icon-16.png'), Buffer.from([137, 80, 78, 71]));
  writeFileSync(join(officeJs, 'office.js'), 'var Office = {};');
  writeFileSync(join(officeJs, 'de-de', 'office_strings.js'), 'var strings = {};');
  writeFileSync(join(sandbox, 'secret.txt'), 'outside the served folders');
  server = await startServer({ port: 0, root: site, officeJsDir: officeJs });
});

afterAll(async () => {
  await server?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on a free port when asked for port 0 and reports its URL', () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.url).not.toBe('http://localhost:0');
  });

  it('serves the pane with the right MIME types, and / as the pane', async () => {
    expect(await rawGet('/taskpane.html')).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>pane</title>',
    });
    expect((await rawGet('/')).body).toBe('<!doctype html><title>pane</title>');
    expect((await rawGet('/functions.json')).type).toBe('application/json; charset=utf-8');
    expect((await rawGet('/assets/icon-16.png')).type).toBe('image/png');
  });

  it('lets Excel fetch functions.json and the scripts from another origin (CORS)', async () => {
    for (const path of ['/functions.json', '/taskpane.html', '/office-js/office.js']) {
      const res = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://excel.officeapps.live.com' } });
      expect([path, res.status, res.headers.get('access-control-allow-origin')]).toEqual([path, 200, '*']);
    }
  });

  it('serves office.js and its sibling folders under /office-js/', async () => {
    expect(await rawGet('/office-js/office.js')).toEqual({ status: 200, type: 'text/javascript; charset=utf-8', body: 'var Office = {};' });
    expect((await rawGet('/office-js/de-de/office_strings.js')).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/../../secret.txt',
    '/office-js/../secret.txt',
    '/office-js/..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/taskpane.html%00.png',
  ])('refuses %s (directory traversal)', async (path) => {
    const response = await rawGet(path);
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('outside the served folders');
  });

  it('answers 404 for a missing file and for a folder, 405 for POST, and HEAD without a body', async () => {
    expect((await rawGet('/nope.js')).status).toBe(404);
    expect((await rawGet('/assets')).status).toBe(404);
    expect((await rawGet('/taskpane.html', 'POST')).status).toBe(405);
    expect(await rawGet('/taskpane.html', 'HEAD')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '' });
  });

  it('refuses to start on a root that does not exist', async () => {
    await expect(startServer({ port: 0, root: join(sandbox, 'missing') })).rejects.toThrow(/root folder .*missing does not exist/);
  });
});

describe('resolveInside', () => {
  it('keeps paths inside the base and rejects the rest', () => {
    expect(resolveInside('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
    expect(resolveInside('/srv/site', '/a/../b.js')).toBe('/srv/site/b.js');
    expect(resolveInside('/srv/site', '/../site2/x')).toBeNull();
    expect(resolveInside('/srv/site', '/%E0%A4%A')).toBeNull(); // undecodable
  });
});
