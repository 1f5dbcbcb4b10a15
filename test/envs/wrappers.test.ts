// The single-environment wrappers against sequences worked out by hand from Gymnasium 1.x's
// definitions (gymnasium/wrappers/common.py, transform_action.py, stateful_observation.py,
// stateful_reward.py, transform_observation.py, transform_reward.py), on Counter, a test env
// written below whose observation is [t, 10 + t] (t the steps since reset), whose reward is the
// action it received and which terminates at a chosen t. References and tolerances:
//   - TimeLimit, RecordEpisodeStatistics (r, l), ClipAction, TransformReward, FrameStackObservation:
//     exact (the values are small integers and halves);
//   - RescaleAction: the received action (a − b)/g with Gymnasium's float32 g = (max − min)/(high − low)
//     and b = g·(−low) + min (rescale_box), exact; within 1e-6 of the affine map's real value;
//   - NormalizeObservation: (o − μ)/√(σ² + 1e-8) as float32, μ, σ² in closed form over every
//     observation so far (test/helpers/pooled-statistics.ts), 1e-6; the second one, 0.99995, by hand;
//   - NormalizeReward: r/√(Var[G] + 1e-8) with Gymnasium 1.x's G ← G·γ·(1 − terminated) + r,
//     Var in closed form, 1e-12 relative;
//   - composition ClipAction ∘ RescaleAction ∘ NormalizeObservation ∘ TimeLimit: the same
//     references, each applied in turn;
//   - snapshot/restore: a stack over Pendulum-v1 and one over CartPole-v1, restored from a JSON copy
//     into freshly built stacks, repeat the original's next 500 steps bit for bit (Object.is);
//   - checkEnv: no errors for every wrapper over the built-in envs (normalisers frozen; updating,
//     their outputs depend on history, which checkEnv reports, as the doc says).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkEnv } from '../../src/envs/check-env.js';
import type { Action, Env, Info, StepResult } from '../../src/envs/env.js';
import { make } from '../../src/envs/registry.js';
import { Box, Discrete } from '../../src/envs/spaces.js';
import { SyncVectorEnv, snapshotVectorEnv } from '../../src/envs/vector-env.js';
import { ClipAction } from '../../src/envs/wrappers/clip-action.js';
import { FrameStackObservation } from '../../src/envs/wrappers/frame-stack-observation.js';
import { NormalizeObservation } from '../../src/envs/wrappers/normalize-observation.js';
import { NormalizeReward } from '../../src/envs/wrappers/normalize-reward.js';
import { RecordEpisodeStatistics, type EpisodeStatistics } from '../../src/envs/wrappers/record-episode-statistics.js';
import { RescaleAction } from '../../src/envs/wrappers/rescale-action.js';
import { TimeLimit } from '../../src/envs/wrappers/time-limit.js';
import { TransformObservation } from '../../src/envs/wrappers/transform-observation.js';
import { TransformReward } from '../../src/envs/wrappers/transform-reward.js';
import type { Wrapper, WrapperSnapshot } from '../../src/envs/wrappers/wrapper.js';
import { Random } from '../../src/random/prng.js';
import { assertClose } from '../helpers/close.js';
import { pooledStatistics } from '../helpers/pooled-statistics.js';

/**
 * Observation [t, 10 + t], t the steps since reset; reward: the action's element as received;
 * terminated at t = terminateAt; never truncated. Declares Box(−1, 1) but steps with any finite
 * action, as an env that clips would, so that what a wrapper sends is visible in `received`.
 */
class Counter implements Env {
  readonly id = 'Counter-v0';
  readonly observationSpace = new Box([0, 5], [100, 200]);
  readonly actionSpace = new Box(-1, 1, [1]);
  readonly received: number[] = [];
  t = 0;

  constructor(readonly terminateAt = Infinity) {}

  reset(): [Float32Array, Info] {
    this.t = 0;
    return [Float32Array.of(0, 10), {}];
  }

