// The losses' gradients and output-space Hessians against finite differences (gradcheck ≤ 1e-7,
// hvpcheck ≤ 1e-6 in f64), and their values against hand-computed ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gradcheck, hvpcheck } from '../../src/check/finite-difference.js';
import { meanSquaredError, softmaxCrossEntropy } from '../../src/nn/losses.js';
import type { OutputLoss } from '../../src/nn/output-loss.js';
import { Random } from '../../src/random/prng.js';

const random = new Random(11);

function derivativesOf(loss: OutputLoss, batch: number) {
  return {
    value: (y: Float64Array) => loss.value(y, batch),
    gradient: (y: Float64Array) => {
      const g = new Float64Array(y.length);
      loss.gradient(y, batch, g);
      return g;
    },
    hvp: (y: Float64Array, v: Float64Array) => {
      const h = new Float64Array(y.length);
      loss.hessianVectorProduct(y, v, batch, h);
      return h;
    },
  };
}

test('hand-computed values: squared error ½·mean, cross-entropy of uniform logits = log(classes)', () => {
  assert.is(meanSquaredError([1, 2, 3, 4], 2).value(Float64Array.of(1, 2, 3, 6), 2), 1); // (2²)/(2·2)
  assert.ok(Math.abs(softmaxCrossEntropy([2], 3).value(Float64Array.of(0.5, 0.5, 0.5), 1) - Math.log(3)) < 1e-15);
  // Large logits stay finite (log-sum-exp is shifted by the maximum).
  assert.ok(Math.abs(softmaxCrossEntropy([0], 2).value(Float64Array.of(1000, 0), 1)) < 1e-15);
});

for (const [name, loss, batch, size] of [
  ['meanSquaredError', meanSquaredError(Float64Array.from({ length: 15 }, () => random.normal()), 3), 5, 15],
  ['softmaxCrossEntropy', softmaxCrossEntropy([0, 3, 1, 2, 2, 0, 1], 4), 7, 28],
] as const) {
  test(`${name}: gradient and Hessian–vector product match finite differences`, () => {
    const { value, gradient, hvp } = derivativesOf(loss, batch);
    const outputs = Float64Array.from({ length: size }, () => random.normal());
    assert.ok(gradcheck(value, gradient, outputs).passed);
    for (const seed of [1, 2, 3]) assert.ok(hvpcheck(gradient, hvp, outputs, { seed }).passed);
  });
}

test('bad arguments throw errors naming them', () => {
  assert.throws(() => softmaxCrossEntropy([0, 3], 3), /softmaxCrossEntropy labels\[1\] must be an integer in \[0, 2\], got 3/);
  assert.throws(() => meanSquaredError([1, Number.NaN], 2), /meanSquaredError targets\[1\] must be a finite number/);
  assert.throws(() => meanSquaredError([1, 2], 2).value(new Float64Array(4), 2), /batch 2 × 2 outputs does not match 2 targets/);
  assert.throws(() => softmaxCrossEntropy([1], 2).value(new Float64Array(4), 2), /batch 2 does not match 1 labels/);
});

test.run();
