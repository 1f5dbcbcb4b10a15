// A user's environment (test/helpers/corridor.ts: the documented Env interface, with snapshot and
// restore, not registered) is first-class: it trains from an instance or a factory, checkpoints
// through toBytes, resumes through fromBytes, and the resumed run's metrics equal the
// uninterrupted run's — reference: that run, compared with Object.is on every metric but `sps`.
// Without snapshot() and restore() training works, and checkpointing fails saying what to add;
// loading a checkpoint of an unregistered env without `env` fails naming its id.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Agent, evaluate, register, type MetricsRecord } from '../../src/index.js';
import { Corridor, corridorWithoutSnapshots } from '../helpers/corridor.js';

const SETTINGS = { seed: 3, numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8, 8], minibatches: 2 };
const TRPO_SETTINGS = { seed: 3, numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8, 8], criticMinibatchSize: 32 };

const withoutTimings = (records: readonly MetricsRecord[]) => records.map(({ sps: _sps, ...rest }) => rest);

function recorder(): { records: MetricsRecord[]; callback: (context: { metrics: MetricsRecord }) => void } {
  const records: MetricsRecord[] = [];
  return { records, callback: ({ metrics }) => void records.push(metrics) };
}

function assertSameRecords(actual: readonly MetricsRecord[], expected: readonly MetricsRecord[], what: string): void {
  const a = withoutTimings(actual);
  const b = withoutTimings(expected);
  assert.is(a.length, b.length, what);
  a.forEach((record, i) => {
    for (const [key, value] of Object.entries(b[i]!)) assert.ok(Object.is(record[key], value), `${what}: iteration ${i + 1} ${key} is ${record[key]}, expected ${value}`);
  });
}

test('a user env with snapshot/restore: trained, checkpointed with toBytes, resumed with fromBytes({ env }) exactly as the uninterrupted run', async () => {
  const head = recorder();
  const first = await Agent.create({ algo: 'ppo', env: () => new Corridor(), settings: SETTINGS });
  await first.learn(3 * 64, { callbacks: [head.callback] });
  const bytes = await first.toBytes();
  const resumed = await Agent.fromBytes(bytes, { env: () => new Corridor() });
  assert.equal([resumed.env, resumed.globalStep], ['Corridor-v0', 3 * 64]);
  const tail = recorder();
  await resumed.learn(3 * 64, { callbacks: [tail.callback] });
  // The uninterrupted run: the same two learn calls in one process (PPO's schedule depends on them).
  const uninterrupted = await Agent.create({ algo: 'ppo', env: () => new Corridor(), settings: SETTINGS });
  const whole = recorder();
  await uninterrupted.learn(3 * 64, { callbacks: [whole.callback] });
  await uninterrupted.learn(3 * 64, { callbacks: [whole.callback] });
  assert.ok(whole.records.some((r) => Number.isFinite(r.episodic_return)), 'episodes end within the run');
  assertSameRecords([...head.records, ...tail.records], whole.records, 'resumed from bytes');
  // TRPO has no schedule: three iterations and three more are the six-iteration run.
  const trpo = await Agent.create({ algo: 'trpo', env: () => new Corridor(), settings: TRPO_SETTINGS });
  const trpoWhole = recorder();
  await trpo.learn(6 * 64, { callbacks: [trpoWhole.callback] });
  const trpoHead = await Agent.create({ algo: 'trpo', env: () => new Corridor(), settings: TRPO_SETTINGS });
  const trpoParts = recorder();
  await trpoHead.learn(3 * 64, { callbacks: [trpoParts.callback] });
  const trpoResumed = await Agent.fromBytes(await trpoHead.toBytes(), { env: () => new Corridor(), algo: 'trpo' });
  await trpoResumed.learn(3 * 64, { callbacks: [trpoParts.callback] });
  assertSameRecords(trpoParts.records, trpoWhole.records, 'TRPO resumed from bytes');
});

