// Training with the learner on WebGPU (acting on wasm copies): the first iterations of PPO and
// TRPO give the wasm learner's metrics within 1e-4 relative (the GPU sums in another order, so
// bits may differ), the acting copies follow the learner's parameters exactly, PPO's parameters
// stay on the GPU through an update (counted calls: no parameter or gradient moves), and a run
// saved and resumed — the optimisers' moments read back from the GPU and uploaded again — equals
// the uninterrupted one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveSettingLayers, resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';
import type { MetricsRecord } from '../../src/algos/algorithm.js';
import type { MLP } from '../../src/backends/backend.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

const gpu = await webgpuOrSkip('training with a WebGPU learner');

const CASES: [string, string, Record<string, unknown>][] = [
  ['ppo', 'CartPole-v1', { minibatches: 2 }],
  ['trpo', 'Pendulum-v1', { criticMinibatchSize: 32 }],
];

if (gpu) {
  for (const [algo, env, extra] of CASES) {
    test(`${algo} on ${env}: a WebGPU learner matches the wasm learner's metrics within 1e-4`, async () => {
      const resolved = resolveSettingLayers(algo, env, [{ source: 'test', values: { totalSteps: 1280, numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], ...extra } }], false);
      const wasm = await Trainer.create(resolved);
      const webgpu = await Trainer.create(resolved, { backend: 'webgpu' });
      assert.is(webgpu.agent.policy.network.constructor.name, 'WebGPUMLP');
      for (let i = 0; i < 3; i++) {
        const expected: MetricsRecord = await wasm.step();
        const actual: MetricsRecord = await webgpu.step();
        for (const [key, value] of Object.entries(expected)) {
          if (key === 'sps' || !Number.isFinite(value)) continue;
          if (key === 'cg_iterations' || key === 'cg_residual') {
            // The solve stops once ‖r‖ < 1e-5, near f32's noise floor, where the GPU's other
            // summation order can decide one iteration either way: the count may differ by one,
            // and the residuals agree to the solve's tolerance.
            assert.ok(Math.abs(actual[key]! - value) <= (key === 'cg_iterations' ? 1 : 1e-5), `iteration ${i + 1} ${key}: ${actual[key]} vs ${value}`);
            continue;
          }
          assert.ok(Math.abs(actual[key]! - value) <= 1e-4 * Math.max(1, Math.abs(value)), `iteration ${i + 1} ${key}: ${actual[key]} vs ${value}`);
        }
      }
      assert.equal(Array.from(webgpu.agent.actorCritic.actor.parameters), Array.from(await webgpu.agent.policy.network.readParameters()));
    });
  }

  test('ppo with a WebGPU learner: resuming after 2 of 4 iterations equals the uninterrupted run', async () => {
    const resolved = resolveTrainingSettings('ppo', 'Pendulum-v1', { totalSteps: 1024, numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], minibatches: 2, epochs: 2 }, false);
    const withoutTimings = ({ sps: _, ...metrics }: Record<string, number>) => metrics;
    const whole = await Trainer.create(resolved, { backend: 'webgpu' });
    const expected = [];
    for (let i = 0; i < 4; i++) expected.push(withoutTimings(await whole.step()));
    const head = await Trainer.create(resolved, { backend: 'webgpu' });
    const actual = [withoutTimings(await head.step()), withoutTimings(await head.step())];
    const saved = JSON.parse(JSON.stringify(await head.getState()));
    assert.is(saved.algorithm.critic.firstMoment.length, head.agent.critic.layout.parameterCount);
    const resumed = await Trainer.create(resolved, { backend: 'webgpu' });
    await resumed.setState(saved);
    actual.push(withoutTimings(await resumed.step()), withoutTimings(await resumed.step()));
    assert.equal(actual, expected);
  });

  test('ppo with a WebGPU learner: an iteration reads back Y and one norm per minibatch, and the parameters once', async () => {
    const resolved = resolveTrainingSettings('ppo', 'Pendulum-v1', { totalSteps: 1280, numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], minibatches: 4, epochs: 3 }, false);
    const trainer = await Trainer.create(resolved, { backend: 'webgpu' });
    const calls = new Map<string, number>();
    const networks = { actor: trainer.agent.policy.network, critic: trainer.agent.critic as MLP };
    for (const [who, network] of Object.entries(networks)) {
      for (const method of ['forward', 'backward', 'backwardSquaredNorm', 'readParameters', 'readGradients', 'setParameters', 'jvp', 'hvp', 'gaussNewtonProduct'] as const) {
        const original = (network[method] as (...args: unknown[]) => unknown).bind(network);
        (network as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          calls.set(`${who}.${method}`, (calls.get(`${who}.${method}`) ?? 0) + 1);
          return original(...args);
        };
      }
    }
    const metrics = await trainer.step();
    const minibatches = metrics.epochs! * 4;
    assert.is(minibatches, 12);
    assert.equal(Object.fromEntries(calls), {
      // Each minibatch: Y for the losses, computed on the CPU, and ‖∂L/∂θ‖² for the joint clipping.
      'actor.forward': minibatches, 'actor.backwardSquaredNorm': minibatches,
      'critic.forward': minibatches, 'critic.backwardSquaredNorm': minibatches,
      // Once per iteration: the acting copies on wasm take the new parameters.
      'actor.readParameters': 1, 'critic.readParameters': 1,
    });
  });
}

test.run();
