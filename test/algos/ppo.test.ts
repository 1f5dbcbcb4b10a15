// PPO's pieces beyond the surrogate: CleanRL's learning-rate schedule by hand, and the clipped
// value loss's gradient against finite differences (gradcheck, f64, ≤ 1e-7).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annealedLearningRate } from '../../src/algos/ppo.js';
import { clippedValueLoss } from '../../src/algos/clipped-value-loss.js';
import { createEngine } from '../../src/backends/create-engine.js';
import { gradcheck } from '../../src/check/finite-difference.js';
import { Random } from '../../src/random/prng.js';

test('the learning rate anneals linearly from lr at iteration 1 to lr/N at iteration N', () => {
  const settings = { learningRate: 3e-4, annealLearningRate: true };
  assert.is(annealedLearningRate(settings, 1, 10), 3e-4);
  assert.ok(Math.abs(annealedLearningRate(settings, 10, 10) / 3e-5 - 1) < 1e-12);
  assert.ok(Math.abs(annealedLearningRate(settings, 6, 10) / 1.5e-4 - 1) < 1e-12);
  assert.is(annealedLearningRate({ ...settings, annealLearningRate: false }, 6, 10), 3e-4);
});

test('the clipped and unclipped value losses have the gradients finite differences give', async () => {
  const engine = await createEngine({ dtype: 'f64' });
  const random = new Random(4);
  const critic = engine.createMLP({ sizes: [3, 7, 1], activations: ['tanh', 'identity'] }, { maxBatch: 16 });
  critic.initOrthogonal(random);
  const observations = Float32Array.from({ length: 48 }, () => random.normal());
  const returns = Float64Array.from({ length: 16 }, () => random.normal());
  const theta = Float64Array.from(critic.parameters);
  const values = Float64Array.from(critic.forward(observations, 16));
  // Old values on both sides of the clip range, none within 1e-3 of its edges (where the loss has a kink).
  const oldValues = values.map((v, i) => v + (i % 2 === 0 ? 0.05 : 0.5) * (i % 4 < 2 ? 1 : -1));
  for (const old of [undefined, oldValues]) {
    const loss = (t: Float64Array) => {
      critic.setParameters(t);
      const predicted = critic.forward(observations, 16);
      let sum = 0;
      for (let b = 0; b < 16; b++) {
        const unclipped = (predicted[b]! - returns[b]!) ** 2;
        const clipped = old === undefined ? unclipped : (old[b]! + Math.min(Math.max(predicted[b]! - old[b]!, -0.2), 0.2) - returns[b]!) ** 2;
        sum += 0.5 * 0.5 * Math.max(unclipped, clipped);
      }
      return sum / 16;
    };
    critic.setParameters(theta);
    const dValues = new Float64Array(16);
    clippedValueLoss(critic.forward(observations, 16), returns, old, 0.2, 0.5, dValues);
    const analytic = Float64Array.from(critic.backward(dValues).parameters);
    const result = gradcheck(loss, () => analytic, theta);
    assert.ok(result.passed, `${old ? 'clipped' : 'unclipped'}: ${result.maxRelativeError}`);
  }
});

test.run();
