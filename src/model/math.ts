/**
 * The one file that imports mathjs: a minimal, sandboxed instance for user expressions
 * (derived metrics over output and parameter ids). Follows the mathjs security notes:
 * the instance is built with create(...) from only the functions needed, and import,
 * createUnit, evaluate, parse, simplify, derivative, compile, resolve and reviver are
 * overridden to throw after the parser has been taken. The parsed tree is then checked
 * against an allow-list (numbers, known symbols, + - * / ^, unary minus, parentheses and a
 * few pure functions); assignments, function definitions, accessors, arrays, objects,
 * strings, ranges and blocks are rejected before anything is evaluated.
 */
import {
  create,
  absDependencies,
  addDependencies,
  compileDependencies,
  divideDependencies,
  expDependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  type MathNode,
} from 'mathjs';

/**
 * The sandboxed instance, built on first use: creating it costs about 200 ms of start-up, and most callers
 * (a model run without derived metrics, most CLI commands) never parse an expression.
 */
let parser: ((expr: string) => MathNode) | undefined;
function parseExpression(expr: string): MathNode {
  if (!parser) {
    const math = create(
      {
        absDependencies,
        addDependencies,
        compileDependencies,
        divideDependencies,
        expDependencies,
        logDependencies,
        maxDependencies,
        minDependencies,
        multiplyDependencies,
        parseDependencies,
        powDependencies,
        sqrtDependencies,
        subtractDependencies,
        unaryMinusDependencies,
        unaryPlusDependencies,
      },
      { number: 'number' },
    );
    // Keep the parser, then disable every function that could reach the parser or extend the instance.
    const parse = math.parse;
    const disabled = (name: string) => () => {
      throw new Error(`function ${name} is disabled in expressions`);
    };
    math.import(
      {
        import: disabled('import'),
        createUnit: disabled('createUnit'),
        evaluate: disabled('evaluate'),
        parse: disabled('parse'),
        simplify: disabled('simplify'),
        derivative: disabled('derivative'),
        compile: disabled('compile'),
        resolve: disabled('resolve'),
        reviver: disabled('reviver'),
      },
      { override: true },
    );
    parser = (text) => parse(text);
  }
  return parser(expr);
}

