// Checks every MuJoCo environment's test runs: the reset state against numpy's generator, the
// seeded determinism, snapshot/restore over 1,000 steps, and Gymnasium's checker. The references
// and tolerances are stated where each is used (each env's test header repeats them).
import * as assert from 'uvu/assert';
import { checkEnv } from '../../src/envs/check-env.js';
import type { MujocoEnv } from '../../src/envs/mujoco/mujoco-env.js';
import { Random } from '../../src/random/prng.js';
import { numpyResetDraws, type ResetDraw } from './numpy-reference.js';

/** Uniform actions in the action box from a seeded generator, as float64 vectors. */
export function randomActions(env: MujocoEnv, count: number, seed: number): Float64Array[] {
  const random = new Random(seed);
  const { low, high } = env.actionSpace;
  return Array.from({ length: count }, () => Float64Array.from(low, (l, i) => random.uniformIn(l, high[i]!)));
}

/**
 * After reset({ seed }), qpos and qvel equal init_qpos + noise and init_qvel + noise with the
 * noise that numpy's default_rng(seed) draws for `draws` (the first for qpos, the second for qvel),
 * `scales` multiplying a standard-normal draw as Gymnasium's reset_model does. Exact (Object.is).
 */
export function assertResetLikeNumpy(env: MujocoEnv, seeds: number[], draws: [ResetDraw, ResetDraw], normalScale = 1): void {
  const reference = numpyResetDraws(seeds, draws);
  seeds.forEach((seed, k) => {
    env.reset({ seed });
    const [qposNoise, qvelNoise] = reference[k]!;
    const expectedQpos = env.initQpos.map((q, i) => q + qposNoise![i]!);
    const scaled = 'standardNormal' in draws[1] ? qvelNoise!.map((z) => normalScale * z) : qvelNoise!;
    const expectedQvel = env.initQvel.map((v, i) => v + scaled[i]!);
    assertSameArray(env.getQpos(), expectedQpos, `seed ${seed}: qpos`);
    assertSameArray(env.getQvel(), expectedQvel, `seed ${seed}: qvel`);
  });
}

/**
 * A snapshot taken 37 steps into a seeded run, restored into a fresh environment: the next 1,000
 * steps (episode ends reset without a seed, so numpy's generator state is exercised) give
 * identical observations, rewards and flags. Exact (Object.is).
 */
export function assertSnapshotExact(makeEnv: () => MujocoEnv, seed: number): void {
  const original = makeEnv();
  original.reset({ seed });
  const actions = randomActions(original, 1037, seed + 1);
  for (let t = 0; t < 37; t++) {
    original.stepInPlace(actions[t]!);
    if (original.terminated || original.truncated) original.resetInPlace();
  }
  const snapshot = JSON.parse(JSON.stringify(original.snapshot())) as ReturnType<MujocoEnv['snapshot']>;
  const record = (env: MujocoEnv) => {
    const values: number[] = [...env.observation];
    for (let t = 37; t < 1037; t++) {
      env.stepInPlace(actions[t]!);
      values.push(...env.observation, env.reward, Number(env.terminated), Number(env.truncated));
      if (env.terminated || env.truncated) {
        env.resetInPlace();
        values.push(...env.observation);
      }
    }
    return values;
  };
  const expected = record(original);
  const restored = makeEnv();
  restored.reset({ seed: seed + 99 });
  restored.restore(snapshot);
  const actual = record(restored);
  assert.is(actual.length, expected.length);
  const differs = actual.findIndex((x, i) => !Object.is(x, expected[i]));
  assert.is(differs, -1, `the restored run differs at recorded value ${differs}`);
  original.close();
  restored.close();
}

/** The same seed and actions give the same run; another seed another start. Exact (Object.is). */
export function assertSeededDeterminism(makeEnv: () => MujocoEnv): void {
  const run = (seed: number) => {
    const env = makeEnv();
    const values: number[] = [...env.reset({ seed })[0]];
    for (const action of randomActions(env, 50, 3)) {
      const [observation, reward, terminated, truncated] = env.step(action);
      values.push(...observation, reward, Number(terminated), Number(truncated));
      if (terminated || truncated) values.push(...env.reset()[0]);
    }
    env.close();
    return values;
  };
  assert.equal(run(11), run(11));
  assert.not.equal(run(11).slice(0, 4), run(12).slice(0, 4));
}

/** Gymnasium-style checker: no errors. */
export function assertPassesCheckEnv(env: MujocoEnv): void {
  const report = checkEnv(env);
  assert.equal(report.errors, []);
}

/** Each element identical (Object.is), with the first difference in the message. */
export function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) assert.ok(Object.is(actual[i], expected[i]), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

/** The next double above x (x finite). */
export function nextUp(x: number): number {
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  if (x === 0) return Number.MIN_VALUE;
  words[0] = words[0]! + (x > 0 ? 1n : -1n);
  return bits[0]!;
}

/** The next double below x (x finite). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}
