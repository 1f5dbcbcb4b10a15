// The vector wrappers over SyncVectorEnv. References and tolerances:
//   - normalisation (NormalizeObservationVector, NormalizeRewardVector, each followed by a
//     Transform…Vector clip) on CartPole-v1, 3 sub-envs, 300 steps of seeded random actions, so
//     that episodes end mid-run, with a clip of 2 (instead of the training loop's 10) so that it
//     is reached, which the test asserts. The references are computed here from the raw
//     observations and rewards, in closed form over everything seen so far
//     (test/helpers/pooled-statistics.ts) rather than incrementally:
//       observations: clip((o − μ)/√(σ² + 1e-8), ±2), μ, σ² over every observation seen, the final
//       observation of an ending episode included (normalised before the next episode's first
//       enters): 1e-6 absolute (the outputs are f32);
//       rewards: clip(r/√(Var[G] + 1e-8), ±2), G ← γG + r per sub-env (γ = 0.99), restarted after
//       an episode ends, Var over every G so far: 1e-12 relative;
//   - ClipActionVector: the envs step as twins stepped with min(max(a, low), high) by hand, exact;
//   - the transforms: hand-computed values, exact;
//   - exact resume: normalizationState/restoreNormalization and the sub-envs' snapshots, restored
//     into a fresh stack, repeat the original's next 200 steps bit for bit (Object.is);
//   - observationTransform: equal to the stack's own output for the same observation, bit for bit,
//     and it leaves the statistics unchanged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { make } from '../../src/envs/registry.js';
import { Box } from '../../src/envs/spaces.js';
import { SyncVectorEnv, makeVec, restoreVectorEnv, snapshotVectorEnv, type VectorEnv } from '../../src/envs/vector-env.js';
import { ClipActionVector } from '../../src/envs/vector-wrappers/clip-action-vector.js';
import { NormalizeObservationVector } from '../../src/envs/vector-wrappers/normalize-observation-vector.js';
import { NormalizeRewardVector } from '../../src/envs/vector-wrappers/normalize-reward-vector.js';
import { normalizationState, normalizeVectorEnv, restoreNormalization } from '../../src/envs/vector-wrappers/normalize-vector-env.js';
import { observationTransform } from '../../src/envs/vector-wrappers/observation-transform.js';
import { TransformObservationVector } from '../../src/envs/vector-wrappers/transform-observation-vector.js';
import { TransformRewardVector } from '../../src/envs/vector-wrappers/transform-reward-vector.js';
import { findVectorWrapper } from '../../src/envs/vector-wrappers/vector-wrapper.js';
import { Random } from '../../src/random/prng.js';
import { pooledStatistics } from '../helpers/pooled-statistics.js';

const clipTo = (bound: number) => (observation: Float32Array, out: Float32Array) => {
  for (let j = 0; j < out.length; j++) out[j] = Math.min(Math.max(observation[j]!, -bound), bound);
};

