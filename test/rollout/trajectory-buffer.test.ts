import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeVec } from '../../src/envs/vector-env.js';
import { Random } from '../../src/random/prng.js';
import { Collector } from '../../src/rollout/collector.js';
import { epochMinibatches } from '../../src/rollout/samplers.js';
import { TrajectoryBuffer, type TrajectoryInit } from '../../src/rollout/trajectory-buffer.js';
import { assertClose } from '../helpers/close.js';
import { leaningPolicy, sumValue } from '../helpers/policies.js';

const options = { capacity: 10, observationSize: 1, actionSize: 1, discrete: true };

/** A 1-D trajectory whose observations are `first, first + 1, …`. */
function trajectory(length: number, first: number, policyVersion: number, end: TrajectoryInit['end'] = 'terminated'): TrajectoryInit {
  const steps = Array.from({ length }, (_, k) => first + k);
  return { observations: steps, actions: steps.map((s) => s % 2), rewards: steps.map(() => 1), logProbs: steps.map((s) => -s), policyVersion, end, finalObservation: [first + length] };
}

test('when full, the oldest whole trajectories are dropped to make room', () => {
  const buffer = new TrajectoryBuffer(options);
  buffer.add(trajectory(4, 0, 0));
  buffer.add(trajectory(3, 100, 1));
  buffer.add(trajectory(3, 200, 2));
  assert.is(buffer.size, 10);
  buffer.add(trajectory(2, 300, 3));
  assert.equal(buffer.trajectories.map((t) => t.policyVersion), [1, 2, 3]);
  assert.is(buffer.size, 8);
  buffer.add(trajectory(6, 400, 4));
  assert.equal(buffer.trajectories.map((t) => t.policyVersion), [3, 4]);
  assert.throws(() => buffer.add(trajectory(11, 0, 5)), /trajectory length \(rewards.length\) must be an integer in \[1, 10\], got 11/);
});

test('gather copies the rows of global step indices, with behaviour log-probabilities and policy versions', () => {
  const buffer = new TrajectoryBuffer(options);
  buffer.add(trajectory(2, 10, 7));
  buffer.add(trajectory(3, 20, 8));
  const minibatch = buffer.gather([4, 0, 2], buffer.createMinibatch(4));
  assert.is(minibatch.count, 3);
  assert.equal(Array.from(minibatch.observations.subarray(0, 3)), [22, 10, 20]);
  assert.equal(Array.from(minibatch.actions.subarray(0, 3)), [0, 0, 0]);
  assert.equal(Array.from(minibatch.logProbs.subarray(0, 3)), [-22, -10, -20]);
  assert.equal(Array.from(minibatch.policyVersions.subarray(0, 3)), [8, 7, 8]);
  assert.throws(() => buffer.gather([5], buffer.createMinibatch(1)), /indices\[0\] must be an integer in \[0, 4\], got 5/);
});

test('an epoch of minibatches over the buffer visits every stored step exactly once', () => {
  const buffer = new TrajectoryBuffer(options);
  buffer.add(trajectory(4, 0, 0));
  buffer.add(trajectory(5, 50, 1));
  const minibatch = buffer.createMinibatch(4);
  const seen: number[] = [];
  for (const indices of epochMinibatches(buffer.size, 4, new Random(1))) seen.push(...buffer.gather(indices, minibatch).observations.subarray(0, indices.length));
  assert.equal(seen.sort((a, b) => a - b), [0, 1, 2, 3, 50, 51, 52, 53, 54]);
});

test('computeAdvantages: GAE per trajectory with the current critic, bootstrapping all but terminated ends (tolerance 1e-6, float32 storage)', () => {
  // Critic v(s) = s; γ = 0.5, λ = 0.5; rewards 1. Terminated [0, 1]: Â1 = 1 − 1 = 0, Â0 = 1 + ½·1 − 0 + ¼·0 = 1.5.
  // Cut [4, 5] with final observation 6: Â1 = 1 + ½·6 − 5 = −1, Â0 = 1 + ½·5 − 4 + ¼·(−1) = −0.75.
  const buffer = new TrajectoryBuffer(options);
  buffer.add(trajectory(2, 0, 0, 'terminated'));
  buffer.add(trajectory(2, 4, 0, 'cut'));
  buffer.computeAdvantages({ values: (o, count, out) => out.set(o.subarray(0, count)) }, 0.5, 0.5);
  assertClose(buffer.trajectories[0]!.advantages, [1.5, 0], 1e-6, 'terminated');
  assertClose(buffer.trajectories[1]!.advantages, [-0.75, -1], 1e-6, 'cut');
  assertClose(buffer.trajectories[1]!.returns, [3.25, 4], 1e-6, 'returns');
});

test('addRollout splits each sub-env at episode ends and at the rollout end, keeping final observations', () => {
  const envs = makeVec('CartPole-v1', 2, { maxEpisodeSteps: 4 });
  const batch = new Collector(envs, leaningPolicy(4), { stepsPerEnv: 6, seed: 2 }).collect();
  const buffer = new TrajectoryBuffer({ capacity: 100, observationSize: 4, actionSize: 1, discrete: true });
  buffer.addRollout(batch, 3);
  // Per sub-env: an episode truncated after 4 steps, then 2 steps cut by the rollout's end.
  assert.equal(buffer.trajectories.map((t) => [t.length, t.end, t.policyVersion]), [[4, 'truncated', 3], [2, 'cut', 3], [4, 'truncated', 3], [2, 'cut', 3]]);
  const [truncated, cut] = buffer.trajectories;
  const row = (array: Float32Array, i: number) => Array.from(array.subarray(i * 4, i * 4 + 4));
  assert.equal(row(truncated!.observations, 1), row(batch.observations, 1 * 2 + 0), 'step 1 of sub-env 0');
  assert.equal(Array.from(truncated!.finalObservation), row(batch.finalObservations, 3 * 2 + 0));
  assert.equal(Array.from(cut!.finalObservation), row(batch.lastObservations, 0));
  assert.is(truncated!.logProbs[0], -0.25);
  assert.is(sumValue(cut!.observations, 0, 4), sumValue(batch.observations, 4 * 2 + 0, 4));
});

test('bad trajectories and options throw errors naming them', () => {
  const buffer = new TrajectoryBuffer(options);
  assert.throws(() => buffer.add({ ...trajectory(2, 0, 0), logProbs: [0] }), /TrajectoryBuffer.add: logProbs must have length 2, got 1/);
  assert.throws(() => buffer.add({ ...trajectory(2, 0, 0), actions: [0.5, 1] }), /actions\[0\] \(Discrete\) must be an integer/);
  assert.throws(() => buffer.add({ ...trajectory(2, 0, 0), end: 'done' as never }), /end must be 'terminated', 'truncated' or 'cut', got done/);
  assert.throws(() => new TrajectoryBuffer({ ...options, capacity: 0 }), /TrajectoryBuffer options.capacity must be an integer ≥ 1, got 0/);
});

test.run();