  step(action: Action): StepResult {
    const a = (action as ArrayLike<number>)[0];
    if (typeof a !== 'number' || !Number.isFinite(a) || (action as ArrayLike<number>).length !== 1) throw new RangeError(`Counter-v0: bad action ${String(action)}`);
    this.received.push(a);
    this.t++;
    return [Float32Array.of(this.t, 10 + this.t), a, this.t >= this.terminateAt, false, { t: this.t }];
  }

  snapshot(): { t: number } {
    return { t: this.t };
  }

  restore(snapshot: { t: number }): void {
    this.t = snapshot.t;
  }
}

test('TimeLimit truncates on the step that reaches the limit, leaves termination alone, and needs a reset first', () => {
  const env = new TimeLimit(new Counter(), 3);
  assert.throws(() => env.step([0]), /TimeLimit\(Counter-v0\): call reset\(\) before step\(\)/);
  env.reset();
  const flags = [1, 2, 3].map(() => env.step([0]).slice(2, 4));
  assert.equal(flags, [[false, false], [false, false], [false, true]]);
  assert.is(env.elapsedSteps, 3);
  env.reset();
  assert.is(env.elapsedSteps, 0);
  const ending = new TimeLimit(new Counter(2), 2);
  ending.reset();
  ending.step([0]);
  assert.equal(ending.step([0]).slice(2, 4), [true, true], 'terminated and truncated on the same step');
  const early = new TimeLimit(new Counter(2), 5);
  early.reset();
  early.step([0]);
  assert.equal(early.step([0]).slice(2, 4), [true, false]);
  assert.throws(() => new TimeLimit(new Counter(), 0), /TimeLimit\(Counter-v0\): maxEpisodeSteps must be an integer ≥ 1, got 0/);
});

test('RecordEpisodeStatistics: info.episode = { r, l, t } at the end, queues of the last bufferLength episodes', () => {
  const inner = new TimeLimit(new Counter(), 3);
  const env = new RecordEpisodeStatistics(inner, { bufferLength: 2 });
  const episodes: EpisodeStatistics[] = [];
  for (const rewards of [[0.5, -2, 1], [1, 1, 1], [-1, 0, 0.25]]) {
    env.reset();
    rewards.forEach((r, k) => {
      const [, reward, , truncated, info] = env.step([r]);
      assert.is(reward, r);
      assert.is('episode' in info, k === 2);
      assert.is(info.t, k + 1, "the inner env's info is kept");
      if (truncated) episodes.push(info.episode as EpisodeStatistics);
    });
  }
  assert.equal(episodes.map(({ r, l }) => [r, l]), [[-0.5, 3], [3, 3], [-0.75, 3]]);
  episodes.forEach(({ t }) => assert.ok(t >= 0 && Number.isFinite(t), `t = ${t}`));
  assert.equal([env.returnQueue, env.lengthQueue, env.episodeCount], [[3, -0.75], [3, 3], 3]);
  assert.is(env.timeQueue.length, 2);
  const clash = new RecordEpisodeStatistics(new TransformReward(new RecordEpisodeStatistics(new TimeLimit(new Counter(), 1)), (r) => r));
  clash.reset();
  assert.throws(() => clash.step([0]), /already has an 'episode' entry/);
  assert.throws(() => new RecordEpisodeStatistics(new Counter(), { bufferLength: 0 }), /options.bufferLength must be an integer ≥ 1, got 0/);
  assert.throws(() => new RecordEpisodeStatistics(new Counter(), { deque_size: 5 } as never), /unknown option 'deque_size'/);
});

test('ClipAction sends min(max(a, −1), 1) and presents Box(−∞, ∞); NaN and misshapen actions throw', () => {
  const counter = new Counter();
  const env = new ClipAction(counter);
  assert.is(String(env.actionSpace), 'Box(-Infinity, Infinity, (1,), float32)');
  env.reset();
  const rewards = [[3], [-5], [0.25], [Infinity]].map((a) => env.step(a)[1]);
  assert.equal(rewards, [1, -1, 0.25, 1]);
  assert.equal(counter.received, [1, -1, 0.25, 1]);
  assert.throws(() => env.step([Number.NaN]), /ClipAction\(Counter-v0\): invalid action for action space Box\(-Infinity, Infinity, \(1,\), float32\): element 0 must lie in/);
  assert.throws(() => env.step([1, 2]), /expected length 1, got length 2/);
  assert.throws(() => new ClipAction(make('CartPole-v1')), /ClipAction\(CartPole-v1\): the action space must be a Box, got Discrete\(2\)/);
});