test('observations and rewards are normalised by running statistics recomputed from the raw ones', () => {
  const numEnvs = 3;
  const gamma = 0.99;
  const clip = 2;
  const inner = makeVec('CartPole-v1', numEnvs);
  const env = new TransformRewardVector(
    new NormalizeRewardVector(new TransformObservationVector(new NormalizeObservationVector(inner), clipTo(clip)), { gamma }),
    (r) => Math.min(Math.max(r, -clip), clip),
  );
  const size = inner.observationSize;
  const seen: Float32Array[] = [];
  const returnsSeen: number[][] = [];
  const discounted = new Float64Array(numEnvs);
  const row = (source: Float32Array, e: number) => source.slice(e * size, (e + 1) * size);
  const normalised = (o: Float32Array) => {
    const { mean, variance } = pooledStatistics(seen, size);
    return Array.from(o, (x, j) => Math.min(Math.max((x - mean[j]!) / Math.sqrt(variance[j]! + 1e-8), -clip), clip));
  };
  const checkObservations = (what: string) => {
    for (let e = 0; e < numEnvs; e++) seen.push(row(inner.observations, e));
    for (let e = 0; e < numEnvs; e++) {
      const expected = normalised(row(inner.observations, e));
      expected.forEach((x, j) => assert.ok(Math.abs(env.observations[e * size + j]! - x) < 1e-6, `${what}, sub-env ${e}, element ${j}: ${env.observations[e * size + j]} vs ${x}`));
    }
  };

  assert.is(env.reset(5), env.observations);
  checkObservations('after reset');
  const random = new Random(9);
  let episodesEnded = 0;
  let observationsClipped = 0;
  let rewardsClipped = 0;
  for (let t = 0; t < 300; t++) {
    env.step(Array.from({ length: numEnvs }, () => random.integer(2)));
    for (let e = 0; e < numEnvs; e++) {
      if (!(inner.terminated[e] || inner.truncated[e])) continue;
      episodesEnded++;
      seen.push(row(inner.finalObservations, e));
      const expected = normalised(row(inner.finalObservations, e));
      expected.forEach((x, j) => assert.ok(Math.abs(env.finalObservations[e * size + j]! - x) < 1e-6, `step ${t}, final observation of sub-env ${e}, element ${j}`));
    }
    checkObservations(`step ${t}`);
    observationsClipped += env.observations.filter((x) => Math.abs(x) === clip).length;

    for (let e = 0; e < numEnvs; e++) discounted[e] = gamma * discounted[e]! + inner.rewards[e]!;
    returnsSeen.push(...Array.from(discounted, (g) => [g]));
    const scale = Math.sqrt(pooledStatistics(returnsSeen, 1).variance[0]! + 1e-8);
    for (let e = 0; e < numEnvs; e++) {
      const expected = Math.min(Math.max(inner.rewards[e]! / scale, -clip), clip);
      if (Math.abs(expected) === clip) rewardsClipped++;
      assert.ok(Math.abs(env.rewards[e]! - expected) <= 1e-12 * Math.abs(expected), `step ${t}, reward of sub-env ${e}: ${env.rewards[e]} vs ${expected}`);
      assert.is(env.rawRewards[e], inner.rewards[e]);
      assert.is(env.terminated[e], inner.terminated[e]);
      if (inner.terminated[e] || inner.truncated[e]) discounted[e] = 0;
    }
  }
  assert.ok(episodesEnded >= 10, `only ${episodesEnded} episodes ended`);
  assert.ok(observationsClipped > 0 && rewardsClipped > 0, `clip never reached: ${observationsClipped} observations, ${rewardsClipped} rewards`);
});

test('updateRunningMean = false freezes both statistics', () => {
  const observations = new NormalizeObservationVector(makeVec('Acrobot-v1', 2));
  const rewards = new NormalizeRewardVector(observations);
  rewards.reset(1);
  rewards.step([0, 1]);
  observations.updateRunningMean = false;
  rewards.updateRunningMean = false;
  const before = JSON.stringify([observations.statistics.getState(), rewards.statistics.getState()]);
  for (let t = 0; t < 5; t++) rewards.step([2, 0]);
  assert.is(JSON.stringify([observations.statistics.getState(), rewards.statistics.getState()]), before);
  assert.equal(Array.from(rewards.discountedReturns), [-1 - 0.99 * (1 + 0.99 * (1 + 0.99 * (1 + 0.99 * (1 + 0.99)))), -1 - 0.99 * (1 + 0.99 * (1 + 0.99 * (1 + 0.99 * (1 + 0.99))))], 'the returns still run');
});

