// Adam against PyTorch's update written out by hand, and gradient-norm clipping against its definition.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Adam, clipGradientNorm } from '../../src/nn/adam.js';

test('two Adam steps equal torch.optim.Adam’s formula (ε after the bias-corrected √v), to 1e-15', () => {
  const adam = new Adam(2, { learningRate: 0.1, epsilon: 1e-8 });
  const theta = Float64Array.of(1, -2);
  adam.apply(theta, [0.5, 0]);
  // Step 1: m = 0.05, v = 0.00025; θ −= (0.1/0.1)·0.05 / (√0.00025/√0.001 + 1e-8).
  const first = 1 - 0.05 / (Math.sqrt(0.00025) / Math.sqrt(0.001) + 1e-8);
  assert.ok(Math.abs(theta[0]! - first) < 1e-15);
  assert.is(theta[1], -2, 'a zero gradient moves nothing');
  adam.apply(theta, [-1, 0]);
  const m = 0.9 * 0.05 - 0.1;
  const v = 0.999 * 0.00025 + 0.001;
  const second = first - ((0.1 / (1 - 0.9 ** 2)) * m) / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
  assert.ok(Math.abs(theta[0]! - second) < 1e-15);
});

test('state round-trips: a restored optimiser continues identically', () => {
  const a = new Adam(3, { learningRate: 0.01 });
  const thetaA = Float64Array.of(1, 2, 3);
  a.apply(thetaA, [0.1, -0.2, 0.3]);
  const b = new Adam(3, { learningRate: 0.01 });
  b.setState(a.getState());
  const thetaB = thetaA.slice();
  a.apply(thetaA, [0.4, 0.5, -0.6]);
  b.apply(thetaB, [0.4, 0.5, -0.6]);
  assert.equal(thetaA, thetaB);
});

test('clipGradientNorm scales all gradients jointly to the max norm and returns the norm before', () => {
  const a = Float64Array.of(3, 0);
  const b = Float64Array.of(0, 4); // joint norm 5
  const norm = clipGradientNorm([a, b], 0.5);
  assert.is(norm, 5);
  const clipped = Math.hypot(...a, ...b);
  assert.ok(Math.abs(clipped - 0.5 * (5 / (5 + 1e-6))) < 1e-15);
  const small = Float64Array.of(0.1);
  clipGradientNorm([small], 0.5);
  assert.is(small[0], 0.1, 'below the max norm nothing changes');
});

test('bad options and gradients throw errors naming them', () => {
  assert.throws(() => new Adam(2, { learningRate: -1 }), /Adam learningRate must be ≥ 0/);
  assert.throws(() => new Adam(2, { beta1: 1 }), /Adam beta1 must be in \[0, 1\)/);
  assert.throws(() => new Adam(2, { lr: 1 } as never), /Adam options: unknown option 'lr'/);
  assert.throws(() => new Adam(2).apply(new Float64Array(2), [0, Number.NaN]), /Adam gradient\[1\] must be a finite number/);
});

test.run();