test("RescaleAction maps [min, max] onto the env's Box with Gymnasium's float32 g and b", () => {
  const counter = new Counter();
  const env = new RescaleAction(counter, 0, 0.3);
  // rescale_box with low = −1, high = 1: g = f32(0.3 / 2), b = f32(f32(g·1) + 0) = g.
  const g = Math.fround(0.3 / 2);
  const b = Math.fround(Math.fround(g * 1) + 0);
  assert.is(String(env.actionSpace), `Box(0, ${Math.fround(0.3)}, (1,), float32)`);
  env.reset();
  const actions = [0, 0.3, 0.15, 0.6, -0.3];
  actions.forEach((a) => env.step([a]));
  assert.equal(counter.received, actions.map((a) => (a - b) / g), 'exactly (a − b)/g');
  assert.is(counter.received[0], -1, 'min ↦ low exactly');
  assertClose(counter.received, actions.map((a) => -1 + (a / 0.3) * 2), 1e-6, 'the affine map, outside [min, max] too');
  const halves = new Counter();
  const symmetric = new RescaleAction(halves, [-1], [1]);
  symmetric.reset();
  [-1, -0.5, 0, 0.5, 1].forEach((a) => symmetric.step([a]));
  assert.equal(halves.received, [-1, -0.5, 0, 0.5, 1], 'g = 1, b = 0');
  assert.throws(() => env.step([Number.NaN]), /RescaleAction\(Counter-v0\): invalid action for action space .*: element 0 must be a finite number, got NaN/);
  assert.throws(() => new RescaleAction(counter, 1, 1), /minAction\[0\] = 1 must be below maxAction\[0\] = 1/);
  assert.throws(() => new RescaleAction(counter, [0, 0], 1), /minAction must be a number or an array of 1 numbers, got an array of length 2/);
  assert.throws(() => new RescaleAction(counter, 0, Infinity), /maxAction must be finite, got Infinity/);
  const halfOpen: Env = { id: 'Open-v0', observationSpace: new Box(0, 1, [1]), actionSpace: new Box(-Infinity, 1, [1]), reset: () => [new Float32Array(1), {}], step: () => [new Float32Array(1), 0, false, false, {}] };
  assert.throws(() => new RescaleAction(halfOpen, 0, 1), /RescaleAction\(Open-v0\): the action space Box\(-Infinity, 1, \(1,\), float32\) must have finite bounds/);
});

test('NormalizeObservation: (o − μ)/√(σ² + 1e-8) over every observation so far, frozen by updateRunningMean = false', () => {
  const env = new NormalizeObservation(new Counter());
  const seen: Float32Array[] = [];
  const expected = (o: Float32Array) => {
    seen.push(o);
    const { mean, variance } = pooledStatistics(seen, 2);
    return Array.from(o, (x, j) => Math.fround((x - mean[j]!) / Math.sqrt(variance[j]! + 1e-8)));
  };
  const [first] = env.reset();
  assertClose(first, expected(Float32Array.of(0, 10)), 1e-6, 'reset');
  const [second] = env.step([0]);
  assertClose([second[0]!], [0.99995], 1e-6, 'x = 1 after x = 0: (1 − 1/2.0001)/√(0.25005 + 1e-8), by hand');
  assertClose(second, expected(Float32Array.of(1, 11)), 1e-6, 'step 1');
  for (let t = 2; t <= 6; t++) assertClose(env.step([0])[0], expected(Float32Array.of(t, 10 + t)), 1e-6, `step ${t}`);
  assert.is(String(env.observationSpace), 'Box(-Infinity, Infinity, (2,), float32)');
  env.updateRunningMean = false;
  const { mean, variance } = pooledStatistics(seen, 2);
  const frozen = env.step([0])[0];
  assertClose(frozen, [7, 17].map((x, j) => (x - mean[j]!) / Math.sqrt(variance[j]! + 1e-8)), 1e-6, 'frozen statistics');
  assert.is(env.statistics.count, 7 + 1e-4, 'the frozen step is not counted');
  assert.throws(() => new NormalizeObservation(new Counter(), { epsilon: 0 }), /NormalizeObservation\(Counter-v0\) options.epsilon must be > 0, got 0/);
});

