import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ClassicControlEnv } from '../../src/envs/env.js';
import { make, register, registeredIds, rewardThreshold } from '../../src/envs/registry.js';
import { Box, Discrete } from '../../src/envs/spaces.js';

/** id, Gymnasium's time limit, a non-terminal state, and an action that keeps it non-terminal for one step. */
const builtIns = [
  { id: 'CartPole-v1', limit: 500, state: [0, 0, 0, 0], action: 1 as number | number[] },
  { id: 'Acrobot-v1', limit: 500, state: [0, 0, 0, 0], action: 1 },
  { id: 'Pendulum-v1', limit: 200, state: [0, 0], action: [0] },
  { id: 'MountainCar-v0', limit: 200, state: [-0.5, 0], action: 1 },
  { id: 'MountainCarContinuous-v0', limit: 999, state: [-0.5, 0], action: [0] },
];

test('the five classic-control ids are registered', () => {
  assert.equal(registeredIds().slice(0, 5), builtIns.map((b) => b.id));
});

test("reward thresholds are Gymnasium's reward_threshold values; Pendulum-v1 has none", () => {
  assert.equal(builtIns.map((b) => rewardThreshold(b.id)), [475, -100, undefined, -110, 90]);
});

for (const { id, limit, state, action } of builtIns) {
  test(`${id}: truncated exactly at step ${limit}, terminated never here`, () => {
    const env = make(id) as ClassicControlEnv<number | number[]>;
    assert.is(env.maxEpisodeSteps, limit);
    env.reset({ seed: 0 });
    for (let t = 1; t <= limit; t++) {
      env.setState(state);
      const [, , terminated, truncated] = env.step(action);
      assert.is(terminated, false);
      assert.is(truncated, t === limit, `step ${t}`);
    }
    env.reset();
    env.step(action);
    assert.is(env.truncated, false, 'reset restarts the step count');
  });

  test(`${id}: the same seed gives the same observations and rewards; another seed another start`, () => {
    const run = (seed: number) => {
      const env = make(id);
      const out: number[] = [...env.reset({ seed })[0]];
      for (let t = 0; t < 30; t++) {
        const [observation, reward, terminated, truncated] = env.step(action);
        out.push(...observation, reward);
        if (terminated || truncated) out.push(...env.reset()[0]);
      }
      return out;
    };
    assert.equal(run(5), run(5));
    assert.not.equal(run(5).slice(0, 4), run(6).slice(0, 4));
  });

  test(`${id}: step returns a fresh float32 observation; stepInPlace reuses one`, () => {
    const env = make(id) as ClassicControlEnv<number | number[]>;
    const [first] = env.reset({ seed: 1 });
    const [second] = env.step(action);
    assert.ok(first instanceof Float32Array && second instanceof Float32Array && first !== second);
    assert.ok(env.observationSpace.contains(second));
    const reused = env.observation;
    env.stepInPlace(action);
    assert.is(env.observation, reused);
  });
}

test('maxEpisodeSteps overrides the time limit', () => {
  const env = make('CartPole-v1', { maxEpisodeSteps: 3 });
  env.reset({ seed: 0 });
  assert.equal([env.step(1)[3], env.step(0)[3], env.step(1)[3]], [false, false, true]);
});

test('unknown ids and option keys are errors naming them', () => {
  assert.throws(() => make('CartPole-v0'), /make: unknown environment id 'CartPole-v0'; registered: CartPole-v1, /);
  assert.throws(() => make('CartPole-v1', { render_mode: 'human' }), /CartPole-v1 options: unknown option 'render_mode'; expected one of suttonBartoReward, maxEpisodeSteps/);
  assert.throws(() => make('Pendulum-v1', { g: 'ten' }), /Pendulum-v1 options.g must be a finite number, got 'ten'/);
  assert.throws(() => make('MountainCar-v0', { maxEpisodeSteps: 0 }), /MountainCar-v0: maxEpisodeSteps must be an integer ≥ 1, got 0/);
  assert.throws(() => make('Acrobot-v1').reset({ seed: 1.5 }), /Acrobot-v1.reset: seed must be an integer/);
  assert.throws(() => make('Acrobot-v1').reset({ sed: 1 } as never), /Acrobot-v1.reset: unknown option 'sed'/);
});

test('register adds a user environment to make; a taken id is an error', () => {
  const factory = (options: Record<string, unknown>) => ({
    id: 'Constant-v0',
    observationSpace: new Box(0, 1, [1]),
    actionSpace: new Discrete(2),
    reset: () => [new Float32Array([Number(options.start ?? 0)]), {}] as [Float32Array, Record<string, unknown>],
    step: () => [new Float32Array([1]), 0, true, false, {}] as [Float32Array, number, boolean, boolean, Record<string, unknown>],
  });
  register('Constant-v0', factory);
  assert.equal(Array.from(make('Constant-v0', { start: 1 }).reset()[0]), [1]);
  assert.throws(() => register('Constant-v0', factory), /'Constant-v0' is already registered/);
  assert.throws(() => register('', factory), /id must be a non-empty string/);
});

test.run();
