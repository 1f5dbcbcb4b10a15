// The high-level Agent against the training loop it wraps. References: a Trainer built from
// resolveTrainingSettings with the same settings (what `policygrad train` runs), for create and
// learn; policyActions (what `policygrad eval` acts with), for predict; the agent itself before
// toBytes/save, for fromBytes/load; an uninterrupted agent (or the trainer whose checkpoint was
// loaded), for a loaded one that continues. Every
// metric but `sps` (wall clock) and every action is compared with Object.is: no tolerance.
// Configuration errors are checked by their messages, all problems in one ConfigError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Agent, checkpointCallback, ConfigError, evalCallback, evaluate, make, Random, stopOnRewardThreshold, Trainer, resolveTrainingSettings,
  type MetricsRecord,
} from '../../src/index.js';
import { policyActions } from '../../src/train/evaluate.js';
import { trainerCheckpoint } from '../../src/train/run-config.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('agent');
/** 64-step batches (2 envs × 32 steps) of a 16-16 network. */
const SMALL = { seed: 5, numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [16, 16], minibatches: 2 };
/** The same for the algorithms with a separately trained critic. */
const SMALL_CRITIC = { seed: 5, numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [16, 16], criticMinibatchSize: 32 };
const BATCH = 64;

const withoutTimings = (records: readonly MetricsRecord[]) => records.map(({ sps: _sps, ...rest }) => rest);

/** Bit-for-bit equality of two lists of records (Object.is on every value), naming the first difference. */
function assertSameRecords(actual: readonly MetricsRecord[], expected: readonly MetricsRecord[], what: string): void {
  const a = withoutTimings(actual);
  const b = withoutTimings(expected);
  assert.is(a.length, b.length, `${what}: the number of iterations`);
  a.forEach((record, i) => {
    assert.equal(Object.keys(record), Object.keys(b[i]!), `${what}: iteration ${i + 1}'s metrics`);
    for (const [key, value] of Object.entries(record)) assert.ok(Object.is(value, b[i]![key]), `${what}: iteration ${i + 1} ${key} is ${value}, expected ${b[i]![key]}`);
  });
}

/** Asserts that `promise` rejects with a message matching `message`. */
async function rejects(promise: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`should have rejected with ${message}`);
}

/** The callback that records every iteration's metrics. */
function recorder(): { records: MetricsRecord[]; callback: (context: { metrics: MetricsRecord }) => void } {
  const records: MetricsRecord[] = [];
  return { records, callback: ({ metrics }) => void records.push(metrics) };
}

/** Observations to act on: the first steps of seeded episodes of `env` with random actions. */
function observationsOf(env: string, count: number): Float32Array[] {
  const e = make(env);
  e.actionSpace.seed(3);
  let [observation] = e.reset({ seed: 11 });
  const out: Float32Array[] = [];
  while (out.length < count) {
    out.push(observation);
    const [next, , terminated, truncated] = (e.step as (a: unknown) => ReturnType<typeof e.step>)(e.actionSpace.sample());
    observation = terminated || truncated ? e.reset()[0] : next;
  }
  return out;
}

test('learn(N) on a new agent trains exactly the run of `policygrad train --steps N` (a Trainer of the same settings)', async () => {
  const { records, callback } = recorder();
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  assert.is(await agent.learn(150, { callbacks: [callback] }), agent, 'learn resolves to the agent');
  const trainer = await Trainer.create(resolveTrainingSettings('ppo', 'CartPole-v1', { ...SMALL, totalSteps: 150 }));
  const expected: MetricsRecord[] = [];
  while (!trainer.done) expected.push(await trainer.step());
  assert.is(records.length, 3, '150 steps in 64-step batches: 3 iterations');
  assertSameRecords(records, expected, 'learn(150)');
  assert.equal([agent.globalStep, agent.iteration, agent.settings.totalSteps], [192, 3, 150]);
});

