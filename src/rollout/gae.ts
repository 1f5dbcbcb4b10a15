// Generalized advantage estimation (Schulman et al., 2016) and the discounted return, over a
// time-major [numSteps][numEnvs] rollout with episode boundaries of both kinds.
import { assertFiniteNumber, type FloatArray } from '../util/validate.js';

/** What GAE reads; a `RolloutBatch` is one. Index t·numEnvs + e is step t of sub-env e. */
export interface AdvantageInput {
  readonly numSteps: number;
  readonly numEnvs: number;
  readonly rewards: ArrayLike<number>;
  /** v(S_t). */
  readonly values: ArrayLike<number>;
  /** Nonzero where S_{t+1} is terminal: its value is 0. */
  readonly terminated: ArrayLike<number>;
  /** Nonzero where the episode was cut at S_{t+1} (time limit): bootstrap from `finalValues`. */
  readonly truncated: ArrayLike<number>;
  /** v of the final observation where truncated (read only there). */
  readonly finalValues: ArrayLike<number>;
  /** v(S_T) per sub-env, after the last step: bootstraps the steps cut off by the rollout's end. */
  readonly lastValues: ArrayLike<number>;
}

/**
 * GAE(γ, λ): Â_t = Σ_k (γλ)^k δ_{t+k} with the one-step advantage δ_t = R_{t+1} + γ v(S_{t+1}) − v(S_t)
 * (the lecture's U_t, which is GAE with λ = 0). The sum stops at episode boundaries. On a
 * terminated step v(S_{t+1}) = 0; on a truncated one v(S_{t+1}) is the final observation's value;
 * on the rollout's last step it is `lastValues`. A step both terminated and truncated counts as
 * terminated. Writes `advantages` and, if given, the λ-returns `returns` = Â + v, the critic's
 * regression targets. Accumulates in float64 whatever the arrays' type.
 *
 * @param gamma discount γ in [0, 1] (CleanRL: 0.99)
 * @param lambda λ in [0, 1] (CleanRL: 0.95); 0 gives δ_t, 1 the discounted return minus v(S_t)
 */
export function generalizedAdvantages(input: AdvantageInput, gamma: number, lambda: number, advantages: FloatArray, returns?: FloatArray): void {
  checkInput(input, gamma, 'generalizedAdvantages');
  assertUnitInterval(lambda, 'generalizedAdvantages: lambda');
  const { numSteps, numEnvs, rewards, values, terminated, truncated, finalValues, lastValues } = input;
  checkOutput(advantages, numSteps * numEnvs, 'generalizedAdvantages: advantages');
  if (returns !== undefined) checkOutput(returns, numSteps * numEnvs, 'generalizedAdvantages: returns');
  for (let e = 0; e < numEnvs; e++) {
    let nextAdvantage = 0;
    let nextValue = lastValues[e]!;
    for (let t = numSteps - 1; t >= 0; t--) {
      const i = t * numEnvs + e;
      const value = values[i]!;
      let advantage: number;
      if (terminated[i]) advantage = rewards[i]! - value;
      else if (truncated[i]) advantage = rewards[i]! + gamma * finalValues[i]! - value;
      else advantage = rewards[i]! + gamma * nextValue - value + gamma * lambda * nextAdvantage;
      advantages[i] = advantage;
      if (returns !== undefined) returns[i] = advantage + value;
      nextAdvantage = advantage;
      nextValue = value;
    }
  }
}

/**
 * The discounted return G_t = R_{t+1} + γ G_{t+1}, restarted at episode boundaries: G = R on a
 * terminated step, R + γ·finalValue on a truncated one, and G_T = `lastValues` past the rollout's
 * end. `values` is not read.
 */
export function discountedReturns(input: AdvantageInput, gamma: number, returns: FloatArray): void {
  checkInput(input, gamma, 'discountedReturns');
  const { numSteps, numEnvs, rewards, terminated, truncated, finalValues, lastValues } = input;
  checkOutput(returns, numSteps * numEnvs, 'discountedReturns: returns');
  for (let e = 0; e < numEnvs; e++) {
    let next = lastValues[e]!;
    for (let t = numSteps - 1; t >= 0; t--) {
      const i = t * numEnvs + e;
      if (terminated[i]) next = rewards[i]!;
      else if (truncated[i]) next = rewards[i]! + gamma * finalValues[i]!;
      else next = rewards[i]! + gamma * next;
      returns[i] = next;
    }
  }
}

function checkInput(input: AdvantageInput, gamma: number, what: string): void {
  assertUnitInterval(gamma, `${what}: gamma`);
  const count = input.numSteps * input.numEnvs;
  if (!Number.isInteger(count) || count <= 0) throw new RangeError(`${what}: numSteps and numEnvs must be positive integers, got ${input.numSteps} and ${input.numEnvs}`);
  for (const field of ['rewards', 'values', 'terminated', 'truncated', 'finalValues'] as const) {
    if (input[field].length !== count) throw new RangeError(`${what}: ${field} must have length numSteps·numEnvs = ${count}, got ${input[field].length}`);
  }
  if (input.lastValues.length !== input.numEnvs) throw new RangeError(`${what}: lastValues must have length numEnvs = ${input.numEnvs}, got ${input.lastValues.length}`);
}

function checkOutput(array: FloatArray, length: number, what: string): void {
  if (!(array instanceof Float32Array || array instanceof Float64Array) || array.length !== length) {
    throw new RangeError(`${what} must be a Float32Array or Float64Array of length ${length}`);
  }
}

function assertUnitInterval(x: number, what: string): void {
  assertFiniteNumber(x, what);
  if (x < 0 || x > 1) throw new RangeError(`${what} must lie in [0, 1], got ${x}`);
}
