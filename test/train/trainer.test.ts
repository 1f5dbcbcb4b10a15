// The training loop's contracts: the same seed gives identical metrics (timings aside), and a run
// saved after k iterations and resumed in a fresh trainer continues exactly as the uninterrupted
// run — for every algorithm, with discrete and continuous actions and with normalisation on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveSettingLayers } from '../../src/train/settings.js';
import { iterationsFor, Trainer } from '../../src/train/trainer.js';
import type { MetricsRecord } from '../../src/algos/algorithm.js';

const SMALL = { numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], totalSteps: 128 * 4 };
const CASES: [string, string, Record<string, unknown>][] = [
  ['ppo', 'CartPole-v1', { minibatches: 4 }],
  ['ppo', 'Pendulum-v1', { minibatches: 4, stepsPerEnv: 64, numEnvs: 2 }],
  ['ppo-reuse', 'CartPole-v1', { minibatches: 4, bufferRollouts: 2 }],
  ['trpo', 'Acrobot-v1', { criticMinibatchSize: 32 }],
  ['trpo', 'MountainCarContinuous-v0', { criticMinibatchSize: 32, normalizeObservations: true, normalizeRewards: true }],
  ['npg', 'CartPole-v1', { criticMinibatchSize: 32, fisher: 'kl-hessian' }],
  ['vpg', 'MountainCar-v0', { criticMinibatchSize: 32 }],
];

const withoutTimings = (metrics: MetricsRecord[]) => metrics.map(({ sps: _sps, ...rest }) => rest);

async function run(algo: string, env: string, overrides: Record<string, unknown>, iterations: number, trainer?: Trainer): Promise<{ trainer: Trainer; metrics: MetricsRecord[] }> {
  const t = trainer ?? (await Trainer.create(resolveSettingLayers(algo, env, [{ source: 'test', values: { ...SMALL, ...overrides } }], false)));
  const metrics: MetricsRecord[] = [];
  for (let i = 0; i < iterations; i++) metrics.push(await t.step());
  return { trainer: t, metrics };
}

for (const [algo, env, overrides] of CASES) {
  test(`${algo} on ${env}: same seed, same metrics; resume after 2 of 4 iterations equals the uninterrupted run`, async () => {
    const first = await run(algo, env, overrides, 4);
    const second = await run(algo, env, overrides, 4);
    assert.equal(withoutTimings(second.metrics), withoutTimings(first.metrics));
    assert.ok(first.metrics.every((m) => Object.values(m).every((v) => typeof v === 'number')));

    const head = await run(algo, env, overrides, 2);
    const saved = JSON.parse(JSON.stringify(await head.trainer.getState()));
    const resumed = await Trainer.create(resolveSettingLayers(algo, env, [{ source: 'test', values: { ...SMALL, ...overrides } }], false));
    await resumed.setState(saved);
    const tail = await run(algo, env, overrides, 2, resumed);
    assert.equal(withoutTimings([...head.metrics, ...tail.metrics]), withoutTimings(first.metrics));
  });
}

test('a different seed gives different metrics', async () => {
  const a = await run('ppo', 'CartPole-v1', { minibatches: 4 }, 1);
  const b = await run('ppo', 'CartPole-v1', { minibatches: 4, seed: 2 }, 1);
  assert.not.equal(withoutTimings(a.metrics), withoutTimings(b.metrics));
});

test('a run trains at least totalSteps, in whole batches (SB3\'s practice): the request rounded up to a multiple of the batch', async () => {
  assert.equal([1, 127, 128, 129, 600].map((steps) => iterationsFor(steps, 128)), [1, 1, 1, 2, 5]);
  const trainer = await Trainer.create(resolveSettingLayers('ppo', 'CartPole-v1', [{ source: 'test', values: { ...SMALL, minibatches: 4, totalSteps: 129 } }], false));
  assert.is(trainer.totalIterations, 2);
  while (!trainer.done) await trainer.step();
  assert.is(trainer.agent.globalStep, 256);
});

test.run();