test('create from an id, an Env instance (numEnvs 1) and a factory (called numEnvs times): the same environment trains the same run', async () => {
  let made = 0;
  const factory = () => {
    made++;
    return make('CartPole-v1');
  };
  const runs: MetricsRecord[][] = [];
  for (const env of ['CartPole-v1', make('CartPole-v1'), factory]) {
    const { records, callback } = recorder();
    const agent = await Agent.create({ algo: 'vpg', env, settings: { seed: 2, numEnvs: 1, stepsPerEnv: 64, hiddenSizes: [8], criticMinibatchSize: 32 } });
    await agent.learn(128, { callbacks: [callback] });
    assert.equal([agent.env, agent.settings.numEnvs], ['CartPole-v1', 1]);
    runs.push(records);
  }
  assert.is(made, 1, 'the factory built the one sub-environment');
  assertSameRecords(runs[1]!, runs[0]!, 'an Env instance');
  assertSameRecords(runs[2]!, runs[0]!, 'a factory');
  const four = await Agent.create({ algo: 'ppo', env: factory, settings: SMALL });
  assert.is(four.settings.numEnvs, 2);
  assert.is(made, 3, 'numEnvs 2: two more');
  const single = await Agent.create({ algo: 'ppo', env: make('CartPole-v1'), settings: { hiddenSizes: [8] } });
  assert.is(single.settings.numEnvs, 1, "an instance: numEnvs 1, over PPO's default of 4");
});

test('settings are resolved as the command line resolves them (defaults, preset, settings) and every problem is reported at once', async () => {
  const pendulum = await Agent.create({ algo: 'ppo', env: 'Pendulum-v1', settings: { hiddenSizes: [8], stepsPerEnv: 64 } });
  const cli = resolveTrainingSettings('ppo', 'Pendulum-v1', { hiddenSizes: [8], stepsPerEnv: 64 }).settings;
  assert.equal(pendulum.settings, cli);
  assert.equal([pendulum.settings.gamma, pendulum.settings.normalizeObservations], [0.9, true], "Pendulum-v1's preset");
  const plain = await Agent.create({ algo: 'ppo', env: 'Pendulum-v1', preset: 'defaults', settings: { hiddenSizes: [8] } });
  assert.equal([plain.settings.gamma, plain.settings.numEnvs], [0.99, 4], 'no preset: the defaults');
  try {
    await Agent.create({ algo: 'ppo', env: make('CartPole-v1'), settings: { learningRat: 1, clipCoef: -1, numEnvs: 4, totalSteps: 10 } as never });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, ConfigError);
    const { problems } = error as ConfigError;
    assert.is(problems.length, 4, problems.join('\n'));
    assert.match(problems.join('\n'), /totalSteps is not a setting of Agent\.create; learn\(steps\)/);
    assert.match(problems.join('\n'), /numEnvs must be 1 for an Env instance.*pass a factory/);
    assert.match(problems.join('\n'), /unknown setting 'learningRat'; did you mean 'learningRate'\?/);
    assert.match(problems.join('\n'), /clipCoef must be > 0, got -1/);
  }
  await rejects(Agent.create({ algo: 'ppo', env: 'CartPol-v1' }), /unknown environment 'CartPol-v1'; did you mean 'CartPole-v1'\?/);
  await rejects(Agent.create({ algo: 'ppo', env: 'CartPole-v1', sede: 1 } as never), /Agent\.create: unknown option 'sede'/);
  await rejects(Agent.create({ algo: 'ppo', env: () => ({ id: 'Broken-v0' }) as never }), /factory's result.*observationSpace must be a Box/);
});

test('a callback that returns false stops learn after its iteration; every callback runs each iteration, in order', async () => {
  const calls: string[] = [];
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await agent.learn(10 * BATCH, {
    callbacks: [
      ({ iteration }) => {
        calls.push(`first ${iteration}`);
        return iteration < 2;
      },
      async ({ iteration, metrics, agent: self }) => {
        calls.push(`second ${iteration} ${metrics.global_step} ${self === agent}`);
      },
    ],
  });
  assert.equal(calls, ['first 1', 'second 1 64 true', 'first 2', 'second 2 128 true']);
  assert.is(agent.iteration, 2);
});

test("stopOnRewardThreshold stops at the first iteration whose mean training return reaches the threshold (default: the env's)", async () => {
  const { records, callback } = recorder();
  const full = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await full.learn(6 * BATCH, { callbacks: [callback] });
  const threshold = Math.max(...records.map((r) => r.episodic_return!).filter(Number.isFinite)) - 1e-9;
  const first = records.findIndex((r) => r.episodic_return! >= threshold) + 1;
  const stopped = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await stopped.learn(6 * BATCH, { callbacks: [stopOnRewardThreshold(threshold)] });
  assert.is(stopped.iteration, first);
  const unsolved = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await unsolved.learn(2 * BATCH, { callbacks: [stopOnRewardThreshold()] });
  assert.is(unsolved.iteration, 2, "CartPole-v1's 475 is not reached in two iterations");
});

