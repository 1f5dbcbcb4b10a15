import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Random } from '../../src/random/prng.js';
import { epochMinibatches, randomIndices } from '../../src/rollout/samplers.js';

test('an epoch covers every index exactly once, in minibatches of the given size and a smaller remainder', () => {
  const minibatches = epochMinibatches(10, 4, new Random(1));
  assert.equal(minibatches.map((m) => m.length), [4, 4, 2]);
  const seen = minibatches.flatMap((m) => Array.from(m)).sort((a, b) => a - b);
  assert.equal(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('epochs are shuffled, reproducible under a seed and different between epochs', () => {
  const flat = (random: Random) => epochMinibatches(100, 32, random).flatMap((m) => Array.from(m));
  const a = new Random(5);
  const b = new Random(5);
  const first = flat(a);
  assert.equal(first, flat(b));
  assert.not.equal(first, flat(a));
  assert.not.equal(first, Array.from({ length: 100 }, (_, i) => i));
});

test('randomIndices draws with replacement, uniformly over [0, size) (chi-square, 4 dof, cut 23.5 at p 1e-4)', () => {
  const out = randomIndices(5, 5000, new Random(2));
  const counts = [0, 0, 0, 0, 0];
  for (const i of out) counts[i]!++;
  const chiSquare = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
  assert.ok(chiSquare < 23.5, `chi-square ${chiSquare}`);
  assert.throws(() => randomIndices(0, 1, new Random(1)), /randomIndices: size must be an integer ≥ 1, got 0/);
  assert.throws(() => randomIndices(4, 3, new Random(1), new Int32Array(2)), /count must be an integer in \[0, 2\], got 3/);
});

test.run();
