// Orthogonal initialisation against its defining property, W Wᵀ = g²I (wide) or Wᵀ W = g²I (tall),
// in f64 to 1e-12, and its determinism under a seed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orthogonal } from '../../src/nn/init.js';
import { Random } from '../../src/random/prng.js';

function gram(w: Float64Array, rows: number, cols: number, byRows: boolean): Float64Array {
  const n = byRows ? rows : cols;
  const g = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      const length = byRows ? cols : rows;
      for (let k = 0; k < length; k++) s += byRows ? w[a * cols + k]! * w[b * cols + k]! : w[k * cols + a]! * w[k * cols + b]!;
      g[a * n + b] = s;
    }
  }
  return g;
}

test('orthogonal matrices satisfy W Wᵀ = g²I or Wᵀ W = g²I within 1e-12, for odd and square shapes', () => {
  for (const [rows, cols, gain] of [[1, 1, 1], [3, 7, Math.SQRT2], [7, 3, 0.01], [64, 64, Math.SQRT2], [2, 65, 1], [65, 63, 1]] as const) {
    const w = new Float64Array(rows * cols);
    orthogonal(w, 0, rows, cols, gain, new Random(rows * 100 + cols));
    const g = gram(w, rows, cols, rows <= cols);
    const n = Math.min(rows, cols);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const expected = a === b ? gain * gain : 0;
        assert.ok(Math.abs(g[a * n + b]! - expected) <= 1e-12, `${rows}×${cols} [${a}][${b}] = ${g[a * n + b]}`);
      }
    }
  }
});

test('the same seed gives the same matrix, written at the offset only', () => {
  const a = new Float64Array(30).fill(-9);
  const b = new Float64Array(30).fill(-9);
  orthogonal(a, 5, 4, 6, 1, new Random(1));
  orthogonal(b, 5, 4, 6, 1, new Random(1));
  assert.equal(a, b);
  assert.equal(Array.from(a.subarray(0, 5)), [-9, -9, -9, -9, -9]);
  assert.ok(a.subarray(5, 29).every((x) => x !== -9));
  assert.is(a[29], -9);
});

test('bad arguments throw errors naming them', () => {
  assert.throws(() => orthogonal(new Float64Array(4), 0, 0, 4, 1, new Random(1)), /orthogonal rows must be an integer/);
  assert.throws(() => orthogonal(new Float64Array(4), 1, 2, 2, 1, new Random(1)), /orthogonal offset must be an integer in \[0, 0\]/);
  assert.throws(() => orthogonal(new Float64Array(4), 0, 2, 2, Number.NaN, new Random(1)), /orthogonal gain must be a finite number/);
});

test.run();
