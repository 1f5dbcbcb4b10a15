// PPO's value loss (CleanRL's ppo.py): ½·mean((v − R)²), or, given the values at collection,
// ½·mean(max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²)) — the critic's change clipped as the
// policy's ratio is — and its derivative in v.

/**
 * The value loss ½·mean((v − R)²), or with old values given CleanRL's clipped form
 * ½·mean(max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²)). Writes coefficient·∂loss/∂v into
 * dValues and returns the loss.
 */
export function clippedValueLoss(
  values: ArrayLike<number>, returns: ArrayLike<number>, oldValues: ArrayLike<number> | undefined, clipCoef: number, coefficient: number, dValues: Float64Array,
): number {
  const size = returns.length;
  let loss = 0;
  for (let b = 0; b < size; b++) {
    const v = values[b]!;
    const target = returns[b]!;
    let prediction = v;
    if (oldValues !== undefined) {
      const clipped = oldValues[b]! + Math.min(Math.max(v - oldValues[b]!, -clipCoef), clipCoef);
      // The clipped branch is flat in v where the clip is active.
      const clippedError = clipped - target;
      const unclippedError = v - target;
      if (clippedError * clippedError > unclippedError * unclippedError) prediction = clipped;
    }
    const error = prediction - target;
    loss += (0.5 * error * error) / size;
    dValues[b] = prediction === v || Math.abs(v - oldValues![b]!) <= clipCoef ? (coefficient * error) / size : 0;
  }
  return loss;
}
