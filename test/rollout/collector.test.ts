import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { make } from '../../src/envs/registry.js';
import { SyncVectorEnv, makeVec } from '../../src/envs/vector-env.js';
import { ClipActionVector } from '../../src/envs/vector-wrappers/clip-action-vector.js';
import { Collector } from '../../src/rollout/collector.js';
import type { PolicyOutput } from '../../src/rollout/rollout-policy.js';
import { constantPolicy, leaningPolicy, randomPolicy, sumValue } from '../helpers/policies.js';

test('the batch records what a hand-stepped twin of each sub-env sees, step by step', () => {
  const numEnvs = 2;
  const numSteps = 12;
  const envs = makeVec('CartPole-v1', numEnvs, { maxEpisodeSteps: 5 });
  const collector = new Collector(envs, leaningPolicy(4), { stepsPerEnv: numSteps, seed: 3 });
  const batch = collector.collect();
  for (let e = 0; e < numEnvs; e++) {
    const twin = make('CartPole-v1', { maxEpisodeSteps: 5 });
    let [observation] = twin.reset({ seed: SyncVectorEnv.subEnvSeed(3, e) });
    for (let t = 0; t < numSteps; t++) {
      const i = t * numEnvs + e;
      assert.equal(Array.from(batch.observations.subarray(i * 4, i * 4 + 4)), Array.from(observation), `observation t=${t} e=${e}`);
      const action = observation[2]! > 0 ? 1 : 0;
      assert.is(batch.actions[i], action);
      assert.is(batch.values[i], Math.fround(sumValue(observation, 0, 4)));
      assert.is(batch.logProbs[i], -0.25);
      const [next, reward, terminated, truncated] = twin.step(action);
      assert.equal([batch.rewards[i], batch.terminated[i], batch.truncated[i]], [reward, Number(terminated), Number(truncated)]);
      if (terminated || truncated) {
        assert.equal(Array.from(batch.finalObservations.subarray(i * 4, i * 4 + 4)), Array.from(next));
        // The truncated episode's final observation is valued (v = its sum); a terminated one is not.
        assert.is(batch.finalValues[i], terminated ? 0 : Math.fround(sumValue(next, 0, 4)));
        [observation] = twin.reset();
      } else {
        observation = next;
        assert.is(batch.finalValues[i], 0);
      }
    }
    assert.equal(Array.from(batch.lastObservations.subarray(e * 4, e * 4 + 4)), Array.from(observation));
    assert.is(batch.lastValues[e], Math.fround(sumValue(observation, 0, 4)));
  }
  // Balanced by the leaning policy, every episode runs to the 5-step limit: 2 per sub-env in 12 steps.
  assert.is(batch.episodes.count, 4);
  assert.equal(Array.from(batch.episodes.lengths.subarray(0, 4)), [5, 5, 5, 5]);
  assert.equal(Array.from(batch.episodes.returns.subarray(0, 4)), [5, 5, 5, 5]);
});

test('episodes continue across collect() calls, and their statistics count whole episodes', () => {
  const envs = makeVec('CartPole-v1', 1, { maxEpisodeSteps: 5 });
  const collector = new Collector(envs, leaningPolicy(4), { stepsPerEnv: 3, seed: 0 });
  assert.is(collector.collect().episodes.count, 0);
  const second = collector.collect();
  assert.is(second.episodes.count, 1);
  assert.is(second.episodes.lengths[0], 5);
  assert.is(second.truncated[1], 1, 'the 5th step is the second of this rollout');
});

test('one seed fixes the rollout: same seeds, same batch', () => {
  const run = () => {
    const collector = new Collector(makeVec('Acrobot-v1', 3), randomPolicy(3, 9), { stepsPerEnv: 40, seed: 21 });
    const batch = collector.collect();
    return [Array.from(batch.observations), Array.from(batch.actions), Array.from(batch.rewards)];
  };
  assert.equal(run(), run());
});

test('Box actions are stored as the policy gave them; a ClipActionVector in the stack clips what the envs receive', () => {
  // MountainCarContinuous-v0 charges −0.1·a² on the action it receives: 3.5 raw, 1 once clipped.
  for (const [clip, reward] of [[false, -0.1 * 3.5 * 3.5], [true, -0.1]] as const) {
    const envs = makeVec('MountainCarContinuous-v0', 2);
    const collector = new Collector(clip ? new ClipActionVector(envs) : envs, constantPolicy([3.5]), { stepsPerEnv: 4, seed: 1 });
    const batch = collector.collect();
    assert.equal(Array.from(batch.actions), new Array(8).fill(3.5));
    assert.equal(Array.from(batch.rewards), new Array(8).fill(Math.fround(reward)), clip ? 'clipped' : 'raw');
  }
});

test('non-finite policy outputs and bad options throw errors naming them', () => {
  const broken = leaningPolicy(4);
  const nanValues = { ...broken, values: (_o: Float32Array, count: number, out: Float32Array) => out.fill(Number.NaN, 0, count) };
  const collector = new Collector(makeVec('CartPole-v1', 2), nanValues, { stepsPerEnv: 2, seed: 0 });
  assert.throws(() => collector.collect(), /Collector: policy.values gave a non-finite values\[0\] = NaN at step 2/);
  const nanLogProbs = {
    ...broken,
    act: (o: Float32Array, count: number, out: PolicyOutput) => {
      broken.act(o, count, out);
      out.logProbs[1] = Number.NaN;
    },
  };
  assert.throws(() => new Collector(makeVec('CartPole-v1', 2), nanLogProbs, { stepsPerEnv: 1 }).collect(), /Collector: policy.act gave a non-finite logProbs\[1\] = NaN at step 0/);
  assert.throws(() => new Collector(makeVec('CartPole-v1', 1), broken, { stepsPerEnv: 0 }), /Collector options.stepsPerEnv must be an integer ≥ 1, got 0/);
  assert.throws(() => new Collector(makeVec('CartPole-v1', 1), broken, { stepsPerEnv: 1, steps: 2 } as never), /unknown option 'steps'/);
});

test.run();