test('evalCallback evaluates every N iterations as evaluate does, and saves the best agent to bestPath; stopOnRewardThreshold can stop on its evaluations', async () => {
  const bestPath = join(folder, 'best.safetensors');
  const evaluations = evalCallback({ every: 2, episodes: 3, seed: 4, bestPath });
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  const means: number[] = [];
  await agent.learn(6 * BATCH, {
    callbacks: [evaluations, ({ iteration, agent: self }) => {
      if (iteration % 2 === 0) means.push(evaluate(self, 'CartPole-v1', 3, { seed: 4 }).mean);
    }],
  });
  assert.equal(evaluations.evaluations.map((e) => [e.iteration, e.globalStep]), [[2, 128], [4, 256], [6, 384]]);
  assert.equal(evaluations.evaluations.map((e) => e.mean), means);
  const best = evaluations.evaluations.reduce((b, e) => (e.mean > b.mean ? e : b));
  assert.is(evaluations.best, best);
  const saved = await Agent.load(bestPath);
  assert.is(saved.iteration, best.iteration, 'the saved agent is the best one');
  assert.is(evaluate(saved, 'CartPole-v1', 3, { seed: 4 }).mean, best.mean);

  const stopping = evalCallback({ every: 1, episodes: 2 });
  const stopped = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await stopped.learn(6 * BATCH, { callbacks: [stopping, stopOnRewardThreshold(0, { evaluation: stopping })] });
  assert.is(stopped.iteration, 1, 'every return of CartPole-v1 is ≥ 0');
});

test('checkpointCallback saves every N iterations, a {step} in the path naming each; each loads as the agent was then', async () => {
  const agent = await Agent.create({ algo: 'trpo', env: 'CartPole-v1', settings: SMALL_CRITIC });
  await agent.learn(5 * BATCH, { callbacks: [checkpointCallback({ every: 2, path: join(folder, 'trpo-{step}.safetensors') })] });
  assert.ok(!existsSync(join(folder, 'trpo-64.safetensors')));
  for (const step of [128, 256]) assert.is((await Agent.load(join(folder, `trpo-${step}.safetensors`))).globalStep, step);
  assert.ok(!existsSync(join(folder, 'trpo-320.safetensors')), 'iteration 5 is not a multiple of 2');
});

test('predict: one observation, and a batch, equal to policyActions (how `policygrad eval` acts), deterministic and sampled', async () => {
  for (const [algo, env] of [['ppo', 'CartPole-v1'], ['ppo', 'Pendulum-v1']] as const) {
    const agent = await Agent.create({ algo, env, settings: { ...SMALL, stepsPerEnv: 32 } });
    await agent.learn(2 * BATCH);
    const observations = observationsOf(env, 25);
    const greedy = policyActions(agent.trainer.agent);
    const expected = observations.map((o) => {
      const action = greedy(o);
      return typeof action === 'number' ? [action] : Array.from(action);
    });
    const single = observations.map((o) => agent.predict(o));
    assert.equal(single.map((a) => (typeof a === 'number' ? [a] : Array.from(a))), expected, `${env}: one at a time`);
    assert.equal(agent.predict(Array.from(observations[0]!)), single[0], `${env}: a number[] observation`);
    const batch = agent.predict(Float32Array.from(observations.flatMap((o) => Array.from(o))), { batch: observations.length });
    assert.instance(batch, env === 'CartPole-v1' ? Int32Array : Float64Array);
    assert.equal(Array.from(batch), expected.flat(), `${env}: as a batch`);
    if (env === 'Pendulum-v1') {
      assert.ok(agent.settings.normalizeObservations, 'a normalised run: observations normalised as in training');
      assert.ok(Array.from(batch).every((a) => a >= -2 && a <= 2), 'continuous actions clipped to the Box');
      assert.is(String(agent.actionSpace), 'Box(-2, 2, (1,), float32)', "the environment's action space, not the training stack's unbounded one");
      assert.is(evaluate(agent, 'Pendulum-v1', 1).lengths[0], 200, 'evaluation on a fresh Pendulum-v1');
    }
    const sampler = policyActions(agent.trainer.agent, Random.derive(SMALL.seed, 5));
    const sampled = observations.map((o) => {
      const action = sampler(o);
      return typeof action === 'number' ? [action] : Array.from(action);
    });
    assert.equal(observations.map((o) => {
      const a = agent.predict(o, { deterministic: false });
      return typeof a === 'number' ? [a] : Array.from(a);
    }), sampled, `${env}: sampled, from the agent's own stream`);
  }
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  assert.throws(() => agent.predict([1, 2, 3]), /observation must have length 4, got 3/);
  assert.throws(() => agent.predict([0, 0, Number.NaN, 0]), /observation\[2\] must be a finite number, got NaN/);
  assert.throws(() => agent.predict(new Float32Array(8), { batch: 3 }), /batch 3 × observationSize 4\) must have length 12, got 8/);
  assert.throws(() => agent.predict(new Float32Array(4), { greedy: true } as never), /unknown option 'greedy'/);
});

