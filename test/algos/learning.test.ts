// Each algorithm learns: on CartPole-v1 a uniformly random policy averages about 22 steps; after a
// short run each must average well above it (thresholds set at about half of what the seeded run
// reaches, so the test shows learning without depending on luck). Also: unsupported action spaces
// and non-finite rewards stop training with one clear error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Box, Discrete } from '../../src/envs/spaces.js';
import { register } from '../../src/envs/registry.js';
import type { Env, StepResult, ResetResult } from '../../src/envs/env.js';
import { resolveSettingLayers, resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';

async function train(algo: string, totalSteps: number, overrides: Record<string, unknown> = {}, env = 'CartPole-v1'): Promise<number> {
  const trainer = await Trainer.create(resolveSettingLayers(algo, env, [{ source: 'test', values: { totalSteps, ...overrides } }]));
  let episodicReturn = Number.NaN;
  while (!trainer.done) episodicReturn = (await trainer.step()).episodic_return!;
  return episodicReturn;
}

for (const [algo, steps, threshold] of [['ppo', 60_000, 100], ['trpo', 40_000, 100], ['npg', 40_000, 100], ['vpg', 60_000, 60], ['ppo-reuse', 30_000, 60]] as const) {
  test(`${algo} lifts CartPole-v1's mean return from about 22 to over ${threshold} within ${steps} steps`, async () => {
    const result = await train(algo, steps);
    assert.ok(result > threshold, `mean return of the last 100 episodes: ${result}`);
  });
}

/** A one-step environment whose action space or reward is chosen by the test. */
class ProbeEnv implements Env<number> {
  readonly observationSpace = new Box(-1, 1, [2]);
  constructor(readonly id: string, readonly actionSpace: Discrete, private readonly reward: number) {}
  reset(): ResetResult {
    return [new Float32Array(2), {}];
  }
  step(): StepResult {
    return [new Float32Array(2), this.reward, true, false, {}];
  }
}

test('an action space the algorithms cannot handle is named in one error', async () => {
  register('Probe-OneAction-v0', () => new ProbeEnv('Probe-OneAction-v0', new Discrete(1), 1));
  let message = '';
  await Trainer.create(resolveTrainingSettings('ppo', 'Probe-OneAction-v0', { totalSteps: 1024 })).catch((e: Error) => (message = e.message));
  assert.match(message, /Probe-OneAction-v0: action space Discrete\(1\) is not supported; the algorithms need Discrete\(n\) with n ≥ 2/);
});

test('a non-finite reward stops training with a message saying where it appeared', async () => {
  register('Probe-NaNReward-v0', () => new ProbeEnv('Probe-NaNReward-v0', new Discrete(2), Number.NaN));
  const trainer = await Trainer.create(resolveTrainingSettings('ppo', 'Probe-NaNReward-v0', { totalSteps: 1024 }));
  let message = '';
  await trainer.step().catch((e: Error) => (message = e.message));
  assert.match(message, /Probe-NaNReward-v0.step: reward must be a finite number, got NaN/);
});

test.run();
