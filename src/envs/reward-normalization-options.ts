// The options of reward normalisation, which NormalizeReward (one env) and NormalizeRewardVector
// (a vector env) share: declared and validated once.
import { assertFiniteNumber, assertKnownKeys, assertPositive } from '../util/validate.js';

export interface RewardNormalizationOptions {
  /** γ of the discounted return G, in [0, 1]. Default 0.99. */
  gamma?: number;
  /** ε in √(Var[G] + ε), for stability. Default 1e-8. */
  epsilon?: number;
}

/** The options with their defaults, validated; errors name `label` (the wrapper). */
export function readRewardNormalizationOptions(options: RewardNormalizationOptions, label: string): { gamma: number; epsilon: number } {
  assertKnownKeys(options, ['gamma', 'epsilon'], `${label} options`);
  const gamma = options.gamma ?? 0.99;
  const epsilon = options.epsilon ?? 1e-8;
  assertFiniteNumber(gamma, `${label} options.gamma`);
  if (gamma < 0 || gamma > 1) throw new RangeError(`${label} options.gamma must lie in [0, 1], got ${gamma}`);
  assertPositive(epsilon, `${label} options.epsilon`);
  return { gamma, epsilon };
}
