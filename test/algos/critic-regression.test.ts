// The critic's regression on the λ-returns, on a tiny fixed batch (16 steps, critic 3 → 6 → 1, f64):
//   - the reported loss is ½·mean((v − R)²) on the last minibatch, at the parameters it was
//     computed at: one epoch of two minibatches of 8, the order found by replaying the minibatch
//     stream, the parameters after the first minibatch's Adam step computed by hand (first step
//     −lr·g/(|g| + ε), g by central finite differences): 1e-9 relative;
//   - on a realisable target (returns that a critic of the same shape produces), repeated fits
//     drive the loss down: every fit's loss below the one before, and after 2000 full-batch Adam
//     steps below 1e-3 of the loss before the first.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CriticRegression } from '../../src/algos/critic-regression.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { Random } from '../../src/random/prng.js';
import type { PreparedBatch } from '../../src/rollout/prepared-batch.js';
import { epochMinibatches } from '../../src/rollout/samplers.js';
import { finiteDifferenceGradient, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

function setUp(seed: number) {
  const learner = tinyLearner(new Categorical(2), { observationSize: 3, hidden: 6, batchSize: 16, seed });
  return { learner, batch: tinyBatch(learner, new Random(seed + 100), 16) };
}

const halfMeanSquaredError = (values: ArrayLike<number>, targets: ArrayLike<number>, rows: ArrayLike<number>) =>
  Array.from(rows).reduce((s, r) => s + 0.5 * (values[r]! - targets[r]!) ** 2, 0) / rows.length;

test('the reported loss is ½·mean((v − R)²) of the last minibatch at the parameters it saw', async () => {
  const { learner, batch } = setUp(4);
  const { critic } = learner;
  const learningRate = 0.01;
  const regression = new CriticRegression(learner, { criticLearningRate: learningRate, criticEpochs: 1, criticMinibatchSize: 8 });
  const replay = new Random(1);
  replay.setState(learner.minibatchRandom.getState());
  const [first, last] = epochMinibatches(16, 8, replay);
  const phi = Float64Array.from(critic.parameters);
  const loss = (p: Float64Array, rows: ArrayLike<number>) => {
    critic.setParameters(p);
    return halfMeanSquaredError(critic.forward(batch.observations, 16), batch.returns, rows);
  };
  const g = finiteDifferenceGradient((p) => loss(p, first!), phi);
  const phiAfterFirst = phi.map((x, i) => x - (learningRate * g[i]!) / (Math.abs(g[i]!) + 1e-8));
  const expected = loss(phiAfterFirst, last!);
  critic.setParameters(phi);
  const reported = await regression.fit(batch);
  assert.ok(Math.abs(reported / expected - 1) < 1e-9, `reported ${reported}, by hand ${expected}`);
});

test('on a realisable target the loss falls fit after fit, to below 1e-3 of where it started', async () => {
  const { learner, batch } = setUp(5);
  const target = setUp(6).learner.critic;
  const returns = Float32Array.from(target.forward(batch.observations, 16));
  const realisable: PreparedBatch = { ...batch, returns };
  const regression = new CriticRegression(learner, { criticLearningRate: 0.01, criticEpochs: 100, criticMinibatchSize: 16 });
  const initial = halfMeanSquaredError(learner.critic.forward(batch.observations, 16), returns, Array.from({ length: 16 }, (_, b) => b));
  const losses: number[] = [];
  for (let k = 0; k < 20; k++) losses.push(await regression.fit(realisable));
  for (let k = 1; k < losses.length; k++) assert.ok(losses[k]! < losses[k - 1]!, `fit ${k}: ${losses[k]} after ${losses[k - 1]}`);
  assert.ok(losses.at(-1)! < 1e-3 * initial, `loss ${initial} before the first fit, ${losses.at(-1)} after the last`);
});

test.run();
