// VPG's update on a tiny fixed batch (16 steps, Gaussian policy 3 → 6 → 2 with a log-std, f64):
// two updates on the same batch are two Adam steps (lr 0.01, β 0.9/0.999, ε 1e-8, PyTorch's
// form, written out here) along the gradient of −mean(log π·Â) − c_ent·mean(H) (Â standardised,
// c_ent = 0.1), each taken by central finite differences of the hand-written loss at the θ the
// update starts from: θ to 1e-9 absolute (the steps are ~1e-2; the second Adam step depends on
// the two gradients' magnitudes, not only their signs). The reported policy_loss and entropy are
// the hand-written ones at the starting θ (1e-12 relative).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VPG } from '../../src/algos/vpg.js';
import { DiagonalGaussian } from '../../src/nn/distributions/diagonal-gaussian.js';
import { Random } from '../../src/random/prng.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { assertClose } from '../helpers/close.js';
import { finiteDifferenceGradient, referenceEntropies, referenceLogProbs, referenceStandardize, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

const SETTINGS = resolveTrainingSettings('vpg', 'Pendulum-v1', { learningRate: 0.01, entropyCoef: 0.1, criticEpochs: 1, criticMinibatchSize: 16 }, false).settings;

test('each update is one Adam step along the policy gradient of −mean(log π·Â) − c_ent·mean(H)', async () => {
  const learner = tinyLearner(new DiagonalGaussian(2), { observationSize: 3, hidden: 6, batchSize: 16, seed: 2 });
  const batch = tinyBatch(learner, new Random(102), 16);
  const advantages = referenceStandardize(batch.advantages);
  const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;
  const policyLoss = (theta: Float64Array) => -mean(referenceLogProbs(learner, batch, theta).map((l, b) => l * advantages[b]!));
  const loss = (theta: Float64Array) => policyLoss(theta) - SETTINGS.entropyCoef * mean(referenceEntropies(learner, batch, theta));

  const vpg = new VPG(learner, SETTINGS);
  const [beta1, beta2, epsilon, lr] = [0.9, 0.999, 1e-8, SETTINGS.learningRate];
  let theta = await learner.policy.getParameters();
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  for (let t = 1; t <= 2; t++) {
    const g = finiteDifferenceGradient(loss, theta);
    const expectedLoss = policyLoss(theta);
    const expectedEntropy = mean(referenceEntropies(learner, batch, theta));
    const expected = theta.map((x, i) => {
      m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
      v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! ** 2;
      return x - (lr / (1 - beta1 ** t)) * m[i]! / (Math.sqrt(v[i]!) / Math.sqrt(1 - beta2 ** t) + epsilon);
    });
    learner.policy.setParameters(theta);
    const metrics = await vpg.update(batch);
    theta = await learner.policy.getParameters();
    assertClose(theta, expected, 1e-9, `θ after update ${t}`);
    assert.ok(Math.abs(metrics.policy_loss! / expectedLoss - 1) < 1e-12, `policy_loss ${metrics.policy_loss}, by hand ${expectedLoss}`);
    assert.ok(Math.abs(metrics.entropy! / expectedEntropy - 1) < 1e-12, `entropy ${metrics.entropy}, by hand ${expectedEntropy}`);
  }
});

test.run();