test('ClipActionVector: the envs receive clipped actions, the caller keeps its own, the space is unbounded', () => {
  const inner = makeVec('MountainCarContinuous-v0', 2);
  const envs = new ClipActionVector(inner);
  envs.reset(3);
  const twins = [0, 1].map((i) => {
    const twin = make('MountainCarContinuous-v0');
    twin.reset({ seed: SyncVectorEnv.subEnvSeed(3, i) });
    return twin;
  });
  const actions = Float32Array.of(3.5, -0.25);
  envs.step(actions);
  assert.equal(Array.from(actions), [3.5, -0.25], 'unchanged');
  twins.forEach((twin, i) => {
    const [observation, reward] = twin.step([Math.min(Math.max(actions[i]!, -1), 1)]);
    assert.is(envs.rewards[i], reward);
    assert.equal(Array.from(envs.observations.subarray(i * 2, i * 2 + 2)), Array.from(observation));
  });
  assert.is(envs.rewards[0], -0.1, 'charged for the clipped force 1');
  assert.is(String(envs.singleActionSpace), 'Box(-Infinity, Infinity, (1,), float32)');
  assert.is(String(envs.env.singleActionSpace), 'Box(-1, 1, (1,), float32)');
  assert.is(envs.unwrapped, inner);
  assert.throws(() => envs.step([0]), /ClipActionVector.step: actions must be an array or typed array of 2 numbers \(2 envs × 1\), got an array of length 1/);
  assert.throws(() => new ClipActionVector(makeVec('CartPole-v1', 1)), /ClipActionVector: the single action space must be a Box, got Discrete\(2\)/);
  assert.throws(() => new ClipActionVector({} as never), /ClipActionVector: env must be a vector env/);
});

test('the transforms apply their function to every row, final observations included, and leave rawRewards alone', () => {
  const inner = makeVec('CartPole-v1', 2, { maxEpisodeSteps: 2 });
  const sum = (o: Float32Array, out: Float32Array) => { out[0] = o[0]! + o[2]!; };
  const envs = new TransformRewardVector(new TransformObservationVector(inner, sum, new Box(-10, 10, [1])), (r) => -3 * r);
  envs.reset(0);
  assert.is(envs.observationSize, 1);
  assert.equal(Array.from(envs.observations), [0, 1].map((e) => Math.fround(inner.observations[e * 4]! + inner.observations[e * 4 + 2]!)));
  envs.step([0, 1]);
  envs.step([1, 0]);
  assert.equal(Array.from(envs.rewards), [-3, -3]);
  assert.equal(Array.from(envs.rawRewards), [1, 1]);
  assert.equal(Array.from(inner.truncated), [1, 1]);
  assert.equal(Array.from(envs.finalObservations), [0, 1].map((e) => Math.fround(inner.finalObservations[e * 4]! + inner.finalObservations[e * 4 + 2]!)));
  assert.throws(() => new TransformRewardVector(inner, 'x' as never), /TransformRewardVector: fn must be a function \(reward\) => reward, got 'x'/);
});

/** Steps `envs` with `actions` rows and records every number it presents. */
function record(envs: VectorEnv, actions: readonly Float32Array[]): number[] {
  const out: number[] = [];
  for (const action of actions) {
    envs.step(action);
    out.push(...envs.observations, ...envs.rewards, ...envs.rawRewards, ...envs.terminated, ...envs.truncated);
    for (let e = 0; e < envs.numEnvs; e++) if (envs.terminated[e] || envs.truncated[e]) out.push(...envs.finalObservations.subarray(e * envs.observationSize, (e + 1) * envs.observationSize));
  }
  return out;
}

