import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkEnv } from '../../src/envs/check-env.js';
import type { Env } from '../../src/envs/env.js';
import { make, registeredIds } from '../../src/envs/registry.js';
import { Box, Discrete } from '../../src/envs/spaces.js';

test('the built-in environments pass with no errors (CartPole: a warning for its unbounded velocities; Pendulum: for its ±2 action box)', () => {
  for (const id of registeredIds().slice(0, 5)) {
    const { errors, warnings } = checkEnv(make(id));
    assert.equal(errors, [], id);
    if (id === 'CartPole-v1') assert.match(warnings.join('\n'), /observationSpace .* has infinite bounds/);
    if (id === 'Pendulum-v1') assert.match(warnings.join('\n'), /actionSpace Box\(-2, 2, \(1,\), float32\) is not normalised/);
  }
});

/** An environment with one problem of every kind the checker looks for. */
function brokenEnv(): Env {
  const observation = new Float32Array([0.5]);
  return {
    id: 'Broken-v0',
    observationSpace: new Box(0, 1, [1]),
    actionSpace: new Discrete(2),
    reset(args = {}) {
      observation[0] = args.seed === undefined ? 0.5 : Math.random(); // ignores the seed
      return [observation, {}];
    },
    step(action: number) {
      observation[0] = action === 1 ? 2 : 0.25; // leaves the observation space; reuses the array; accepts any action
      return [observation, Number.NaN, 0 as unknown as boolean, false, undefined as unknown as Record<string, unknown>];
    },
  };
}

test('a broken environment gets every problem reported, each naming the env', () => {
  const { errors, warnings } = checkEnv(brokenEnv(), { steps: 5 });
  const all = errors.join('\n');
  for (const expected of [
    /Broken-v0: reset\(\{ seed: 123 \}\) twice gave different observations/,
    /Broken-v0: step\(\d\) at step 0: reward must be a finite number, got NaN/,
    /terminated must be a boolean, got 0/,
    /info must be an object, got undefined/,
    /returned the same observation array as the previous call/,
    /the observation is not in observationSpace Box\(0, 1, \(1,\), float32\): element 0 must lie in \[0, 1\], got 2/,
    /two runs differ/,
  ]) {
    assert.match(all, expected);
  }
  assert.ok(errors.every((e) => e.startsWith('Broken-v0: ')));
  assert.match(warnings.join('\n'), /step\(2\) was accepted, but it is not in actionSpace Discrete\(2\)/);
});

test('wrong spaces and missing methods stop the check early with errors', () => {
  const env = { id: 'Spaceless-v0', observationSpace: new Discrete(3), actionSpace: {}, reset: 1 } as unknown as Env;
  const { errors } = checkEnv(env);
  assert.equal(errors, [
    'Spaceless-v0: observationSpace must be a Box (float32 vector observations), got object',
    'Spaceless-v0: actionSpace must be a Discrete or a Box, got object',
    'Spaceless-v0: reset must be a method',
    'Spaceless-v0: step must be a method',
  ]);
});

test('exceptions thrown by the environment are reported, not propagated', () => {
  const env = { ...brokenEnv(), reset: () => { throw new Error('no reset today'); } };
  assert.equal(checkEnv(env).errors, ['Broken-v0: reset() threw: no reset today']);
});

test.run();
