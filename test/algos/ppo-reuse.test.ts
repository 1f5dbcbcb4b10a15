// PPO with sample reuse on tiny fixed rollouts (2 sub-envs × 4 steps, so two 4-step trajectories a
// rollout; categorical policy 3 → 6 → 3, f64; minibatches of 8 rows, a buffer of 3 rollouts). The
// test sets a different policy θ_k before each rollout, and maxGradNorm = 1e-300 keeps the
// updates from moving θ measurably (checked), so that every ratio is known by hand:
//   - the ratios are π_θ/μ against each trajectory's own behaviour policy μ (its stored
//     log-probabilities): the reported approx_kl and clipfrac of the last minibatch, whose rows are
//     found by replaying the minibatch stream, equal mean((r − 1) − log r) and the fraction
//     |r − 1| > ε with those ratios (1e-12 relative, exactly), and differ from what one behaviour
//     policy for every row (the current one, as PPO without reuse has) would give;
//   - the oldest rollout's trajectories are dropped when a fourth rollout arrives;
//   - mean_policy_lag = the mean over gathered rows of (updates so far − the row's policy version).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PPOReuse, type ReuseLearner } from '../../src/algos/ppo-reuse.js';
import { Discrete } from '../../src/envs/spaces.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { Random } from '../../src/random/prng.js';
import type { PreparedBatch } from '../../src/rollout/prepared-batch.js';
import { epochMinibatches } from '../../src/rollout/samplers.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { normwiseRelativeError } from '../helpers/reference.js';
import { referenceLogProbs, tinyBatch, tinyLearner } from '../helpers/tiny-learner.js';

const NUM_STEPS = 4;
const NUM_ENVS = 2;
const SETTINGS = resolveTrainingSettings('ppo-reuse', 'CartPole-v1', { epochs: 1, minibatches: 1, bufferRollouts: 3, maxGradNorm: 1e-300 }, false).settings;

function setUp() {
  const learner = tinyLearner(new Categorical(3), { observationSize: 3, hidden: 6, batchSize: NUM_STEPS * NUM_ENVS, seed: 7 });
  const reuse: ReuseLearner = {
    ...learner,
    actorCritic: { values: (observations, count, out) => out.set(learner.critic.forward(observations, count).subarray(0, count)) },
    envs: { observationSize: 3, actionSize: 1, singleActionSpace: new Discrete(3) },
    settings: { gamma: 0.99, gaeLambda: 0.95 },
  };
  const algorithm = new PPOReuse(reuse, SETTINGS, { totalIterations: 10 });
  const random = new Random(11);
  const theta0 = learner.policy.getParameters();
  const rollouts: PreparedBatch[] = [];
  const thetas: Float64Array[] = [];
  /** Sets θ to a fresh random perturbation of the initial θ, collects a rollout with it and updates; returns the metrics. */
  const rolloutAndUpdate = async () => {
    const theta = (await theta0).map((x) => x + 0.5 * random.normal());
    thetas.push(theta);
    learner.policy.setParameters(theta);
    const batch = tinyBatch(learner, random, NUM_STEPS, NUM_ENVS);
    rollouts.push(batch);
    learner.policy.setParameters(theta);
    const minibatchState = learner.minibatchRandom.getState();
    const metrics = await algorithm.update(batch, rollouts.length);
    const moved = normwiseRelativeError(await learner.policy.getParameters(), theta);
    assert.ok(moved < 1e-12, `the update moved θ by ${moved}`);
    return { metrics, minibatchState };
  };
  return { learner, algorithm, rollouts, thetas, rolloutAndUpdate };
}

/** Rollout, sub-env and time step of global buffer index g when the buffer holds rollouts `first`, first + 1, …: trajectories oldest first, each one sub-env's column. */
function locate(g: number, first: number) {
  const trajectory = Math.floor(g / NUM_STEPS);
  return { rollout: first + Math.floor(trajectory / NUM_ENVS), row: (g % NUM_STEPS) * NUM_ENVS + (trajectory % NUM_ENVS) };
}

