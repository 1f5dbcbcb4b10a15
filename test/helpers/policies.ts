// Small hand-written policies for collector and buffer tests.
import { Random } from '../../src/random/prng.js';
import type { RolloutPolicy, PolicyOutput } from '../../src/rollout/rollout-policy.js';

/** v(s) = the sum of the observation's elements, so that any stored value can be recomputed by hand. */
export function sumValue(observations: Float32Array, row: number, size: number): number {
  let sum = 0;
  for (let j = 0; j < size; j++) sum += observations[row * size + j]!;
  return sum;
}

/** Discrete: pushes towards the pole's lean (a = θ > 0), log-probability −0.25, value the observation sum. */
export function leaningPolicy(observationSize: number): RolloutPolicy {
  return {
    act(observations, count, out: PolicyOutput) {
      for (let i = 0; i < count; i++) {
        out.actions[i] = observations[i * observationSize + 2]! > 0 ? 1 : 0;
        out.logProbs[i] = -0.25;
        out.values[i] = sumValue(observations, i, observationSize);
      }
    },
    values(observations, count, out) {
      for (let i = 0; i < count; i++) out[i] = sumValue(observations, i, observationSize);
    },
  };
}

/** Uniformly random Discrete(n) actions from its own seeded generator, log-probability −log n, value 0. */
export function randomPolicy(n: number, seed: number): RolloutPolicy {
  const random = new Random(seed);
  return {
    act(_observations, count, out) {
      for (let i = 0; i < count; i++) {
        out.actions[i] = random.integer(n);
        out.logProbs[i] = -Math.log(n);
        out.values[i] = 0;
      }
    },
    values(_observations, count, out) {
      out.fill(0, 0, count);
    },
  };
}

/** Box: the same action vector for every env, value 0. */
export function constantPolicy(action: readonly number[]): RolloutPolicy {
  return {
    act(_observations, count, out) {
      for (let i = 0; i < count; i++) {
        action.forEach((a, j) => (out.actions[i * action.length + j] = a));
        out.logProbs[i] = 0;
        out.values[i] = 0;
      }
    },
    values(_observations, count, out) {
      out.fill(0, 0, count);
    },
  };
}
