// Observation normalisation and reward scaling (NormalizedVectorEnv) on CartPole-v1, 3 sub-envs,
// 300 steps of seeded random actions, so that episodes end mid-run; a clip of 2 (instead of 10) so
// that the clip is reached, which the test asserts. The references are computed here from the raw
// observations and rewards, in closed form over everything seen so far rather than incrementally:
// the running statistics start from mean 0, variance 1 at a pseudo-count of 1e-4, so after
// samples x_1…x_N they are μ = Σx / (N + 1e-4) and σ² = (1e-4·(1 + μ²) + Σ(x − μ)²) / (N + 1e-4).
//   - observations: clip((o − μ)/√(σ² + 1e-8), ±2), μ, σ² over every observation seen, the final
//     observation of an ending episode included (it is normalised before the next episode's
//     first enters): 1e-6 absolute (the outputs are f32);
//   - rewards: clip(r/√(Var[G] + 1e-8), ±2), G ← γG + r per sub-env (γ = 0.99), restarted after an
//     episode ends, Var over every G so far: 1e-12 relative.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NormalizedVectorEnv } from '../../src/envs/normalized-vector-env.js';
import { makeVec } from '../../src/envs/vector-env.js';
import { Random } from '../../src/random/prng.js';

/** Running statistics over rows of `size` numbers, recomputed from all of them at each call. */
function pooledStatistics(rows: readonly ArrayLike<number>[], size: number): { mean: number[]; variance: number[] } {
  const count = rows.length + 1e-4;
  const mean = Array.from({ length: size }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / count);
  const variance = mean.map((m, j) => (1e-4 * (1 + m * m) + rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0)) / count);
  return { mean, variance };
}

test('observations and rewards are normalised by running statistics recomputed from the raw ones', () => {
  const numEnvs = 3;
  const gamma = 0.99;
  const clip = 2;
  const inner = makeVec('CartPole-v1', numEnvs);
  const env = new NormalizedVectorEnv(inner, { observations: true, rewards: true, gamma, clip });
  const size = inner.observationSize;
  const seen: Float32Array[] = [];
  const returnsSeen: number[][] = [];
  const discounted = new Float64Array(numEnvs);
  const row = (source: Float32Array, e: number) => source.slice(e * size, (e + 1) * size);
  const normalised = (o: Float32Array) => {
    const { mean, variance } = pooledStatistics(seen, size);
    return Array.from(o, (x, j) => Math.min(Math.max((x - mean[j]!) / Math.sqrt(variance[j]! + 1e-8), -clip), clip));
  };
  const checkObservations = (what: string) => {
    for (let e = 0; e < numEnvs; e++) seen.push(row(inner.observations, e));
    for (let e = 0; e < numEnvs; e++) {
      const expected = normalised(row(inner.observations, e));
      expected.forEach((x, j) => assert.ok(Math.abs(env.observations[e * size + j]! - x) < 1e-6, `${what}, sub-env ${e}, element ${j}: ${env.observations[e * size + j]} vs ${x}`));
    }
  };

  env.reset(5);
  checkObservations('after reset');
  const random = new Random(9);
  let episodesEnded = 0;
  let observationsClipped = 0;
  let rewardsClipped = 0;
  for (let t = 0; t < 300; t++) {
    env.step(Array.from({ length: numEnvs }, () => random.integer(2)));
    for (let e = 0; e < numEnvs; e++) {
      if (!(inner.terminated[e] || inner.truncated[e])) continue;
      episodesEnded++;
      seen.push(row(inner.finalObservations, e));
      const expected = normalised(row(inner.finalObservations, e));
      expected.forEach((x, j) => assert.ok(Math.abs(env.finalObservations[e * size + j]! - x) < 1e-6, `step ${t}, final observation of sub-env ${e}, element ${j}`));
    }
    checkObservations(`step ${t}`);
    observationsClipped += env.observations.filter((x) => Math.abs(x) === clip).length;

    for (let e = 0; e < numEnvs; e++) discounted[e] = gamma * discounted[e]! + inner.rewards[e]!;
    returnsSeen.push(...Array.from(discounted, (g) => [g]));
    const scale = Math.sqrt(pooledStatistics(returnsSeen, 1).variance[0]! + 1e-8);
    for (let e = 0; e < numEnvs; e++) {
      const expected = Math.min(Math.max(inner.rewards[e]! / scale, -clip), clip);
      if (Math.abs(expected) === clip) rewardsClipped++;
      assert.ok(Math.abs(env.rewards[e]! - expected) <= 1e-12 * Math.abs(expected), `step ${t}, reward of sub-env ${e}: ${env.rewards[e]} vs ${expected}`);
      assert.is(env.rawRewards[e], inner.rewards[e]);
      if (inner.terminated[e] || inner.truncated[e]) discounted[e] = 0;
    }
  }
  assert.ok(episodesEnded >= 10, `only ${episodesEnded} episodes ended`);
  assert.ok(observationsClipped > 0 && rewardsClipped > 0, `clip never reached: ${observationsClipped} observations, ${rewardsClipped} rewards`);
});

test.run();
