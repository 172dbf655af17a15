/**
 * Static server for the built add-in (npm start): dist/ at the root and office.js from
 * node_modules/@microsoft/office-js/dist under /office-js/ (86 MB, so it is served in place, never copied).
 * Plain http by default; https when RLAB_HTTPS=1 and the office-addin-dev-certs files exist, which is what
 * Excel needs for sideloading (the manifest says https://localhost:3000).
 *
 *   npx tsx scripts/serve.ts            env PORT (default 3000), RLAB_HTTPS=1
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OFFICE_JS_PREFIX = '/office-js/';
export const DEFAULT_OFFICE_JS_DIR = join(projectRoot, 'node_modules', '@microsoft', 'office-js', 'dist');

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
};

export interface ServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Folder served at "/" (normally dist/). */
  root: string;
  /** Folder served at /office-js/; default node_modules/@microsoft/office-js/dist. */
  officeJsDir?: string;
  /** Key and certificate for https; plain http when absent. */
  tls?: { key: Buffer; cert: Buffer };
  /** Interface to bind; default 127.0.0.1 (the add-in is only ever loaded from this machine). */
  host?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Maps a request path onto a file inside base, or null when it would leave base (../, encoded
 * separators, NUL) or cannot be decoded. Exported for the traversal tests.
 */
export function resolveInside(base: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const baseDir = resolve(base);
  const target = resolve(baseDir, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  return target === baseDir || target.startsWith(baseDir + sep) ? target : null;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function handle(options: Required<Pick<ServerOptions, 'root' | 'officeJsDir'>>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'Method not allowed');
    }
    // Raw path (no URL normalisation) so that "/../x" reaches the traversal check instead of being folded away.
    const rawPath = (req.url ?? '/').split(/[?#]/)[0];
    let base = options.root;
    let path = rawPath === '/' ? '/taskpane.html' : rawPath;
    if (path.startsWith(OFFICE_JS_PREFIX)) {
      base = options.officeJsDir;
      path = path.slice(OFFICE_JS_PREFIX.length - 1);
    }
    const file = resolveInside(base, path);
    if (file === null) return send(res, 403, 'Forbidden: path leaves the served folder');
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return send(res, 404, `Not found: ${rawPath}`);
      size = stat.size;
    } catch {
      return send(res, 404, `Not found: ${rawPath}`);
    }
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'X-Content-Type-Options': 'nosniff',
      // Office caches add-in files aggressively; during development every reload should see the new build.
      'Cache-Control': 'no-cache',
      // Excel fetches functions.json (and may fetch the scripts) from another origin than the page it
      // runs them in (Office on the web, the custom functions runtime): without CORS it refuses them.
      'Access-Control-Allow-Origin': '*',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}

/** Starts the static server; resolves once it listens. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const root = resolve(options.root);
  if (!existsSync(root))
    return Promise.reject(new Error(`startServer: root folder ${root} does not exist (build first: npm run build:dev)`));
  const handler = handle({ root, officeJsDir: resolve(options.officeJsDir ?? DEFAULT_OFFICE_JS_DIR) });
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      const url = `${options.tls ? 'https' : 'http'}://localhost:${port}`;
      resolvePromise({
        url,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections?.();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}

/** The office-addin-dev-certs files, when RLAB_HTTPS=1 and they exist. */
export function devCertificate(env: NodeJS.ProcessEnv = process.env): { key: Buffer; cert: Buffer } | undefined {
  if (env.RLAB_HTTPS !== '1') return undefined;
  const dir = join(homedir(), '.office-addin-dev-certs');
  const keyFile = join(dir, 'localhost.key');
  const certFile = join(dir, 'localhost.crt');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    throw new Error(
      `RLAB_HTTPS=1 but ${certFile} / ${keyFile} are missing: run "npx office-addin-dev-certs install" on your own machine first`,
    );
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}

async function main(): Promise<void> {
  const root = join(projectRoot, 'dist');
  if (!existsSync(join(root, 'taskpane.html')))
    throw new Error('dist/taskpane.html is missing: run "npm run build:dev" (npm start does this for you)');
  const port = Number(process.env.PORT ?? 3000);
  const server = await startServer({ port, root, tls: devCertificate() });
  console.log(`Reversal Lab served at ${server.url}`);
  console.log(`  Browser (standalone, in-memory workbook): open ${server.url}/taskpane.html`);
  console.log(`  Manifest for sideloading: ${server.url}/manifest.xml (Excel needs https: RLAB_HTTPS=1, see docs/build.md)`);
  const debuggingInstalled = existsSync(join(projectRoot, 'node_modules', 'office-addin-debugging'));
  if (process.platform === 'win32' || process.platform === 'darwin') {
    console.log(
      `  Excel desktop: in another terminal run "npm run start:desktop"${debuggingInstalled ? '' : ' (fetches office-addin-debugging with npx)'}`,
    );
  }
  console.log('Press Ctrl+C to stop.');
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
