// Two threads (the critic's learner on a worker thread, src/backends/thread/) against one: the
// reference is the one-thread run of the same settings, and the tolerance none — every metric but
// the timing, every parameter of actor and critic, and the critic's Adam state equal to the bit,
// for each algorithm that trains a critic, with discrete and continuous actions, on MuJoCo tasks
// (half of whose environments step on a worker of their own), and across a checkpoint taken on one
// thread count and resumed on the other. Then the public boundaries:
// Agent.create and `policygrad train --threads` refuse what cannot run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from '../../src/agent/agent.js';
import type { MetricsRecord } from '../../src/algos/algorithm.js';
import { isMujocoEnv, make, prepareIfRegistered } from '../../src/envs/registry.js';
import { resolveSettingLayers } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const SMALL = { numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16], totalSteps: 128 * 4 };
const CASES: [string, string, Record<string, unknown>][] = [
  ['ppo', 'CartPole-v1', { minibatches: 4 }],
  ['ppo', 'Pendulum-v1', { minibatches: 4, normalizeObservations: true, normalizeRewards: true }],
  ['ppo-reuse', 'CartPole-v1', { minibatches: 4, bufferRollouts: 2 }],
  ['trpo', 'Acrobot-v1', { criticMinibatchSize: 32 }],
  ['npg', 'MountainCarContinuous-v0', { criticMinibatchSize: 32 }],
  ['vpg', 'CartPole-v1', { criticMinibatchSize: 32 }],
  // MuJoCo: half the environments (rounded down) step on a worker thread of their own.
  ['trpo', 'Hopper-v5', { criticMinibatchSize: 32 }],
  ['ppo', 'InvertedPendulum-v5', { minibatches: 4, numEnvs: 3, normalizeObservations: true, normalizeRewards: true }],
];

const withoutTimings = (metrics: MetricsRecord[]) => metrics.map(({ sps: _sps, ...rest }) => rest);

async function trainer(algo: string, env: string, overrides: Record<string, unknown>, threads: 1 | 2): Promise<Trainer> {
  await prepareIfRegistered(env);
  return Trainer.create(resolveSettingLayers(algo, env, [{ source: 'test', values: { ...SMALL, ...overrides } }], false), { threads });
}

async function steps(t: Trainer, count: number): Promise<MetricsRecord[]> {
  const metrics: MetricsRecord[] = [];
  for (let i = 0; i < count; i++) metrics.push(await t.step());
  return metrics;
}

for (const [algo, env, overrides] of CASES) {
  test(`${algo} on ${env}: two threads give one thread's metrics, parameters and optimiser state, and resume each other's checkpoints`, async () => {
    const one = await trainer(algo, env, overrides, 1);
    const two = await trainer(algo, env, overrides, 2);
    assert.is(two.agent.critic.constructor.name, 'ThreadNetwork');
    const numEnvs = Number(overrides.numEnvs ?? SMALL.numEnvs);
    const onThread = isMujocoEnv(env) ? Math.floor(numEnvs / 2) : 0;
    assert.equal(two.agent.subEnvs.map((e) => e.constructor.name === 'ThreadEnv'), Array.from({ length: numEnvs }, (_, i) => i >= numEnvs - onThread), 'which environments step on a worker');
    const oneMetrics = await steps(one, 4);
    assert.equal(withoutTimings(await steps(two, 4)), withoutTimings(oneMetrics));
    assert.equal(await two.getState(), await one.getState());

    // A checkpoint of two threads after 2 iterations, resumed on one, and the other way round.
    for (const [from, to] of [[2, 1], [1, 2]] as const) {
      const head = await trainer(algo, env, overrides, from);
      const headMetrics = await steps(head, 2);
      const resumed = await trainer(algo, env, overrides, to);
      await resumed.setState(JSON.parse(JSON.stringify(await head.getState())));
      assert.equal(withoutTimings([...headMetrics, ...(await steps(resumed, 2))]), withoutTimings(oneMetrics), `${from} → ${to} threads`);
    }
  });
}

test('two threads step MuJoCo environments made by id on a worker, never those of a factory (a worker cannot call it), nor classic control (cheaper than the hop)', async () => {
  await prepareIfRegistered('Hopper-v5');
  const settings = { numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16] };
  const onThread = (agent: Agent) => agent.trainer.agent.subEnvs.map((env) => env.constructor.name === 'ThreadEnv');
  const byId = await Agent.create({ algo: 'trpo', env: 'Hopper-v5', settings, threads: 2 });
  const byFactory = await Agent.create({ algo: 'trpo', env: () => make('Hopper-v5'), settings, threads: 2 });
  const classic = await Agent.create({ algo: 'trpo', env: 'Pendulum-v1', settings, threads: 2 });
  assert.equal([onThread(byId), onThread(byFactory), onThread(classic)], [[false, true], [false, false], [false, false]]);
  await byId.learn(128);
  await byFactory.learn(128);
  assert.equal(await byId.trainer.getState(), await byFactory.trainer.getState(), 'the same run either way');
  await Promise.all([byId.close(), byFactory.close(), classic.close()]);
});

test('Agent.create takes threads 1 or 2, and refuses 2 off wasm and any other count', async () => {
  const settings = { numEnvs: 2, stepsPerEnv: 64, hiddenSizes: [16, 16] };
  const [one, two] = await Promise.all([Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings, threads: 1 }), Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings, threads: 2 })]);
  assert.is(two.trainer.agent.critic.constructor.name, 'ThreadNetwork');
  await one.learn(256);
  await two.learn(256);
  assert.equal(await two.trainer.getState(), await one.trainer.getState());
  // Closed, it still predicts as before; it can no longer learn, and says why.
  const observation = [0.01, -0.02, 0.03, 0.04];
  const action = two.predict(observation);
  await two.close();
  await one.close();
  assert.is(two.predict(observation), action);
  let error = '';
  await two.learn(128).catch((e: Error) => (error = e.message));
  assert.match(error, /worker thread was closed/);
  for (const [threads, backend, message] of [[3, 'wasm', /Agent.create: threads must be 1 or 2, got 3/], [2, 'webgpu', /threads 2 needs backend 'wasm'/], ['2', 'wasm', /threads must be 1 or 2, got '2'/]] as const) {
    let error = '';
    await Agent.create({ algo: 'ppo', env: 'CartPole-v1', threads, backend } as never).catch((e: Error) => (error = e.message));
    assert.match(error, message);
  }
});

test('policygrad train --threads: 3 and 2 with --backend webgpu are usage errors (exit 2) that say why, before anything is written', async () => {
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const out = join(scratchFolder('threads'), 'run');
  const run = (...args: string[]) => new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [main, 'train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '64', '--out', out, ...args], { encoding: 'utf8' }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
  });
  const three = await run('--threads', '3');
  assert.is(three.code, 2, three.stderr);
  assert.match(three.stderr, /--threads must be 1 or 2, got 3/);
  const webgpu = await run('--threads', '2', '--backend', 'webgpu');
  assert.is(webgpu.code, 2, webgpu.stderr);
  assert.match(webgpu.stderr, /--threads 2 needs backend 'wasm'/);
  assert.not.ok(existsSync(out), 'no run folder');
});

test.run();
