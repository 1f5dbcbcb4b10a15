// PPO's update on a tiny fixed batch (16 steps, categorical policy 3 → 6 → 3 and critic 3 → 6 → 1,
// f64; the batch's log-probabilities are the policy's own, stored in f32 as a rollout stores them),
// one epoch of one minibatch:
//   - at the first minibatch every ratio is 1: policy_loss = −mean(Â) (advantages not
//     standardised here, so that it is not 0) to 1e-6 (the f32 rounding of the stored
//     log-probabilities), clipfrac exactly 0, |old_approx_kl| ≤ 1e-6; value_loss =
//     ½·mean((v − R)²) and entropy = mean(H), recomputed by hand, to 1e-12 relative;
//   - the parameter change is one Adam step along the clipped gradient computed independently:
//     ∇ of the hand-written loss mean(max(−Â·r, −Â·clip(r))) − c_ent·mean(H) + c_v·½·mean((v − R)²)
//     by central finite differences, scaled by min(1, maxGradNorm / (‖g‖ + 1e-6)) over the joint
//     norm (active here), then Adam's first step −lr·ĝ/(|ĝ| + ε) (ε = 0.1, so that it depends on
//     the gradient's magnitude, not only its sign): to 1e-10 absolute (the steps are ~1e-4).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PPO } from '../../src/algos/ppo.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { Random } from '../../src/random/prng.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { assertClose } from '../helpers/close.js';
import { finiteDifferenceGradient, referenceEntropies, referenceLogProbs, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

const SETTINGS = resolveTrainingSettings('ppo', 'CartPole-v1', {
  epochs: 1, minibatches: 1, normalizeAdvantages: false, annealLearningRate: false, learningRate: 0.01, adamEpsilon: 0.1,
  maxGradNorm: 0.05, entropyCoef: 0.1, valueCoef: 0.5,
}, false).settings;

function setUp() {
  const learner = tinyLearner(new Categorical(3), { observationSize: 3, hidden: 6, batchSize: 16, seed: 3 });
  return { learner, batch: tinyBatch(learner, new Random(103), 16, 1, 0.5) };
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;

test('at the first minibatch every ratio is 1: policy loss −mean(Â), no clipping, losses as recomputed', async () => {
  const { learner, batch } = setUp();
  const theta = await learner.policy.getParameters();
  const values = Float64Array.from(learner.critic.forward(batch.observations, batch.size));
  const valueLoss = mean(values.map((v, b) => 0.5 * (v - batch.returns[b]!) ** 2));
  const entropy = mean(referenceEntropies(learner, batch, theta));
  learner.policy.setParameters(theta);
  const metrics = await new PPO(learner, SETTINGS, { totalIterations: 1 }).update(batch, 1);
  assert.ok(Math.abs(metrics.policy_loss! + mean(batch.advantages)) < 1e-6, `policy_loss ${metrics.policy_loss}, −mean(Â) ${-mean(batch.advantages)}`);
  assert.is(metrics.clipfrac, 0);
  assert.ok(Math.abs(metrics.old_approx_kl!) < 1e-6, `old_approx_kl ${metrics.old_approx_kl}`);
  assert.ok(Math.abs(metrics.value_loss! / valueLoss - 1) < 1e-12, `value_loss ${metrics.value_loss}, by hand ${valueLoss}`);
  assert.ok(Math.abs(metrics.entropy! / entropy - 1) < 1e-12, `entropy ${metrics.entropy}, by hand ${entropy}`);
});

test('one epoch of one minibatch is one Adam step along the norm-clipped gradient', async () => {
  const { learner, batch } = setUp();
  const { clipCoef, entropyCoef, valueCoef, learningRate, adamEpsilon, maxGradNorm } = SETTINGS;
  const theta = await learner.policy.getParameters();
  const phi = Float64Array.from(learner.critic.parameters);
  const policyLoss = (t: Float64Array) => {
    const logProbs = referenceLogProbs(learner, batch, t);
    const entropies = referenceEntropies(learner, batch, t);
    return mean(logProbs.map((l, b) => {
      const ratio = Math.exp(l - batch.logProbs[b]!);
      const a = batch.advantages[b]!;
      return Math.max(-a * ratio, -a * Math.min(Math.max(ratio, 1 - clipCoef), 1 + clipCoef)) - entropyCoef * entropies[b]!;
    }));
  };
  // At the first step v = v_old (to f32 rounding), so the clipped value loss is the plain one.
  const valueLoss = (p: Float64Array) => {
    learner.critic.setParameters(p);
    const values = learner.critic.forward(batch.observations, batch.size);
    return valueCoef * mean(Array.from(values, (v, b) => 0.5 * (v - batch.returns[b]!) ** 2));
  };
  const policyGradient = finiteDifferenceGradient(policyLoss, theta);
  const criticGradient = finiteDifferenceGradient(valueLoss, phi);
  const norm = Math.hypot(...policyGradient, ...criticGradient);
  assert.ok(norm > maxGradNorm, `the case needs the clipping active: ‖g‖ = ${norm}`);
  const scale = maxGradNorm / (norm + 1e-6);
  const adamStep = (g: number) => (-learningRate * scale * g) / (Math.abs(scale * g) + adamEpsilon);

  learner.policy.setParameters(theta);
  learner.critic.setParameters(phi);
  await new PPO(learner, SETTINGS, { totalIterations: 1 }).update(batch, 1);
  const policyChange = (await learner.policy.getParameters()).map((x, i) => x - theta[i]!);
  const criticChange = Float64Array.from(learner.critic.parameters, (x, i) => x - phi[i]!);
  assertClose(policyChange, policyGradient.map(adamStep), 1e-10, 'policy θ change');
  assertClose(criticChange, criticGradient.map(adamStep), 1e-10, 'critic φ change');
});

test.run();