test("exact resume: the sub-envs' snapshots and normalizationState restored into a fresh stack continue bit for bit", () => {
  const build = () => normalizeVectorEnv(new ClipActionVector(makeVec('Pendulum-v1', 3, { maxEpisodeSteps: 50 })), { observations: true, rewards: true, gamma: 0.99 });
  const random = new Random(2);
  const actions = (n: number) => Array.from({ length: n }, () => Float32Array.from({ length: 3 }, () => random.uniformIn(-3, 3)));
  const original = build();
  original.reset(8);
  record(original, actions(170));
  const saved = JSON.parse(JSON.stringify({ envs: snapshotVectorEnv(original.unwrapped), normalization: normalizationState(original) }));
  const presented = Array.from(original.observations);
  const next = actions(200);
  const expected = record(original, next);
  const restored = build();
  restored.reset(99);
  restoreVectorEnv(restored.unwrapped, saved.envs);
  restoreNormalization(restored, saved.normalization);
  restored.markRestored();
  assert.equal(Array.from(restored.observations), presented, 'the observations normalised again with the restored statistics');
  const actual = record(restored, next);
  const differs = actual.findIndex((x, i) => !Object.is(x, expected[i]));
  assert.is(differs, -1, `first difference at recorded value ${differs}: ${actual[differs]} vs ${expected[differs]}`);
});

test('normalizationState: what each setting adds, in the checkpoint format; no wrappers, no state', () => {
  const base = makeVec('CartPole-v1', 2);
  assert.is(normalizeVectorEnv(base, { observations: false, rewards: false, gamma: 0.99 }), base);
  assert.is(normalizationState(base), undefined);
  const observationsOnly = normalizeVectorEnv(makeVec('CartPole-v1', 2), { observations: true, rewards: false, gamma: 0.99 });
  observationsOnly.reset(0);
  assert.equal(Object.keys(normalizationState(observationsOnly)!), ['observations', 'discountedReturns']);
  assert.equal(normalizationState(observationsOnly)!.discountedReturns, [0, 0]);
  const rewardsOnly = normalizeVectorEnv(makeVec('CartPole-v1', 2), { observations: false, rewards: true, gamma: 0.99 });
  assert.equal(Object.keys(normalizationState(rewardsOnly)!), ['rewards', 'discountedReturns']);
  const both = normalizeVectorEnv(makeVec('CartPole-v1', 2), { observations: true, rewards: true, gamma: 0.99 });
  assert.equal(Object.keys(normalizationState(both)!), ['observations', 'rewards', 'discountedReturns']);
  assert.ok(findVectorWrapper(both, NormalizeObservationVector) instanceof NormalizeObservationVector);
  assert.is(findVectorWrapper(rewardsOnly, NormalizeObservationVector), undefined);
  assert.throws(() => restoreNormalization(both, { discountedReturns: [0] }), /NormalizeRewardVector: discountedReturns must have length 2, got 1/);
});

test('observationTransform: one observation as the stack shows it, statistics frozen; identity without observation wrappers', () => {
  const envs = normalizeVectorEnv(makeVec('Acrobot-v1', 2), { observations: true, rewards: true, gamma: 0.99 });
  envs.reset(4);
  for (let t = 0; t < 20; t++) envs.step([t % 3, 2]);
  const statistics = findVectorWrapper(envs, NormalizeObservationVector)!.statistics;
  const before = JSON.stringify(statistics.getState());
  const observe = observationTransform(envs);
  const raw = envs.unwrapped.observations.slice(6, 12);
  assert.equal(Array.from(observe(raw)), Array.from(envs.observations.subarray(6, 12)), 'what the stack presented for sub-env 1');
  assert.is(JSON.stringify(statistics.getState()), before);
  assert.ok(Array.from(observe(Float32Array.of(100, 100, 100, 100, 100, 100))).every((x) => x === 10), 'clipped to ±10');
  const plain = makeVec('CartPole-v1', 1);
  const observation = Float32Array.of(1, 2, 3, 4);
  assert.is(observationTransform(new ClipActionVector(makeVec('Pendulum-v1', 1)))(Float32Array.of(1, 0, 0)).length, 3);
  assert.is(observationTransform(plain)(observation), observation);
  assert.throws(() => observe(new Float32Array(3)), /observation must be a Float32Array of 6 numbers, got a Float32Array of length 3/);
});

test.run();
