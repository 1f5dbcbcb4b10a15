// Numerically stable log-sum-exp and softmax over a slice of a row-major array.
import { exp, log } from '../math/index.js';

type Values = ArrayLike<number>;

/** log Σ_j exp(values[offset + j]), j < n, shifted by the maximum so large logits stay finite. */
export function logSumExp(values: Values, offset: number, n: number): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, values[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += exp(values[offset + j]! - max);
  return max + log(sum);
}

/** probabilities ← softmax(values[offset … offset + n)); returns log Σ exp. */
export function softmax(values: Values, offset: number, n: number, probabilities: { [j: number]: number }): number {
  const normaliser = logSumExp(values, offset, n);
  for (let j = 0; j < n; j++) probabilities[j] = exp(values[offset + j]! - normaliser);
  return normaliser;
}
