/** Pure checks behind tests/architecture.test.ts (kept separate so the rules themselves are tested). */
export interface SourceFile {
  /** Path relative to the project root with forward slashes, e.g. "src/model/nev.ts". */
  path: string;
  text: string;
}

type Layer = 'model' | 'data' | 'workbook' | 'app' | 'taskpane' | 'functions' | 'cli';

/** Which layers each layer may import (itself always allowed). */
const ALLOWED: Record<Layer, Layer[]> = {
  model: [],
  data: ['model'],
  workbook: ['model'],
  app: ['data', 'workbook', 'model'],
  taskpane: ['app', 'workbook', 'model'],
  functions: ['app', 'model', 'data'],
  cli: ['app', 'data', 'workbook', 'model'],
};

/** npm packages a layer may not import (pure layers stay free of UI and host code). */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  model: /^(react|react-dom|@fluentui\/|@microsoft\/office-js|exceljs|papaparse|node:|fs$|path$)/,
  data: /^(react|react-dom|@fluentui\/|@microsoft\/office-js|node:|fs$|path$)/,
  workbook: /^(react|react-dom|@fluentui\/)/,
  app: /^(react|react-dom|@fluentui\/)/,
};

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function layerOf(path: string): Layer | null {
  const m = /^src\/([^/]+)\//.exec(path);
  return m && m[1] in ALLOWED ? (m[1] as Layer) : null;
}

function resolveRelative(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/') + '/';
}

export function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) specs.push((m[1] ?? m[2] ?? m[3]) as string);
  return specs;
}

export function findImportViolations(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    // Tests are cross-layer by nature (fixtures from data, ports from workbook); the rule is for shipped code.
    if (!layer || /\.test\.tsx?$/.test(file.path)) continue;
    for (const spec of importsOf(file.text)) {
      if (spec.startsWith('.')) {
        const target = layerOf(resolveRelative(file.path, spec));
        if (target && target !== layer && !ALLOWED[layer].includes(target)) {
          problems.push(`${file.path} imports '${spec}' (${layer} may not import ${target})`);
        }
      } else if (spec === 'mathjs' || spec.startsWith('mathjs/')) {
        if (file.path !== 'src/model/math.ts' && !file.path.startsWith('bench/')) {
          problems.push(`${file.path} imports '${spec}' (mathjs is imported only in src/model/math.ts)`);
        }
      } else if (FORBIDDEN_PACKAGES[layer]?.test(spec)) {
        problems.push(`${file.path} imports '${spec}' (${layer} may not import the package ${spec})`);
      }
    }
  }
  return problems;
}

/** Strips comments and string literals so that a word in a comment or message does not count. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

export function findGlobalViolations(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!file.path.startsWith('src/') || /^src\/(workbook\/excel|functions)\//.test(file.path)) continue;
    if (/\.test\.tsx?$/.test(file.path)) continue;
    const code = codeOnly(file.text);
    for (const name of ['Excel', 'Office'] as const) {
      // Any member access on the global (a call, a type like Excel.Range) ties the file to the host.
      if (new RegExp(`(?<![\\w.$])${name}\\s*\\.\\s*[A-Za-z_]`).test(code)) {
        problems.push(`${file.path} uses the ${name} global (only src/workbook/excel and src/functions may)`);
      }
    }
  }
  return problems;
}

/**
 * Test-only code lives under tests/ (helpers in tests/helpers): shipped code in src/ imports nothing from tests/,
 * and src/ holds no test support files (a testing/, fixtures/ or helpers/ folder, or a fake*, testing* or
 * *.fixture.ts file). Test files (*.test.ts) may sit next to their module.
 */
export function findTestCodeInSrc(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!file.path.startsWith('src/') || /\.test\.tsx?$/.test(file.path)) continue;
    if (/\/(testing|fixtures|helpers)\/|\/(fake[^/]*|testing[^/]*|[^/]*\.fixtures?\.tsx?)$/i.test(file.path)) {
      problems.push(`${file.path} is test support code (it belongs under tests/helpers)`);
    }
    for (const spec of importsOf(file.text)) {
      if (spec.startsWith('.') && resolveRelative(file.path, spec).startsWith('tests/')) {
        problems.push(`${file.path} imports '${spec}' (shipped code may not import test code)`);
      }
    }
  }
  return problems;
}

/** Relative imports of a file that load code at run time (`import type` / `export type` are left out). */
function valueImportsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const statement = m[0].trimStart();
    if (/^(import|export)\s+type\s/.test(statement)) continue;
    specs.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return specs;
}

/**
 * Import cycles among the files, as "a -> b -> a" (each cycle once, from its smallest path). With
 * `typesToo` false, only imports that load code count (a type-only cycle costs nothing at run time).
 */
export function findCycles(files: SourceFile[], typesToo: boolean): string[] {
  const paths = new Set(files.map((f) => f.path));
  const resolveFile = (from: string, spec: string): string | null => {
    const base = resolveRelative(from, spec).replace(/\/$/, '');
    for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) if (paths.has(base + ext)) return base + ext;
    return null;
  };
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const specs = (typesToo ? importsOf(f.text) : valueImportsOf(f.text)).filter((s) => s.startsWith('.'));
    edges.set(
      f.path,
      specs.map((s) => resolveFile(f.path, s)).filter((p): p is string => p !== null),
    );
  }
  const cycles = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next));
        const start = loop.indexOf([...loop].sort()[0]);
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...rotated, rotated[0]].join(' -> '));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const f of [...paths].sort()) if (!state.has(f)) visit(f);
  return [...cycles].sort();
}
