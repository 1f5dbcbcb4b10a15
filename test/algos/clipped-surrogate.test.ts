// The clipped surrogate's value and derivative against a hand count and central differences
// (5e-7 step, 1e-8 absolute: the loss is piecewise smooth, and no sample sits near a kink).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clippedSurrogate } from '../../src/algos/clipped-surrogate.js';

const oldLogProbs = [-0.7, -1.2, -0.3, -2.0, -0.9];
const advantages = [1.5, -0.8, 0.4, 2.0, -1.1];
// Log-ratios: inside the range, far above, far below, above with positive Â, below with negative Â.
const logProbs = [-0.65, -0.6, -0.9, -1.5, -1.4];

test('value, k3 KL and clip fraction match a hand computation', () => {
  const d = new Float64Array(5);
  const result = clippedSurrogate(logProbs, oldLogProbs, advantages, 0.2, d);
  const ratios = logProbs.map((l, i) => Math.exp(l - oldLogProbs[i]!));
  const expected = ratios.reduce((s, r, i) => s + Math.max(-advantages[i]! * r, -advantages[i]! * Math.min(Math.max(r, 0.8), 1.2)), 0) / 5;
  assert.ok(Math.abs(result.loss - expected) < 1e-15);
  assert.is(result.clipFraction, 4 / 5);
  assert.ok(Math.abs(result.approxKL - ratios.reduce((s, r) => s + r - 1 - Math.log(r), 0) / 5) < 1e-15);
});

test('the derivative with respect to each log π matches central differences', () => {
  const d = new Float64Array(5);
  clippedSurrogate(logProbs, oldLogProbs, advantages, 0.2, d);
  const h = 5e-7;
  for (let i = 0; i < 5; i++) {
    const at = (delta: number) => clippedSurrogate(logProbs.map((l, j) => (j === i ? l + delta : l)), oldLogProbs, advantages, 0.2, new Float64Array(5)).loss;
    const numeric = (at(h) - at(-h)) / (2 * h);
    assert.ok(Math.abs(numeric - d[i]!) < 1e-8, `sample ${i}: ${d[i]} vs ${numeric}`);
  }
  // Samples 1 and 3 (ratio above 1 + ε with Â < 0, and with Â > 0): the first is unclipped by the max, the second flat.
  assert.is(d[3], 0);
  assert.ok(d[1] !== 0);
});

test.run();
