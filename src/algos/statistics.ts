// Small batch statistics used in losses and logs.

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/** The unbiased (n − 1) standard deviation, as torch.std. */
export function standardDeviation(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - m) * (values[i]! - m);
  return Math.sqrt(sum / Math.max(values.length - 1, 1));
}

/** 1 − Var[targets − predictions] / Var[targets] (NaN when the targets do not vary). */
export function explainedVariance(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  const residuals = Array.from(targets, (t, i) => t - predictions[i]!);
  const variance = (xs: ArrayLike<number>) => {
    const m = mean(xs);
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += (xs[i]! - m) * (xs[i]! - m);
    return sum / xs.length;
  };
  const targetVariance = variance(targets);
  return targetVariance === 0 ? Number.NaN : 1 - variance(residuals) / targetVariance;
}

/** Standardises in place: (x − mean) / (std + 1e-8), the advantage normalisation of CleanRL and SB3. */
export function standardize(values: Float64Array): Float64Array {
  const m = mean(values);
  const s = standardDeviation(values);
  for (let i = 0; i < values.length; i++) values[i] = (values[i]! - m) / (s + 1e-8);
  return values;
}
