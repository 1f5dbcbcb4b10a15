import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Box, Discrete } from '../../src/envs/spaces.js';

test('Discrete(n) contains exactly the integers 0..n−1 and samples all of them evenly (chi-square, 2 dof, cut 18.4 at p 1e-4)', () => {
  const space = new Discrete(3);
  assert.is(String(space), 'Discrete(3)');
  for (const x of [0, 1, 2]) assert.ok(space.contains(x));
  for (const x of [3, -1, 0.5, Number.NaN, '1', [1], null]) assert.not.ok(space.contains(x), String(x));
  space.seed(4);
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[space.sample()]!++;
  const chiSquare = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
  assert.ok(chiSquare < 18.4, `chi-square ${chiSquare}`);
});

test('seeding a space repeats its samples', () => {
  const box = new Box(-1, 1, [3]);
  box.seed(9);
  const first = [box.sample(), box.sample()];
  box.seed(9);
  assert.equal([box.sample(), box.sample()], first);
});

test('Box stores float32 bounds and checks type, length and range; NaN is never contained', () => {
  const box = new Box([-1, -0.1], [1, 0.1]);
  assert.equal(box.shape, [2]);
  assert.is(box.high[1], Math.fround(0.1));
  assert.is(String(box), 'Box([-1, -0.10000000149011612], [1, 0.10000000149011612], (2,), float32)');
  assert.ok(box.contains(new Float32Array([0.5, 0.1])));
  assert.ok(box.contains([1, -0.1]));
  assert.is(box.explain([0.5]), 'expected length 2, got length 1');
  assert.is(box.explain([0.5, 0.2]), 'element 1 must lie in [-0.10000000149011612, 0.10000000149011612], got 0.2');
  assert.is(box.explain([Number.NaN, 0]), 'element 0 must lie in [-1, 1], got NaN');
  assert.match(box.explain(0.5)!, /expected an array or typed array of 2 numbers/);
});

test('Box samples: uniform where bounded, exponential tails where half-bounded, normal where unbounded; all contained', () => {
  const box = new Box([-2, 0, -Infinity, -Infinity], [2, Infinity, 5, Infinity]);
  assert.not.ok(box.isBounded());
  box.seed(1);
  const n = 20_000;
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = box.sample();
    assert.ok(box.contains(x));
    x.forEach((v, j) => (sums[j] += v));
  }
  // Means: 0 (uniform, sd 1.15), 1 (0 + Exp(1), sd 1), 4 (5 − Exp(1), sd 1), 0 (normal, sd 1); 5 standard errors.
  [0, 1, 4, 0].forEach((mean, j) => assert.ok(Math.abs(sums[j]! / n - mean) < 5 * 1.16 / Math.sqrt(n), `mean ${j}: ${sums[j]! / n}`));
});

test('Box.isFiniteFloat32 answers true exactly where explainShape accepts a Float32Array', () => {
  const box = new Box(-1, 1, [2]);
  const cases: unknown[] = [new Float32Array([0.5, 3]), new Float32Array([0, Number.NaN]), new Float32Array([Infinity, 0]),
    new Float32Array([0]), new Float32Array(3), new Float64Array([0.5, 0.5]), [0.5, 0.5], 'ab', null];
  for (const value of cases) {
    const accepted = value instanceof Float32Array && box.explainShape(value) === undefined;
    assert.is(box.isFiniteFloat32(value), accepted, String(value));
  }
  assert.ok(box.isFiniteFloat32(new Float32Array([5, -7])), 'out of range but finite: the dynamics clip it');
});

test('malformed spaces throw errors naming the argument', () => {
  assert.throws(() => new Discrete(0), /Discrete: n must be an integer in \[1, /);
  assert.throws(() => new Box([0, 1], [1]), /Box: high must have length 2, got 1/);
  assert.throws(() => new Box(1, 0), /low\[0\] = 1 and high\[0\] = 0 must satisfy low ≤ high/);
  assert.throws(() => new Box(Number.NaN, 1), /Box: low must be a number or ±Infinity, got NaN/);
  assert.throws(() => new Discrete(2).seed(0.5), /Discrete\(2\).seed: seed must be an integer/);
});

test.run();
