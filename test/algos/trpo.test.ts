// TRPO's update on a tiny fixed batch (16 steps, Gaussian policy 3 → 6 → 2 with a log-std, f64):
//   - accepted at the full step: Δ = θ_new − θ_old satisfies ½Δᵀ(F + λI)Δ = δ to 1e-10 relative,
//     F·Δ from the policy's analytic Fisher product at θ_old (checked against the KL's Hessian in
//     test/policy); ΔᵀFΔ also equals the curvature of the mean KL along Δ, (KL(tΔ) + KL(−tΔ))/t²
//     at t = 1e-3, with the KL written out in closed form (1e-5 relative: the O(t²) remainder);
//     the new θ satisfies KL ≤ δ and improves the surrogate, both recomputed by hand (the
//     reported kl and surrogate_improvement agree to 1e-12 relative);
//   - when the full step leaves the trust region (NPG's step on an identical learner has KL > δ),
//     the search backtracks: step_fraction = 0.8^(steps − 1) < 1 exactly, θ_new − θ_old =
//     step_fraction·Δ (1e-12 normwise), KL ≤ δ at it, and the candidate before it failed;
//   - when no candidate passes, θ is restored bit for bit and the iteration says so.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NPG } from '../../src/algos/npg.js';
import { TRPO } from '../../src/algos/trpo.js';
import { DiagonalGaussian } from '../../src/nn/distributions/diagonal-gaussian.js';
import { Random } from '../../src/random/prng.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { normwiseRelativeError } from '../helpers/reference.js';
import { referenceLogProbs, referenceMeanKL, referenceStandardize, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

const SETTINGS = resolveTrainingSettings('trpo', 'Pendulum-v1', { criticEpochs: 1, criticMinibatchSize: 16 }, false).settings;

/** A learner and its batch, the same for the same seed (seeds 1 and 5 were chosen for their full steps' KL). */
function setUp(seed: number) {
  const learner = tinyLearner(new DiagonalGaussian(2), { observationSize: 3, hidden: 6, batchSize: 16, seed });
  return { learner, batch: tinyBatch(learner, new Random(seed + 100), 16) };
}

/** L(θ_new) − L(θ_old) with L(θ) = mean(π_θ/π_old · Â), Â standardised, by hand. */
function surrogateImprovement(setup: ReturnType<typeof setUp>, thetaOld: Float64Array, thetaNew: Float64Array): number {
  const advantages = referenceStandardize(setup.batch.advantages);
  const logOld = referenceLogProbs(setup.learner, setup.batch, thetaOld);
  const logNew = referenceLogProbs(setup.learner, setup.batch, thetaNew);
  let sum = 0;
  for (let b = 0; b < advantages.length; b++) sum += (Math.exp(logNew[b]! - logOld[b]!) - 1) * advantages[b]!;
  return sum / advantages.length;
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

test('an accepted full step lies on the trust region’s boundary ½Δᵀ(F + λI)Δ = δ and inside the true KL bound', async () => {
  const setup = setUp(1);
  const { learner, batch } = setup;
  const maxKL = 0.01;
  const thetaOld = await learner.policy.getParameters();
  const metrics = await new TRPO(learner, { ...SETTINGS, maxKL }).update(batch);
  const thetaNew = await learner.policy.getParameters();
  assert.is(metrics.line_search_steps, 1);
  assert.is(metrics.step_fraction, 1);

  const step = thetaNew.map((x, i) => x - thetaOld[i]!);
  learner.policy.setParameters(thetaOld);
  await learner.policy.evaluate(batch.observations, batch.actions, batch.size);
  const fisherStep = await learner.policy.fisherVectorProduct(step, 'analytic');
  const stepFisherStep = step.reduce((s, x, i) => s + x * fisherStep[i]!, 0);
  const stepStep = step.reduce((s, x) => s + x * x, 0);
  const quadratic = 0.5 * (stepFisherStep + SETTINGS.cgDamping * stepStep);
  assert.ok(relative(quadratic, maxKL) < 1e-10, `½Δᵀ(F + λI)Δ = ${quadratic}, δ = ${maxKL}`);

  const t = 1e-3;
  const along = (s: number) => thetaOld.map((x, i) => x + s * step[i]!);
  const curvature = (referenceMeanKL(learner, batch, thetaOld, along(t)) + referenceMeanKL(learner, batch, thetaOld, along(-t))) / (t * t);
  assert.ok(relative(curvature, stepFisherStep) < 1e-5, `KL curvature along Δ ${curvature}, ΔᵀFΔ ${stepFisherStep}`);

  const kl = referenceMeanKL(learner, batch, thetaOld, thetaNew);
  const improvement = surrogateImprovement(setup, thetaOld, thetaNew);
  assert.ok(kl <= maxKL, `KL ${kl} > δ ${maxKL}`);
  assert.ok(improvement > 0, `surrogate improvement ${improvement}`);
  assert.ok(relative(metrics.kl!, kl) < 1e-12, `reported kl ${metrics.kl}, by hand ${kl}`);
  assert.ok(relative(metrics.surrogate_improvement!, improvement) < 1e-12, `reported improvement ${metrics.surrogate_improvement}, by hand ${improvement}`);
});

test('a full step that leaves the trust region is shrunk by 0.8 until the KL is within δ', async () => {
  const maxKL = 0.5;
  const npg = setUp(5);
  const thetaOld = await npg.learner.policy.getParameters();
  await new NPG(npg.learner, { ...SETTINGS, maxKL }).update(npg.batch);
  const fullStep = (await npg.learner.policy.getParameters()).map((x, i) => x - thetaOld[i]!);
  const fullStepKL = referenceMeanKL(npg.learner, npg.batch, thetaOld, thetaOld.map((x, i) => x + fullStep[i]!));
  assert.ok(fullStepKL > maxKL, `the case needs a full step outside the trust region; its KL is ${fullStepKL}`);

  const trpo = setUp(5);
  assert.equal(await trpo.learner.policy.getParameters(), thetaOld);
  const metrics = await new TRPO(trpo.learner, { ...SETTINGS, maxKL }).update(trpo.batch);
  const thetaNew = await trpo.learner.policy.getParameters();
  const steps = metrics.line_search_steps!;
  assert.ok(steps > 1, `line search took ${steps} candidates`);
  assert.is(metrics.step_fraction, 0.8 ** (steps - 1));
  const fraction = metrics.step_fraction!;
  const taken = thetaNew.map((x, i) => x - thetaOld[i]!);
  assert.ok(normwiseRelativeError(taken, fullStep.map((x) => fraction * x)) < 1e-12, 'θ_new − θ_old is not step_fraction·Δ');
  const kl = referenceMeanKL(trpo.learner, trpo.batch, thetaOld, thetaNew);
  assert.ok(kl <= maxKL, `accepted KL ${kl} > δ ${maxKL}`);
  assert.ok(surrogateImprovement(trpo, thetaOld, thetaNew) > 0, 'the accepted step does not improve the surrogate');
  const before = thetaOld.map((x, i) => x + (fraction / 0.8) * fullStep[i]!);
  const rejected = referenceMeanKL(trpo.learner, trpo.batch, thetaOld, before) > maxKL || surrogateImprovement(trpo, thetaOld, before) <= 0;
  assert.ok(rejected, `the candidate at ${fraction / 0.8} passes both tests, yet was not taken`);
});

test('when no candidate passes, θ is restored exactly and the step reported as rejected', async () => {
  const { learner, batch } = setUp(5);
  const thetaOld = await learner.policy.getParameters();
  // One candidate, the full step, which leaves the trust region (previous test).
  const metrics = await new TRPO(learner, { ...SETTINGS, maxKL: 0.5, lineSearchSteps: 1 }).update(batch);
  assert.equal(await learner.policy.getParameters(), thetaOld);
  assert.is(metrics.line_search_accepted, 0);
  assert.is(metrics.line_search_steps, 1);
  assert.is(metrics.step_fraction, 0);
  assert.is(metrics.kl, 0);
});

test.run();