test("NormalizeReward: r/√(Var[G] + 1e-8) with Gymnasium 1.x's G ← G·γ·(1 − terminated) + r, kept across reset", () => {
  const gamma = 0.9;
  const env = new NormalizeReward(new TimeLimit(new Counter(2), 3), { gamma });
  // Episode 1 terminates on its second step (G drops the past there); episode 2 is truncated on its
  // third (G keeps it), and reset leaves G alone.
  const steps: { r: number; terminated: boolean; reset?: true }[] = [
    { r: 1, terminated: false }, { r: 2, terminated: true },
    { r: -3, terminated: false, reset: true }, { r: 0.5, terminated: true },
  ];
  const returns: number[][] = [];
  let G = 0;
  env.reset();
  for (const { r, terminated, reset } of steps) {
    if (reset) env.reset();
    const [, reward, isTerminated] = env.step([r]);
    assert.is(isTerminated, terminated);
    G = G * gamma * (terminated ? 0 : 1) + r;
    returns.push([G]);
    const expected = r / Math.sqrt(pooledStatistics(returns, 1).variance[0]! + 1e-8);
    assert.ok(Math.abs(reward - expected) <= 1e-12 * Math.abs(expected), `${reward} vs ${expected}`);
    assert.is(env.discountedReward, G);
  }
  assert.equal(returns.map(([g]) => g), [1, 2, 2 * gamma - 3, 0.5]);
  const truncating = new NormalizeReward(new TimeLimit(new Counter(), 1), { gamma });
  truncating.reset();
  truncating.step([2]);
  truncating.reset();
  truncating.step([1]);
  assert.is(truncating.discountedReward, 2 * gamma + 1, 'truncation drops nothing');
  assert.throws(() => new NormalizeReward(new Counter(), { gamma: 1.5 }), /options.gamma must lie in \[0, 1\], got 1.5/);
});

test('TransformObservation and TransformReward apply the function; bad results throw naming the wrapper', () => {
  const env = new TransformReward(new TransformObservation(new Counter(), (o) => [o[0]! * 2], new Box(0, 200, [1])), (r) => 10 * r);
  assert.is(String(env.observationSpace), 'Box(0, 200, (1,), float32)');
  assert.equal(Array.from(env.reset()[0]), [0]);
  const [observation, reward] = env.step([0.5]);
  assert.equal([Array.from(observation), reward], [[2], 5]);
  assert.ok(observation instanceof Float32Array);
  const wrongLength = new TransformObservation(new Counter(), (o) => o);
  assert.ok(wrongLength.reset()[0] instanceof Float32Array);
  assert.throws(() => new TransformObservation(new Counter(), (o) => [o[0]!], new Box(0, 1, [2])).reset(), /TransformObservation\(Counter-v0\): fn must return an array of 2 numbers, got an array of length 1/);
  const nan = new TransformReward(new Counter(), () => Number.NaN);
  nan.reset();
  assert.throws(() => nan.step([1]), /TransformReward\(Counter-v0\): fn\(1\) must return a finite number, got NaN/);
  assert.throws(() => new TransformReward(new Counter(), 2 as never), /fn must be a function/);
});

