// No host transcendental function on a path that affects results. ECMAScript leaves Math.exp, log,
// sin, cos, tan, atan2, pow (and with it the ** operator), … "implementation-approximated", and
// engines do differ in the last bit (Node 20 and Chromium 156 on up to 18 % of arguments,
// docs/math.md), so every file under src/ must take them from src/math/, which builds them from
// IEEE-754 basic operations.
// The scan reads each source file with comments and string literals blanked out, and fails on:
//   - a call or reference Math.NAME for any host function not exactly specified by IEEE 754;
//   - the ** operator, unless both operands are integer literals (2 ** 32: an exact power that
//     every engine computes exactly, used for bounds and integer arithmetic).
// The only exceptions are named below with the reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceCode } from '../helpers/source-text.js';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

const HOST_TRANSCENDENTALS = ['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'pow', 'cbrt', 'hypot'];
const HOST_CALL = new RegExp(`\\bMath\\.(${HOST_TRANSCENDENTALS.join('|')})\\b`, 'g');
const POWER = /([\w$.!)\]]*)\s*\*\*\s*([\w$.(]*)/g;
const INTEGER_LITERAL = /^\d+$/;

/** Files that may use the host's functions, and why. */
const ALLOWED: Record<string, string> = {
  // Axis ticks of the SVG plot: drawing only, no number of a run passes through them.
  'report/learning-curve-svg.ts': 'drawing',
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** Every forbidden use in `source`, as "line: text". */
function violations(source: string): string[] {
  const found: string[] = [];
  sourceCode(source, { blankStrings: true }).split('\n').forEach((line, index) => {
    for (const match of line.matchAll(HOST_CALL)) found.push(`${index + 1}: Math.${match[1]}`);
    for (const match of line.matchAll(POWER)) {
      if (!INTEGER_LITERAL.test(match[1]!) || !INTEGER_LITERAL.test(match[2]!)) found.push(`${index + 1}: ${match[0]}`);
    }
  });
  return found;
}

test('the scan finds host calls and ** in code, and ignores comments and strings', () => {
  assert.equal(violations('const y = Math.exp(x) + Math.sqrt(x);'), ['1: Math.exp']);
  assert.equal(violations('const f = Math.pow;\nconst z = a ** 2;'), ['1: Math.pow', '2: a ** 2']);
  assert.equal(violations('const n = 2 ** 32 - (2 ** 32 % k);'), []);
  assert.equal(violations('// Math.exp(x)\n/* a ** b */\nconst s = "Math.log(x) ** 2";'), []);
  assert.equal(violations('const t = `Math.cos ${{ a: 1 }.a + Math.sin(x)} Math.tan`;'), ['1: Math.sin']);
});

test('no file under src/ outside src/math/ uses a host transcendental function or **', () => {
  const files = sourceFiles(SRC);
  assert.ok(files.length > 50, `found ${files.length} source files under ${SRC}`);
  const offenders: string[] = [];
  for (const path of files) {
    const name = relative(SRC, path);
    if (name.startsWith('math/') || name in ALLOWED) continue;
    for (const violation of violations(readFileSync(path, 'utf8'))) offenders.push(`src/${name}:${violation}`);
  }
  assert.equal(offenders, [], `host transcendental functions on a result path (use src/math/):\n${offenders.join('\n')}`);
});

test('src/math/ itself uses no host transcendental function', () => {
  const offenders = sourceFiles(join(SRC, 'math')).flatMap((path) => violations(readFileSync(path, 'utf8')).map((v) => `${relative(SRC, path)}:${v}`));
  assert.equal(offenders, []);
});

test.run();