test('toBytes → fromBytes and save → load: the same predictions, and learn continues exactly as the uninterrupted agent does', async () => {
  for (const [algo, env, settings] of [
    ['ppo', 'CartPole-v1', SMALL],
    ['trpo', 'Pendulum-v1', { ...SMALL_CRITIC, normalizeObservations: true, normalizeRewards: true }],
  ] as const) {
    const agent = await Agent.create({ algo, env, settings: settings as never });
    await agent.learn(2 * BATCH);
    const bytes = await agent.toBytes();
    const path = join(folder, `${algo}.safetensors`);
    await agent.save(path);
    const fromBytes = await Agent.fromBytes(bytes);
    const loaded = await Agent.load(path, { algo });
    assert.equal([loaded.algo, loaded.env, loaded.globalStep, loaded.iteration], [algo, env, 2 * BATCH, 2]);
    assert.equal(await fromBytes.toBytes(), bytes, `${env}: a loaded agent's checkpoint is the saved one, byte for byte`);
    const observations = observationsOf(env, 20);
    const act = (a: Agent) => observations.map((o) => {
      const action = a.predict(o);
      return typeof action === 'number' ? action : Array.from(action);
    });
    assert.equal(act(loaded), act(agent), `${env}: the same predictions`);
    const continued = recorder();
    const uninterrupted = recorder();
    await loaded.learn(2 * BATCH, { callbacks: [continued.callback] });
    await agent.learn(2 * BATCH, { callbacks: [uninterrupted.callback] });
    assertSameRecords(continued.records, uninterrupted.records, `${algo} on ${env}, loaded and continued`);
    assert.equal(act(loaded), act(agent), `${env}: the same predictions after`);
  }
});

test('a checkpoint as `policygrad train` writes it (package version, run record) loads and continues as its trainer does', async () => {
  const trainer = await Trainer.create(resolveTrainingSettings('ppo', 'CartPole-v1', { ...SMALL, totalSteps: 4 * BATCH }));
  await trainer.step();
  await trainer.step();
  const agent = await Agent.fromBytes(await trainerCheckpoint(trainer, { version: '0.0.1', run: { wallSeconds: 1 } }), { algo: 'ppo' });
  const { records, callback } = recorder();
  await agent.learn(2 * BATCH, { callbacks: [callback] });
  assertSameRecords(records, [await trainer.step(), await trainer.step()], 'loaded from the command line\'s checkpoint');
});

test('PPO across learn calls: each call sets the run to the steps so far plus its own, and the learning rate anneals over that (as --resume --steps)', async () => {
  const { records, callback } = recorder();
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await agent.learn(2 * BATCH, { callbacks: [callback] });
  await agent.learn(2 * BATCH, { callbacks: [callback] });
  // lr·(1 − (i − 1)/T): T = 2 for iterations 1–2, then T = 4 for iterations 3–4.
  assert.equal(records.map((r) => r.learning_rate), [2.5e-4, 2.5e-4 * (1 - 1 / 2), 2.5e-4 * (1 - 2 / 4), 2.5e-4 * (1 - 3 / 4)]);
  assert.is(agent.settings.totalSteps, 4 * BATCH);
});

test('evaluate on an id, an instance and a factory of the same env gives the same episodes; wrong spaces are refused', async () => {
  const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: SMALL });
  await agent.learn(BATCH);
  const byId = evaluate(agent, 'CartPole-v1', 4, { seed: 9 });
  assert.equal(evaluate(agent, make('CartPole-v1'), 4, { seed: 9 }), byId);
  assert.equal(evaluate(agent, () => make('CartPole-v1'), 4, { seed: 9 }), byId);
  assert.is(byId.returns.length, 4);
  assert.ok(Math.abs(byId.mean - byId.returns.reduce((s, x) => s + x, 0) / 4) < 1e-12);
  assert.throws(() => evaluate(agent, 'Acrobot-v1', 1), /evaluation env Acrobot-v1 has spaces .* but the agent was trained on CartPole-v1/);
});

test.run();
