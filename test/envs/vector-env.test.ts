import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CartPole } from '../../src/envs/cartpole.js';
import type { Env, StepResult } from '../../src/envs/env.js';
import { make } from '../../src/envs/registry.js';
import { Box, Discrete } from '../../src/envs/spaces.js';
import { SyncVectorEnv, makeVec } from '../../src/envs/vector-env.js';

test('one seed fixes every sub-env: sub-env i starts as a single env reset with Random.derive(seed, i)', () => {
  const envs = makeVec('CartPole-v1', 3);
  const observations = envs.reset(11).slice();
  for (let i = 0; i < 3; i++) {
    const [single] = make('CartPole-v1').reset({ seed: SyncVectorEnv.subEnvSeed(11, i) });
    assert.equal(Array.from(observations.subarray(i * 4, i * 4 + 4)), Array.from(single));
  }
  assert.not.equal(Array.from(observations.subarray(0, 4)), Array.from(observations.subarray(4, 8)));
});

test('same-step autoreset: the ending step keeps its final observation, flags and reward; observations start the next episode', () => {
  const envs = makeVec('CartPole-v1', 2, { maxEpisodeSteps: 5 });
  envs.reset(0);
  // A twin of sub-env 1, stepped by hand, tells what the vector env must report.
  const twin = new CartPole({ maxEpisodeSteps: 5 });
  twin.reset({ seed: SyncVectorEnv.subEnvSeed(0, 1) });
  for (let t = 1; t <= 5; t++) {
    envs.step(new Int32Array([t % 2, t % 2]));
    const [observation, reward, terminated, truncated] = twin.step(t % 2);
    assert.is(envs.rewards[1], reward);
    assert.is(envs.terminated[1], Number(terminated));
    assert.is(envs.truncated[1], Number(truncated));
    if (truncated) {
      assert.equal(Array.from(envs.finalObservations.subarray(4, 8)), Array.from(observation));
      const [fresh] = twin.reset();
      assert.equal(Array.from(envs.observations.subarray(4, 8)), Array.from(fresh), 'reset at once, continuing the sub-env generator');
    } else {
      assert.equal(Array.from(envs.observations.subarray(4, 8)), Array.from(observation));
    }
  }
  assert.is(envs.truncated[0], 1);
});

test('Box actions reach each sub-env from its row, unrounded', () => {
  const envs = makeVec('Pendulum-v1', 2);
  envs.reset(1);
  const twins = [0, 1].map((i) => {
    const env = make('Pendulum-v1');
    env.reset({ seed: SyncVectorEnv.subEnvSeed(1, i) });
    return env;
  });
  const actions = new Float64Array([0.123456789012, -1.5]);
  envs.step(actions);
  twins.forEach((twin, i) => {
    const [observation, reward] = twin.step([actions[i]!]);
    assert.is(envs.rewards[i], reward);
    assert.equal(Array.from(envs.observations.subarray(i * 3, i * 3 + 3)), Array.from(observation));
  });
});

test('a user env with only reset/step works, and what it returns is checked', () => {
  let count = 0;
  const counter: Env<number> = {
    id: 'Counter-v0',
    observationSpace: new Box(0, 10, [1]),
    actionSpace: new Discrete(2),
    reset: () => [new Float32Array([(count = 0)]), {}],
    step: (action): StepResult => [new Float32Array([(count += action)]), 1, count >= 2, false, {}],
  };
  const envs = new SyncVectorEnv([counter]);
  envs.reset(0);
  envs.step([1]);
  assert.equal([envs.observations[0], envs.terminated[0]], [1, 0]);
  envs.step([1]);
  assert.equal([envs.finalObservations[0], envs.observations[0], envs.terminated[0]], [2, 0, 1]);
  const liar = { ...counter, step: () => [[1], 0, false, false, {}] } as unknown as Env;
  const bad = new SyncVectorEnv([liar]);
  bad.reset();
  assert.throws(() => bad.step([0]), /Counter-v0.step: observation must be a Float32Array of length 1, got an array of length 1/);
});

test('bad use throws errors naming what was expected', () => {
  const envs = makeVec('CartPole-v1', 2);
  assert.throws(() => envs.step([0, 1]), /SyncVectorEnv: call reset\(\) before step\(\)/);
  envs.reset(0);
  assert.throws(() => envs.step([0]), /actions must be an array or typed array of 2 numbers \(2 envs × 1\), got an array of length 1/);
  assert.throws(() => envs.step([0, 3]), /CartPole-v1: invalid action for action space Discrete\(2\)/);
  assert.throws(() => new SyncVectorEnv([make('CartPole-v1'), make('Acrobot-v1')]), /envs\[1\] \(Acrobot-v1\) has spaces/);
  assert.throws(() => makeVec('CartPole-v1', 0), /numEnvs must be an integer ≥ 1, got 0/);
});

test.run();