/** Longest accepted expression, characters. */
export const MAX_EXPRESSION_LENGTH = 500;
const ALLOWED_FUNCTIONS = new Set(['abs', 'exp', 'log', 'sqrt', 'min', 'max']);
const ALLOWED_OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
// Ids are dotted names ("nev.sales.Europe"); a number never starts one.
const ID_PATTERN = /(?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
const ALLOWED_CHARS = /^[A-Za-z0-9_.\s+\-*/^(),]*$/;

function suggest(name: string, ids: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = editDistance(name, id);
    if (d < bestDistance) {
      bestDistance = d;
      best = id;
    }
  }
  return best && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean '${best}'?)` : '';
}

/** Levenshtein distance; used for "did you mean" hints on unknown ids. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Names the closest id when one is close enough: "unknown parameter 'x' (did you mean 'y'?)". */
export function didYouMean(name: string, ids: readonly string[]): string {
  return suggest(name, ids);
}

function checkTree(node: MathNode, allowedSymbols: ReadonlySet<string>): string | undefined {
  let problem: string | undefined;
  node.traverse((child: MathNode, _path: string, parent: MathNode | null) => {
    if (problem) return;
    switch (child.type) {
      case 'ConstantNode': {
        const value = (child as unknown as { value: unknown }).value;
        if (typeof value !== 'number') problem = 'only numeric constants are allowed';
        return;
      }
      case 'ParenthesisNode':
        return;
      case 'OperatorNode': {
        const fn = (child as unknown as { fn: string }).fn;
        if (!ALLOWED_OPERATORS.has(fn)) problem = `operator '${(child as unknown as { op: string }).op}' is not allowed`;
        return;
      }
      case 'FunctionNode': {
        const fnNode = (child as unknown as { fn: MathNode }).fn;
        const name = fnNode.type === 'SymbolNode' ? (fnNode as unknown as { name: string }).name : '';
        if (!ALLOWED_FUNCTIONS.has(name)) problem = `function '${name || fnNode.toString()}' is not allowed`;
        return;
      }
      case 'SymbolNode': {
        const name = (child as unknown as { name: string }).name;
        const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === child;
        if (isCallee ? !ALLOWED_FUNCTIONS.has(name) : !allowedSymbols.has(name)) problem = `unknown symbol '${name}'`;
        return;
      }
      default:
        problem = `${child.type.replace(/Node$/, '').toLowerCase()} syntax is not allowed`;
    }
  });
  return problem;
}

export type CompiledExpression =
  | { ok: true; evaluate(scope: Record<string, number | number[]>): number | number[] }
  | { ok: false; error: string };

/**
 * Compiles a user expression over dotted ids into a sandboxed evaluator. The scope is keyed by
 * the same ids; arrays are combined element-wise (one value per year).
 * @example const e = compileExpression('exports.value.total / nev.sales.Europe', ['exports.value.total', 'nev.sales.Europe']);
 *   e.ok && e.evaluate({ 'exports.value.total': 10, 'nev.sales.Europe': 4 }) // 2.5
 */
export function compileExpression(expr: string, allowedIds: readonly string[]): CompiledExpression {
  if (typeof expr !== 'string' || expr.trim() === '') return { ok: false, error: 'expression is empty' };
  if (expr.length > MAX_EXPRESSION_LENGTH) return { ok: false, error: `expression is longer than ${MAX_EXPRESSION_LENGTH} characters` };
  if (!ALLOWED_CHARS.test(expr)) {
    const bad = [...expr].find((c) => !ALLOWED_CHARS.test(c));
    return { ok: false, error: `character '${bad}' is not allowed in expressions` };
  }
  const allowed = new Set(allowedIds);
  const symbolOf = new Map<string, string>();
  let unknown: string | undefined;
  const mapped = expr.replace(ID_PATTERN, (name, offset: number) => {
    const next = expr.slice(offset + name.length).trimStart();
    if (ALLOWED_FUNCTIONS.has(name) && next.startsWith('(')) return name;
    if (!allowed.has(name)) {
      unknown ??= name;
      return name;
    }
    let symbol = symbolOf.get(name);
    if (!symbol) {
      symbol = `v${symbolOf.size}`;
      symbolOf.set(name, symbol);
    }
    return symbol;
  });
  if (unknown !== undefined) return { ok: false, error: `unknown symbol '${unknown}'${suggest(unknown, allowedIds)}` };
  let tree: MathNode;
  try {
    tree = parseExpression(mapped);
  } catch (error) {
    return { ok: false, error: `cannot parse expression: ${(error as Error).message}` };
  }
  const problem = checkTree(tree, new Set(symbolOf.values()));
  if (problem) return { ok: false, error: problem };
  const code = tree.compile();
  const entries = [...symbolOf.entries()];
  return {
    ok: true,
    evaluate(scope) {
      const arrays = entries.filter(([id]) => Array.isArray(scope[id]));
      const evalAt = (index: number): number => {
        // A Map scope: no prototype chain for a symbol to reach.
        const local = new Map<string, number>();
        for (const [id, symbol] of entries) {
          const v = scope[id];
          if (v === undefined) throw new Error(`no value for '${id}'`);
          local.set(symbol, Array.isArray(v) ? v[index] : v);
        }
        const result: unknown = code.evaluate(local);
        if (typeof result !== 'number') throw new Error('expression did not produce a number');
        return result;
      };
      if (arrays.length === 0) return evalAt(0);
      const length = Math.min(...arrays.map(([id]) => (scope[id] as number[]).length));
      return Array.from({ length }, (_, i) => evalAt(i));
    },
  };
}
