// The matrix FLOPs per env step of bench/physical-limit.ts, against counts made by hand, exact
// (integers: tolerance 0). Reference: issue 16's table and docs/references.md, 227,200 FLOPs per
// step for PPO on CartPole-v1 with CleanRL's defaults (actor 4-64-64-2, critic 4-64-64-1, 4 epochs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layoutMLP, type Activation } from '../../src/nn/mlp-layout.js';
import { physicalLimit, ppoMatrixFlopsPerStep } from '../../bench/physical-limit.js';

const tanhMLP = (sizes: number[]) => layoutMLP({ sizes, activations: [...sizes.slice(2).map((): Activation => 'tanh'), 'identity'] });

test("PPO on CartPole-v1 with CleanRL's defaults costs 227,200 matrix FLOPs per env step", () => {
  assert.is(ppoMatrixFlopsPerStep([tanhMLP([4, 64, 64, 2]), tanhMLP([4, 64, 64, 1])], 4), 227_200);
});

test('one 3-5-2 network, one epoch: forward 2·(15 + 10), backward 2·15 + 2·2·10, so 50 + (50 + 70)', () => {
  assert.is(ppoMatrixFlopsPerStep([tanhMLP([3, 5, 2])], 1), 170);
  // Each further epoch adds one forward and backward: 120.
  assert.is(ppoMatrixFlopsPerStep([tanhMLP([3, 5, 2])], 3), 410);
});

test('the limit is the peak rate over the cost of a step: 45.44 GFLOP/s over 227,200 FLOPs is 200,000 steps/s', () => {
  assert.ok(Math.abs(physicalLimit(45.44, 227_200) - 200_000) < 1e-6);
});

test.run();
