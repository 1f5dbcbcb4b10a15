// Conjugate gradient against a direct solve (Gaussian elimination in f64) of (A + λI)x = b for
// random symmetric positive definite A: in exact arithmetic CG ends in at most n iterations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conjugateGradient } from '../../src/linalg/conjugate-gradient.js';
import { Random } from '../../src/random/prng.js';

function randomSPD(n: number, random: Random): number[][] {
  const g = Array.from({ length: n }, () => Array.from({ length: n }, () => random.normal()));
  return g.map((_, i) => g.map((_, j) => g[i]!.reduce((s, x, k) => s + x * g[j]![k]!, 0) / n + (i === j ? 0.1 : 0)));
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? c + k : best), c);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r]![n]! - m[r]!.slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k]!, 0)) / m[r]![r]!;
  return x;
}

test('CG solves (A + λI)x = b to 1e-9 relative within n iterations, for odd n', async () => {
  const random = new Random(5);
  for (const n of [1, 3, 7, 20]) {
    const a = randomSPD(n, random);
    const b = Array.from({ length: n }, () => random.normal());
    const damping = 0.05;
    const product = (v: Float64Array) => a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    const result = await conjugateGradient(product, b, { maxIterations: 10 * n, damping, residualTolerance: 1e-24 });
    const expected = solve(a.map((row, i) => row.map((x, j) => x + (i === j ? damping : 0))), b);
    const error = Math.max(...expected.map((x, i) => Math.abs(x - result.x[i]!))) / Math.max(...expected.map(Math.abs));
    assert.ok(error < 1e-9, `n=${n} error ${error}`);
    assert.ok(result.iterations <= 2 * n, `n=${n}: ${result.iterations} iterations`);
    assert.ok(result.residualNorm < 1e-11);
  }
});

test('CG stops at the iteration cap and reports the residual', async () => {
  const random = new Random(6);
  const a = randomSPD(30, random);
  const b = Array.from({ length: 30 }, () => random.normal());
  const result = await conjugateGradient((v) => a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0)), b, { maxIterations: 3 });
  assert.is(result.iterations, 3);
  const residual = b.map((bi, i) => bi - a[i]!.reduce((s, x, j) => s + x * result.x[j]!, 0) - 0.1 * result.x[i]!);
  assert.ok(Math.abs(Math.hypot(...residual) - result.residualNorm) < 1e-9 * result.residualNorm);
});

test('bad options throw errors naming them', async () => {
  let message = '';
  await conjugateGradient((v) => v, [1], { damping: -1 }).catch((e: Error) => (message = e.message));
  assert.match(message, /damping must be ≥ 0/);
  await conjugateGradient(() => [Number.NaN], [1]).catch((e: Error) => (message = e.message));
  assert.match(message, /the product A·p\[0\] must be a finite number/);
});

test.run();
