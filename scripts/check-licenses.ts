/**
 * License gate for the shipped bundle (npm run check:licenses, after npm run build): reads
 * dist/stats-modules.json (written by the ModuleStatsPlugin in webpack.config.js, one entry per bundled
 * source file), maps each file to its npm package, reads that package's license and fails on GPL-family
 * licenses (copyleft would bind the whole add-in) and on licenses it cannot classify.
 *
 *   npx tsx scripts/check-licenses.ts [path/to/stats-modules.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type LicenseVerdict = 'allowed' | 'forbidden' | 'unknown';

export interface PackageUse {
  name: string;
  version: string;
  license: string;
  verdict: LicenseVerdict;
  moduleCount: number;
  chunks: string[];
}

export interface ModuleStats {
  modules: { resource: string; chunks: string[] }[];
}

/** SPDX ids accepted in the bundle: permissive, or (MPL-2.0) copyleft limited to the unchanged files themselves. */
const ALLOWED_LICENSES = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'Unlicense',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Python-2.0',
  'Zlib',
  'MPL-2.0',
  'WTFPL',
  'CC-BY-4.0',
]);
const COPYLEFT = /^(A|L)?GPL-|^(A|L)?GPL$|^(AGPL|LGPL|GPL)/i;

/** Classifies an SPDX expression: "A OR B" passes if either side passes, "A AND B" needs both. */
export function classifyLicense(expression: string): LicenseVerdict {
  const expr = expression
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  if (!expr) return 'unknown';
  const orParts = expr.split(/\s+OR\s+/i);
  if (orParts.length > 1) {
    const verdicts = orParts.map(classifyLicense);
    if (verdicts.includes('allowed')) return 'allowed';
    return verdicts.includes('forbidden') ? 'forbidden' : 'unknown';
  }
  const andParts = expr.split(/\s+AND\s+/i);
  if (andParts.length > 1) {
    const verdicts = andParts.map(classifyLicense);
    if (verdicts.includes('forbidden')) return 'forbidden';
    return verdicts.every((v) => v === 'allowed') ? 'allowed' : 'unknown';
  }
  const id = expr.replace(/\+$/, '');
  if (COPYLEFT.test(id)) return 'forbidden';
  return ALLOWED_LICENSES.has(id) ? 'allowed' : 'unknown';
}

/** The license string of a package.json, including the deprecated `licenses: [{type}]` form. */
export function licenseOf(pkg: { license?: unknown; licenses?: unknown }): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license === 'object' && 'type' in pkg.license) return String((pkg.license as { type: unknown }).type);
  if (Array.isArray(pkg.licenses))
    return pkg.licenses
      .map((l: { type?: unknown }) => String(l?.type ?? ''))
      .filter(Boolean)
      .join(' OR ');
  return '';
}

/** Package folder and name for a bundled file, or null for the project's own sources. */
export function packageOf(resource: string): { dir: string; name: string } | null {
  const withSlash = '/' + resource.split('\\').join('/');
  const marker = '/node_modules/';
  const at = withSlash.lastIndexOf(marker);
  if (at < 0) return null;
  const prefix = withSlash.slice(1, at); // '' for "node_modules/..." paths relative to the project
  const rest = withSlash.slice(at + marker.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return { dir: `${prefix ? prefix + '/' : ''}node_modules/${name}`, name };
}

/** Groups bundled files by npm package and reads each package's license (root: where relative paths start). */
export function collectPackages(stats: ModuleStats, root: string): PackageUse[] {
  const byDir = new Map<string, PackageUse>();
  for (const module of stats.modules) {
    const pkgRef = packageOf(module.resource);
    const dir = pkgRef ? pkgRef.dir : '.';
    let use = byDir.get(dir);
    if (!use) {
      const manifestFile = resolve(root, dir, 'package.json');
      const pkg = existsSync(manifestFile)
        ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string; license?: unknown; licenses?: unknown })
        : {};
      const license = licenseOf(pkg);
      use = {
        name: pkgRef ? pkgRef.name : `${pkg.name ?? 'project'} (own sources)`,
        version: pkg.version ?? '?',
        license: license || '(none declared)',
        verdict: license ? classifyLicense(license) : 'unknown',
        moduleCount: 0,
        chunks: [],
      };
      byDir.set(dir, use);
    }
    use.moduleCount += 1;
    for (const chunk of module.chunks) if (!use.chunks.includes(chunk)) use.chunks.push(chunk);
  }
  // The same name@version installed in several nested node_modules folders is one row.
  const merged = new Map<string, PackageUse>();
  for (const use of byDir.values()) {
    const key = `${use.name}@${use.version}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, use);
    else {
      seen.moduleCount += use.moduleCount;
      for (const chunk of use.chunks) if (!seen.chunks.includes(chunk)) seen.chunks.push(chunk);
    }
  }
  return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

export function formatTable(rows: PackageUse[]): string {
  const header = ['package', 'version', 'license', 'verdict', 'files', 'chunks'];
  const cells = rows.map((r) => [r.name, r.version, r.license, r.verdict, String(r.moduleCount), r.chunks.sort().join(',')]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Runs the gate on a stats file; returns the rows and the failure messages (empty when it passes). */
export function checkLicenses(statsPath: string, root: string): { rows: PackageUse[]; problems: string[] } {
  if (!existsSync(statsPath)) {
    return {
      rows: [],
      problems: [`${statsPath} not found: run "npm run build" (production) first; it writes the list of bundled modules`],
    };
  }
  const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ModuleStats;
  if (!Array.isArray(stats.modules)) return { rows: [], problems: [`${statsPath}: expected {"modules": [...]}`] };
  const rows = collectPackages(stats, root);
  const problems = rows
    .filter((r) => r.verdict !== 'allowed')
    .map((r) =>
      r.verdict === 'forbidden'
        ? `${r.name}@${r.version} is ${r.license}: copyleft licenses may not ship in the bundle (chunks: ${r.chunks.join(', ')})`
        : `${r.name}@${r.version} has an unknown license "${r.license}": review it and add its SPDX id to ALLOWED_LICENSES if it is acceptable`,
    );
  return { rows, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const statsPath = resolve(process.argv[2] ?? join(projectRoot, 'dist', 'stats-modules.json'));
  const { rows, problems } = checkLicenses(statsPath, projectRoot);
  if (rows.length > 0) console.log(formatTable(rows));
  console.log(`\n${rows.length} packages in the shipped bundle`);
  for (const problem of problems) console.error(`FAIL: ${problem}`);
  if (problems.length === 0) console.log('ok: no GPL/AGPL/LGPL and no unknown licenses');
  process.exitCode = problems.length > 0 ? 1 : 0;
}