test('ratios are taken against each trajectory’s own behaviour policy', async () => {
  const { learner, rollouts, rolloutAndUpdate } = setUp();
  await rolloutAndUpdate();
  const { metrics, minibatchState } = await rolloutAndUpdate();
  // The last minibatch of the update's one epoch, from the same stream.
  const random = new Random(1);
  random.setState(minibatchState);
  const rows = epochMinibatches(NUM_STEPS * NUM_ENVS * 2, NUM_STEPS * NUM_ENVS, random).at(-1)!;
  const theta = await learner.policy.getParameters();
  const current = rollouts.map((batch) => referenceLogProbs(learner, batch, theta));
  const summarise = (behaviour: (rollout: number, row: number) => number) => {
    let approxKL = 0;
    let clipped = 0;
    for (const g of rows) {
      const { rollout, row } = locate(g, 0);
      const logRatio = current[rollout]![row]! - behaviour(rollout, row);
      approxKL += Math.exp(logRatio) - 1 - logRatio;
      if (Math.abs(Math.exp(logRatio) - 1) > SETTINGS.clipCoef) clipped++;
    }
    return { approxKL: approxKL / rows.length, clipFraction: clipped / rows.length };
  };
  const own = summarise((rollout, row) => rollouts[rollout]!.logProbs[row]!);
  // PPO without reuse takes every row as sampled by the policy being updated (here θ_2, the latest rollout's): ratios 1.
  const single = summarise((rollout, row) => current[rollout]![row]!);
  assert.ok(rows.some((g) => locate(g, 0).rollout === 0) && rows.some((g) => locate(g, 0).rollout === 1), 'the minibatch should mix both rollouts');
  assert.ok(Math.abs(metrics.approx_kl! / own.approxKL - 1) < 1e-12, `approx_kl ${metrics.approx_kl}, by hand with each trajectory's μ ${own.approxKL}`);
  assert.is(metrics.clipfrac, own.clipFraction);
  assert.ok(Math.abs(single.approxKL / own.approxKL - 1) > 0.1, `with one behaviour policy the approx_kl would be ${single.approxKL}, hardly different from ${own.approxKL}`);
});

test('the oldest trajectories are dropped when the buffer overflows; the policy lag counts versions', async () => {
  const { algorithm, rollouts, rolloutAndUpdate } = setUp();
  const lags: number[] = [];
  for (let k = 0; k < 4; k++) {
    const { metrics } = await rolloutAndUpdate();
    lags.push(metrics.mean_policy_lag!);
    assert.is(metrics.buffer_steps, Math.min(k + 1, 3) * NUM_STEPS * NUM_ENVS);
    assert.is(metrics.buffer_trajectories, Math.min(k + 1, 3) * NUM_ENVS);
  }
  // Updates so far minus each row's version, averaged over every row (one epoch gathers each once):
  // update 1 sees version 0; update 2 versions 0, 1; update 3 versions 0–2; update 4 versions 1–3.
  assert.equal(lags, [0, 0.5, 1, 1]);
  const stored = algorithm.buffer.trajectories;
  assert.equal(stored.map((t) => t.policyVersion), [1, 1, 2, 2, 3, 3]);
  for (let g = 0; g < algorithm.buffer.size; g++) {
    const { rollout, row } = locate(g, 1);
    const trajectory = stored[Math.floor(g / NUM_STEPS)]!;
    assert.is(trajectory.logProbs[g % NUM_STEPS], rollouts[rollout]!.logProbs[row], `stored log-probability of buffer step ${g}`);
    assert.equal(Array.from(trajectory.observations.subarray((g % NUM_STEPS) * 3, (g % NUM_STEPS + 1) * 3)), Array.from(rollouts[rollout]!.observations.subarray(row * 3, row * 3 + 3)));
  }
});

test.run();