test('FrameStackObservation stacks the last frames, oldest first, padded with the reset observation, zero or a given one', () => {
  const frames = (padding?: 'reset' | 'zero' | number[]) => {
    const env = new FrameStackObservation(new Counter(), 3, padding === undefined ? {} : { padding });
    const out = [Array.from(env.reset()[0])];
    for (let t = 0; t < 3; t++) out.push(Array.from(env.step([0])[0]));
    return out;
  };
  assert.equal(frames(), [[0, 10, 0, 10, 0, 10], [0, 10, 0, 10, 1, 11], [0, 10, 1, 11, 2, 12], [1, 11, 2, 12, 3, 13]]);
  // Gymnasium's create_zero_array: 0 clipped into Box([0, 5], [100, 200]) is [0, 5].
  assert.equal(frames('zero').slice(0, 2), [[0, 5, 0, 5, 0, 10], [0, 5, 0, 10, 1, 11]]);
  assert.equal(frames([7, 8])[0], [7, 8, 7, 8, 0, 10]);
  const env = new FrameStackObservation(new Counter(), 3);
  assert.is(String(env.observationSpace), 'Box([0, 5, 0, 5, 0, 5], [100, 200, 100, 200, 100, 200], (3, 2,), float32)');
  assert.throws(() => new FrameStackObservation(new Counter(), 2, { padding: [0, 1] }), /options.padding must be 'reset', 'zero' or an observation of Box\(\[0, 5\], \[100, 200\], \(2,\), float32\), got an array of length 2: element 1 must lie in \[5, 200\], got 1/);
  assert.throws(() => new FrameStackObservation(new Counter(), 2, { padding: 'zeros' as never }), /got 'zeros'/);
  assert.throws(() => new FrameStackObservation(new Counter(), 0), /stackSize must be an integer ≥ 1, got 0/);
});

test('composition ClipAction ∘ RescaleAction ∘ NormalizeObservation ∘ TimeLimit: each wrapper in turn', () => {
  const counter = new Counter();
  const env = new ClipAction(new RescaleAction(new NormalizeObservation(new TimeLimit(counter, 4)), 0, 1));
  assert.equal(env.unwrapped, counter);
  assert.is(env.id, 'Counter-v0');
  // ClipAction clips into [0, 1]; RescaleAction maps it onto [−1, 1] with g = 0.5, b = 0.5.
  const actions = [5, -3, 0.75, 0.5];
  const seen: Float32Array[] = [Float32Array.of(0, 10)];
  env.reset();
  actions.forEach((a, k) => {
    const [observation, reward, terminated, truncated] = env.step([a]);
    const sent = (Math.min(Math.max(a, 0), 1) - 0.5) / 0.5;
    assert.is(reward, sent, `reward ${k}`);
    assert.equal([terminated, truncated], [false, k === 3], `flags ${k}`);
    const o = Float32Array.of(k + 1, k + 11);
    seen.push(o);
    const { mean, variance } = pooledStatistics(seen, 2);
    assertClose(observation, Array.from(o, (x, j) => (x - mean[j]!) / Math.sqrt(variance[j]! + 1e-8)), 1e-6, `observation ${k}`);
  });
  assert.equal(counter.received, [1, -1, 0.5, 0]);
});

/** Steps `env` with `actions`, resetting at each episode end, and records every number it returns (info.episode's t left out: wall-clock). */
function record(env: Env, actions: readonly Action[]): number[] {
  const out: number[] = [];
  for (const action of actions) {
    const [observation, reward, terminated, truncated, info] = env.step(action);
    out.push(...observation, reward, Number(terminated), Number(truncated));
    const episode = info.episode as EpisodeStatistics | undefined;
    if (episode) out.push(episode.r, episode.l);
    if (terminated || truncated) out.push(...env.reset()[0]);
  }
  return out;
}

