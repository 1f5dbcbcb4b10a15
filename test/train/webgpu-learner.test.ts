// Training with the learner on WebGPU (acting on wasm copies): the first iterations of PPO and
// TRPO give the wasm learner's metrics within 1e-4 relative (the GPU sums in another order, so
// bits may differ), and the acting copies follow the learner's parameters exactly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

const gpu = await webgpuOrSkip('training with a WebGPU learner');

const CASES: [string, string, Record<string, unknown>][] = [
  ['ppo', 'CartPole-v1', { minibatches: 2 }],
  ['trpo', 'Pendulum-v1', { criticMinibatchSize: 32 }],
];

if (gpu) {
  for (const [algo, env, extra] of CASES) {
    test(`${algo} on ${env}: a WebGPU learner matches the wasm learner's metrics within 1e-4`, async () => {
      const resolved = resolveTrainingSettings(algo, env, { totalSteps: 1280, numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], ...extra }, false);
      const wasm = await Trainer.create(resolved);
      const webgpu = await Trainer.create(resolved, 'webgpu');
      assert.is(webgpu.agent.policy.network.constructor.name, 'WebGPUMLP');
      for (let i = 0; i < 3; i++) {
        const expected = await wasm.step();
        const actual = await webgpu.step();
        for (const [key, value] of Object.entries(expected)) {
          if (key === 'sps' || !Number.isFinite(value)) continue;
          assert.ok(Math.abs(actual[key]! - value) <= 1e-4 * Math.max(1, Math.abs(value)), `iteration ${i + 1} ${key}: ${actual[key]} vs ${value}`);
        }
      }
      assert.equal(Array.from(webgpu.agent.actorCritic.actor.parameters), Array.from(await webgpu.agent.policy.network.readParameters()));
    });
  }
}

test.run();