test('an Env instance trains (numEnvs 1), checkpoints and resumes; evaluate runs on an instance of it', async () => {
  const whole = recorder();
  const agent = await Agent.create({ algo: 'vpg', env: new Corridor(), settings: { seed: 4, stepsPerEnv: 64, hiddenSizes: [8], criticMinibatchSize: 32 } });
  assert.is(agent.settings.numEnvs, 1);
  await agent.learn(2 * 64, { callbacks: [whole.callback] });
  const resumed = await Agent.fromBytes(await agent.toBytes(), { env: new Corridor() });
  const a = recorder();
  const b = recorder();
  await agent.learn(2 * 64, { callbacks: [a.callback] });
  await resumed.learn(2 * 64, { callbacks: [b.callback] });
  assertSameRecords(b.records, a.records, 'an instance resumed');
  const result = evaluate(resumed, new Corridor(), 3, { seed: 1 });
  assert.equal(result, evaluate(agent, () => new Corridor(), 3, { seed: 1 }));
  assert.ok(result.lengths.every((n) => n >= 1 && n <= 30), 'episodes end by the time limit');
});

test('without snapshot() and restore() a user env trains and evaluates; toBytes says which env and what to add', async () => {
  const agent = await Agent.create({ algo: 'ppo', env: corridorWithoutSnapshots, settings: SETTINGS });
  await agent.learn(64);
  assert.is(evaluate(agent, corridorWithoutSnapshots, 2).returns.length, 2);
  try {
    await agent.toBytes();
    assert.unreachable('toBytes should have thrown');
  } catch (error) {
    assert.match((error as Error).message, /cannot checkpoint sub-env 0 \(Corridor-v0\): it has no snapshot\(\) and restore\(\)\. Add snapshot\(\), returning as JSON data everything its next steps depend on .*and restore\(snapshot\)/);
  }
});

test('loading a checkpoint of an unregistered env without `env` fails naming the id; with it registered, the id is enough', async () => {
  const agent = await Agent.create({ algo: 'ppo', env: () => new Corridor('CorridorRegistered-v0'), settings: SETTINGS });
  await agent.learn(64);
  const bytes = await agent.toBytes();
  try {
    await Agent.fromBytes(bytes);
    assert.unreachable('fromBytes should have thrown');
  } catch (error) {
    assert.match((error as Error).message, /Agent\.fromBytes: the environment of the checkpoint, 'CorridorRegistered-v0', is not registered; pass it as the env option — an Env, a factory \(\) => Env or a registered id — or register\('CorridorRegistered-v0', factory\) first/);
  }
  register('CorridorRegistered-v0', () => new Corridor('CorridorRegistered-v0'));
  const loaded = await Agent.fromBytes(bytes);
  assert.equal(loaded.predict([0.5, 0]), agent.predict([0.5, 0]));
  try {
    await Agent.fromBytes(bytes, { algo: 'trpo' });
    assert.unreachable('the wrong algorithm should have thrown');
  } catch (error) {
    assert.match((error as Error).message, /the checkpoint is of 'ppo', not 'trpo'/);
  }
});

test('a snapshot that restore() rejects is reported as a checkpoint that cannot be resumed, naming the env', async () => {
  const agent = await Agent.create({ algo: 'ppo', env: () => new Corridor(), settings: SETTINGS });
  await agent.learn(64);
  const bytes = await agent.toBytes();
  const broken = () => Object.assign(new Corridor(), { restore: () => { throw new RangeError('Corridor-v0.restore: position must be an integer in [0, 6], got 9'); } });
  try {
    await Agent.fromBytes(bytes, { env: broken });
    assert.unreachable('fromBytes should have thrown');
  } catch (error) {
    assert.match((error as Error).message, /the checkpoint: the saved state cannot be resumed \(Corridor-v0\.restore: position must be an integer in \[0, 6\], got 9\)/);
  }
});

test.run();
