// The clipped surrogate objective (the lecture's min(r·U, ℓε(U)), written as a loss to minimise):
//   L = mean( max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)) ),  r = exp(log π − log π_old)
// and its derivative with respect to each log π: −Â·r/n where the unclipped branch is active, 0
// where the clipped branch is (it is flat in r outside [1 − ε, 1 + ε]).
import { exp } from '../math/index.js';

export interface SurrogateResult {
  loss: number;
  /** mean((r − 1) − log r): the k3 estimator of KL(π_old ‖ π), CleanRL's approx_kl. */
  approxKL: number;
  /** mean(−log r), CleanRL's old_approx_kl. */
  oldApproxKL: number;
  /** Fraction of samples with |r − 1| > ε. */
  clipFraction: number;
}

export function clippedSurrogate(
  logProbs: ArrayLike<number>, oldLogProbs: ArrayLike<number>, advantages: ArrayLike<number>, clipCoef: number, dLogProbs: Float64Array,
): SurrogateResult {
  const n = logProbs.length;
  let loss = 0;
  let approxKL = 0;
  let oldApproxKL = 0;
  let clipped = 0;
  for (let b = 0; b < n; b++) {
    const logRatio = logProbs[b]! - oldLogProbs[b]!;
    const ratio = exp(logRatio);
    const a = advantages[b]!;
    const unclippedLoss = -a * ratio;
    const clippedLoss = -a * Math.min(Math.max(ratio, 1 - clipCoef), 1 + clipCoef);
    loss += Math.max(unclippedLoss, clippedLoss);
    dLogProbs[b] = clippedLoss > unclippedLoss ? 0 : unclippedLoss / n;
    approxKL += ratio - 1 - logRatio;
    oldApproxKL += -logRatio;
    if (Math.abs(ratio - 1) > clipCoef) clipped++;
  }
  return { loss: loss / n, approxKL: approxKL / n, oldApproxKL: oldApproxKL / n, clipFraction: clipped / n };
}
