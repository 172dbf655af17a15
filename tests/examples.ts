/**
 * The JSDoc `@example` lines of src/ as checks (pure parsing; tests/examples.test.ts runs them).
 *
 * An example is `@example <code> // <expected> [note]`, on one line or continued on the next comment lines
 * (up to the next tag or the end of the comment). <code> is one expression, or statements separated by `;`
 * whose last one is the value. <expected> is
 *   - a number, optionally after `~`: the value must round to it at the stated number of decimals
 *     (`// ~0.580` means 0.5795 <= value < 0.5805; `// 45` means 44.5 <= value < 45.5);
 *   - a quoted string, `true`, `false`, `null` or `undefined`: equal;
 *   - an object or array literal (numbers in it as above): an object names the fields it checks, an array
 *     is checked element by element and by length;
 * and anything after it (a note, usually in parentheses) is ignored. An example that states no checkable
 * value says so: `// illustrative: <why>`.
 */
export interface DocExample {
  file: string;
  line: number;
  code: string;
  /** The text after `//`, trimmed. */
  expected: string;
}

/** A number stated with its precision: the value must round to `value` at `decimals` decimals. */
export interface Stated {
  stated: number;
  decimals: number;
}

export type Expected = Stated | string | boolean | null | undefined | Expected[] | { [key: string]: Expected };

/** Every `@example` of a source text, with the line it starts on (1-based). */
export function extractExamples(file: string, text: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf('@example');
    if (at < 0) continue;
    let body = lines[i].slice(at + '@example'.length);
    let j = i;
    // Continuation lines: inside the same comment, before the next tag.
    while (!/\*\//.test(body) && j + 1 < lines.length && /^\s*\*(?!\/)\s*(?!@)\S/.test(lines[j + 1])) {
      j++;
      body += ' ' + lines[j].replace(/^\s*\*\s*/, '');
    }
    body = body.replace(/\*\/.*$/, '').trim();
    const split = commentStart(body);
    out.push({
      file,
      line: i + 1,
      code: (split < 0 ? body : body.slice(0, split)).trim(),
      expected: split < 0 ? '' : body.slice(split + 2).trim(),
    });
  }
  return out;
}

/** Index of the `//` that starts the expectation (outside string literals), or -1. */
function commentStart(body: string): number {
  let quote = '';
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && body[k + 1] === '/') return k;
  }
  return -1;
}

export const isIllustrative = (example: DocExample): boolean => /^illustrative\b/i.test(example.expected);

/**
 * Parses the expected value at the start of the text; the rest (a note) is ignored.
 * Throws with the reason when it states nothing checkable.
 */
export function parseExpected(text: string): Expected {
  const p = { s: text, i: 0 };
  const value = parseValue(p);
  const rest = p.s.slice(p.i).trim();
  if (rest !== '' && !/^[(,;:-]|^(?:rows?|before|after|at|for|in|of)\b/.test(rest)) {
    throw new Error(`unexpected "${rest}" after the expected value (put a note in parentheses)`);
  }
  return value;
}

function skip(p: { s: string; i: number }): void {
  while (p.i < p.s.length && /\s/.test(p.s[p.i])) p.i++;
}

function parseValue(p: { s: string; i: number }): Expected {
  skip(p);
  const rest = p.s.slice(p.i);
  const num = /^~?\s*(-?\d+(?:\.(\d+))?(?:e-?\d+)?)/.exec(rest);
  if (num) {
    p.i += num[0].length;
    return { stated: Number(num[1]), decimals: num[2]?.length ?? 0 };
  }
  const str = /^(['"])((?:\\.|(?!\1).)*)\1/.exec(rest);
  if (str) {
    p.i += str[0].length;
    return str[2].replace(/\\(.)/g, '$1');
  }
  const word = /^(true|false|null|undefined)\b/.exec(rest);
  if (word) {
    p.i += word[0].length;
    return word[1] === 'true' ? true : word[1] === 'false' ? false : word[1] === 'null' ? null : undefined;
  }
  if (rest.startsWith('[')) {
    p.i++;
    const items: Expected[] = [];
    for (skip(p); p.s[p.i] !== ']'; skip(p)) {
      items.push(parseValue(p));
      skip(p);
      if (p.s[p.i] === ',') p.i++;
      else if (p.s[p.i] !== ']') throw new Error(`expected , or ] at "${p.s.slice(p.i)}"`);
    }
    p.i++;
    return items;
  }
  if (rest.startsWith('{')) {
    p.i++;
    const fields: { [key: string]: Expected } = {};
    for (skip(p); p.s[p.i] !== '}'; skip(p)) {
      const key = /^(?:(\w+)|(['"])(.*?)\2)\s*:/.exec(p.s.slice(p.i));
      if (!key) throw new Error(`expected a field name at "${p.s.slice(p.i)}"`);
      p.i += key[0].length;
      fields[key[1] ?? key[3]] = parseValue(p);
      skip(p);
      if (p.s[p.i] === ',') p.i++;
      else if (p.s[p.i] !== '}') throw new Error(`expected , or } at "${p.s.slice(p.i)}"`);
    }
    p.i++;
    return fields;
  }
  throw new Error(`no expected value (a number, string, literal or "illustrative: ...") at "${rest}"`);
}

const isStated = (e: Expected): e is Stated => typeof e === 'object' && e !== null && !Array.isArray(e) && 'stated' in e && 'decimals' in e;

/** The differences between an actual value and the expectation, with their paths; empty when it matches. */
export function mismatches(actual: unknown, expected: Expected, path = 'value'): string[] {
  if (isStated(expected)) {
    if (typeof actual !== 'number' || !Number.isFinite(actual))
      return [`${path}: expected a number ~${expected.stated}, got ${String(actual)}`];
    // Rounds at the stated decimals; the 1e-9 absorbs binary representation (0.5 * 10^-d is not exact).
    const half = 0.5 * 10 ** -expected.decimals;
    return Math.abs(actual - expected.stated) <= half * (1 + 1e-9)
      ? []
      : [`${path}: ${actual} does not round to ${expected.stated} (${expected.decimals} decimals)`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length} (${JSON.stringify(actual)})`];
    return expected.flatMap((e, k) => mismatches(actual[k], e, `${path}[${k}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, e]) => mismatches((actual as Record<string, unknown>)[k], e, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
