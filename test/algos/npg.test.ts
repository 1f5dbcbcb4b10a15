// NPG's update on a tiny fixed batch (16 steps, policy 3 → 6 → outputs, f64):
//   - θ moves by exactly the full natural-gradient step: with CG run to convergence,
//     (F + λI)Δ is parallel to ∇L, the surrogate's gradient by central finite differences of a
//     hand-written L(θ) = mean(π_θ/π_old · Â) (normwise 1e-6, CG's reported residual included),
//     and ½Δᵀ(F + λI)Δ = δ (1e-10 relative), F·Δ from the policy's analytic Fisher product;
//   - the failure flags: kl_exceeded = 1 exactly when the mean KL of the step, recomputed in closed
//     form (the reported kl agrees to 1e-12 relative), exceeds δ; surrogate_worse = 1 exactly
//     when the surrogate's improvement, recomputed by hand, is ≤ 0 — with one case for each of
//     the four combinations (seeds and δ chosen so; each case asserts its own premise).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NPG } from '../../src/algos/npg.js';
import type { ActionDistribution } from '../../src/nn/distributions/action-distribution.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { DiagonalGaussian } from '../../src/nn/distributions/diagonal-gaussian.js';
import { Random } from '../../src/random/prng.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { normwiseRelativeError } from '../helpers/reference.js';
import { finiteDifferenceGradient, referenceLogProbs, referenceMeanKL, referenceStandardize, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

const SETTINGS = resolveTrainingSettings('npg', 'Pendulum-v1', { criticEpochs: 1, criticMinibatchSize: 16 }, false).settings;

function setUp(distribution: ActionDistribution, seed: number) {
  const learner = tinyLearner(distribution, { observationSize: 3, hidden: 6, batchSize: 16, seed });
  const batch = tinyBatch(learner, new Random(seed + 100), 16);
  const advantages = referenceStandardize(batch.advantages);
  /** L(θ) = mean(π_θ/π_old · Â), π_old the policy as set up. */
  const surrogate = (thetaOld: Float64Array, theta: Float64Array) => {
    const logOld = referenceLogProbs(learner, batch, thetaOld);
    const logNew = referenceLogProbs(learner, batch, theta);
    return advantages.reduce((s, a, b) => s + Math.exp(logNew[b]! - logOld[b]!) * a, 0) / advantages.length;
  };
  return { learner, batch, surrogate };
}

test('θ moves by the full step Δ: (F + λI)Δ ∥ ∇L and ½Δᵀ(F + λI)Δ = δ', async () => {
  const { learner, batch, surrogate } = setUp(new DiagonalGaussian(2), 5);
  const maxKL = 0.01;
  const thetaOld = await learner.policy.getParameters();
  const metrics = await new NPG(learner, { ...SETTINGS, maxKL, cgIterations: 200 }).update(batch);
  const step = (await learner.policy.getParameters()).map((x, i) => x - thetaOld[i]!);

  const gradient = finiteDifferenceGradient((theta) => surrogate(thetaOld, theta), thetaOld);
  learner.policy.setParameters(thetaOld);
  await learner.policy.evaluate(batch.observations, batch.actions, batch.size);
  const product = (await learner.policy.fisherVectorProduct(step, 'analytic')).map((x, i) => x + SETTINGS.cgDamping * step[i]!);
  const quadratic = 0.5 * step.reduce((s, x, i) => s + x * product[i]!, 0);
  assert.ok(Math.abs(quadratic / maxKL - 1) < 1e-10, `½Δᵀ(F + λI)Δ = ${quadratic}, δ = ${maxKL}`);
  // (F + λI)Δ = c·(g − r), r CG's residual: parallel to g up to ‖r‖/‖g‖.
  const gradientNorm = Math.hypot(...gradient);
  const c = product.reduce((s, x, i) => s + x * gradient[i]!, 0) / gradientNorm ** 2;
  assert.ok(c > 0, 'the step goes against the gradient');
  const error = normwiseRelativeError(product, gradient.map((g) => c * g));
  assert.ok(error < 1e-6 + metrics.cg_residual! / gradientNorm, `(F + λI)Δ vs ∇L: ${error}, CG residual ${metrics.cg_residual}`);
});

const CASES = [
  { name: 'a step within δ that improves the surrogate', distribution: () => new DiagonalGaussian(2), seed: 5, maxKL: 0.01, klExceeded: 0, surrogateWorse: 0 },
  { name: 'a step beyond δ that improves the surrogate', distribution: () => new DiagonalGaussian(2), seed: 5, maxKL: 0.5, klExceeded: 1, surrogateWorse: 0 },
  { name: 'a step within δ that worsens the surrogate', distribution: () => new Categorical(3), seed: 5, maxKL: 5, klExceeded: 0, surrogateWorse: 1 },
  { name: 'a step beyond δ that worsens the surrogate', distribution: () => new DiagonalGaussian(2), seed: 5, maxKL: 5, klExceeded: 1, surrogateWorse: 1 },
];

for (const { name, distribution, seed, maxKL, klExceeded, surrogateWorse } of CASES) {
  test(`flags: ${name}`, async () => {
    const { learner, batch, surrogate } = setUp(distribution(), seed);
    const thetaOld = await learner.policy.getParameters();
    const metrics = await new NPG(learner, { ...SETTINGS, maxKL }).update(batch);
    const thetaNew = await learner.policy.getParameters();
    const kl = referenceMeanKL(learner, batch, thetaOld, thetaNew);
    const improvement = surrogate(thetaOld, thetaNew) - surrogate(thetaOld, thetaOld);
    assert.is(kl > maxKL ? 1 : 0, klExceeded, `premise: KL ${kl} against δ ${maxKL}`);
    assert.is(improvement <= 0 ? 1 : 0, surrogateWorse, `premise: improvement ${improvement}`);
    assert.ok(Math.abs(metrics.kl! / kl - 1) < 1e-12, `reported kl ${metrics.kl}, by hand ${kl}`);
    assert.ok(Math.abs(metrics.surrogate_improvement! - improvement) < 1e-12 * Math.max(1, Math.abs(improvement)), `reported improvement ${metrics.surrogate_improvement}, by hand ${improvement}`);
    assert.is(metrics.kl_exceeded, klExceeded);
    assert.is(metrics.surrogate_worse, surrogateWorse);
  });
}

test.run();