const stacks: [string, () => Wrapper, (random: Random) => Action][] = [
  ['FrameStack ∘ NormalizeReward ∘ NormalizeObservation ∘ RecordEpisodeStatistics ∘ TimeLimit ∘ ClipAction over Pendulum-v1',
    () => new FrameStackObservation(new NormalizeReward(new NormalizeObservation(new RecordEpisodeStatistics(new TimeLimit(new ClipAction(make('Pendulum-v1')), 60)))), 3),
    (random) => [random.uniformIn(-3, 3)]],
  ['TransformReward ∘ FrameStack ∘ NormalizeObservation ∘ RecordEpisodeStatistics ∘ TimeLimit over CartPole-v1',
    () => new TransformReward(new FrameStackObservation(new NormalizeObservation(new RecordEpisodeStatistics(new TimeLimit(make('CartPole-v1'), 40))), 4, { padding: 'zero' }), (r) => 0.5 * r),
    (random) => random.integer(2)],
];

for (const [name, build, sample] of stacks) {
  test(`snapshot/restore: ${name} continues bit for bit after 500 steps`, () => {
    const random = new Random(17);
    const first = Array.from({ length: 500 }, () => sample(random));
    const second = Array.from({ length: 500 }, () => sample(random));
    const original = build();
    original.reset({ seed: 4 });
    record(original, first);
    const snapshot = JSON.parse(JSON.stringify(original.snapshot!())) as WrapperSnapshot;
    const expected = record(original, second);
    const restored = build();
    restored.restore!(snapshot);
    const actual = record(restored, second);
    assert.is(actual.length, expected.length);
    const differs = actual.findIndex((x, i) => !Object.is(x, expected[i]));
    assert.is(differs, -1, `first difference at recorded value ${differs}: ${actual[differs]} vs ${expected[differs]}`);
  });
}

test('a wrapper over an env without snapshot() has none, and the vector env names the env it cannot checkpoint', () => {
  const plain: Env = { id: 'Plain-v0', observationSpace: new Box(0, 1, [1]), actionSpace: new Discrete(2), reset: () => [new Float32Array(1), {}], step: () => [new Float32Array(1), 0, false, false, {}] };
  const wrapped = new TimeLimit(plain, 3);
  assert.is(typeof wrapped.snapshot, 'undefined');
  assert.is(typeof wrapped.restore, 'undefined');
  const vector = new SyncVectorEnv([wrapped]);
  vector.reset(0);
  assert.throws(() => snapshotVectorEnv(vector), /cannot checkpoint sub-env 0 \(Plain-v0\): it has no snapshot\(\) and restore\(\)/);
  assert.throws(() => new TimeLimit(make('CartPole-v1'), 3).restore!({ env: 1 } as never), /TimeLimit\(CartPole-v1\).restore: expected a snapshot \{ env, wrapper \}/);
  assert.throws(() => new TimeLimit(undefined as never, 3), /TimeLimit: env must be an environment/);
});

test('wrapped built-in envs pass checkEnv (normalisers frozen); an updating normaliser fails its determinism check', () => {
  const frozenObservations = new NormalizeObservation(make('Acrobot-v1'));
  frozenObservations.updateRunningMean = false;
  const frozenRewards = new NormalizeReward(make('Pendulum-v1'));
  frozenRewards.updateRunningMean = false;
  const wrapped: Env[] = [
    new TimeLimit(make('CartPole-v1'), 20),
    new RecordEpisodeStatistics(make('MountainCar-v0')),
    new ClipAction(make('Pendulum-v1')),
    new RescaleAction(make('MountainCarContinuous-v0'), -0.5, 0.5),
    frozenObservations,
    frozenRewards,
    new TransformObservation(make('CartPole-v1'), (o) => o.map((x) => Math.min(Math.max(x, -1), 1))),
    new TransformReward(make('Acrobot-v1'), (r) => r / 100),
    new FrameStackObservation(make('Pendulum-v1', { strictActions: true }), 4),
  ];
  for (const env of wrapped) {
    const { errors } = checkEnv(env, { steps: 30 });
    assert.equal(errors, [], `${env.constructor.name}(${env.id})`);
  }
  const { errors } = checkEnv(new NormalizeObservation(make('CartPole-v1')), { steps: 30 });
  assert.ok(errors.some((e) => /not deterministic/.test(e)), errors.join('\n'));
});

test.run();
