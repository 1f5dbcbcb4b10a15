import { at } from './simd';

// The optimiser's elementwise work: Adam's step and the checks around it. Whatever the type T of
// the parameters and gradients (f32 trains, f64 verifies), the moments and the arithmetic are f64,
// as in the CPU Adam (src/nn/adam.ts): each kernel does that code's operations in its order, each
// exactly rounded (sqrt and division included, no fused multiply-add), so that its results are
// the CPU Adam's bit for bit on every host.

/** Two consecutive elements of T at `address`, as f64 lanes. */
// @ts-ignore: decorator
@inline function loadPair<T>(address: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(address));
  return v128.load(address);
}

/** Stores two f64 lanes as consecutive elements of T, each rounded to nearest when T is f32 (as a Float32Array store rounds). */
// @ts-ignore: decorator
@inline function storePair<T>(address: usize, pair: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(address, f32x4.demote_f64x2_zero(pair), 0);
  else v128.store(address, pair);
}

/**
 * One step of Adam (PyTorch's torch.optim.Adam, no weight decay) over n parameters, in place:
 * with g = gradient·gradientScale,
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + ((1 − β₂)g)g,  θ ← θ − (stepSize·m) / (√v / correction2 + ε),
 * stepSize = lr / (1 − β₁ᵗ) and correction2 = √(1 − β₂ᵗ) computed by the caller (AdamSchedule).
 * The moments are f64 arrays; parameters and gradients are T.
 */
export function adamStep<T>(
  parameters: usize, gradients: usize, firstMoment: usize, secondMoment: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, correction2: f64, gradientScale: f64,
): void {
  const keep1 = f64x2.splat(beta1), take1 = f64x2.splat(1 - beta1);
  const keep2 = f64x2.splat(beta2), take2 = f64x2.splat(1 - beta2);
  const epsilons = f64x2.splat(epsilon), stepSizes = f64x2.splat(stepSize);
  const corrections = f64x2.splat(correction2), scales = f64x2.splat(gradientScale);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const mAddress = at<f64>(firstMoment, i);
    const vAddress = at<f64>(secondMoment, i);
    const g = f64x2.mul(loadPair<T>(at<T>(gradients, i)), scales);
    const m = f64x2.add(f64x2.mul(keep1, v128.load(mAddress)), f64x2.mul(take1, g));
    const v = f64x2.add(f64x2.mul(keep2, v128.load(vAddress)), f64x2.mul(f64x2.mul(take2, g), g));
    v128.store(mAddress, m);
    v128.store(vAddress, v);
    const update = f64x2.div(f64x2.mul(stepSizes, m), f64x2.add(f64x2.div(f64x2.sqrt(v), corrections), epsilons));
    const parameter = at<T>(parameters, i);
    storePair<T>(parameter, f64x2.sub(loadPair<T>(parameter), update));
  }
  for (; i < n; i++) {
    const g = <f64>load<T>(at<T>(gradients, i)) * gradientScale;
    const m = beta1 * load<f64>(at<f64>(firstMoment, i)) + (1 - beta1) * g;
    const v = beta2 * load<f64>(at<f64>(secondMoment, i)) + (1 - beta2) * g * g;
    store<f64>(at<f64>(firstMoment, i), m);
    store<f64>(at<f64>(secondMoment, i), v);
    const parameter = at<T>(parameters, i);
    store<T>(parameter, <T>(<f64>load<T>(parameter) - (stepSize * m) / (Math.sqrt(v) / correction2 + epsilon)));
  }
}

/**
 * Σ x[i]² in f64, added in the order of i (the order of a plain loop, so the sum is the same bit
 * for bit as one): the squared norm that joint gradient-norm clipping needs.
 */
export function sumOfSquares<T>(x: usize, n: i32): f64 {
  let sum: f64 = 0;
  let i = 0;
  // The squares two at a time (exact for f32, whose squares need 48 bits); the sum stays serial.
  for (; i + 2 <= n; i += 2) {
    const pair = loadPair<T>(at<T>(x, i));
    const squares = f64x2.mul(pair, pair);
    sum += f64x2.extract_lane(squares, 0);
    sum += f64x2.extract_lane(squares, 1);
  }
  for (; i < n; i++) {
    const value = <f64>load<T>(at<T>(x, i));
    sum += value * value;
  }
  return sum;
}

/** The index of the first element of x that is infinite or NaN, or −1 when all n are finite. */
export function firstNonFinite<T>(x: usize, n: i32): i32 {
  const width = 16 / sizeof<T>();
  let i = 0;
  // x − x is 0 for a finite x and NaN otherwise; NaN fails every comparison with itself.
  for (; i + width <= n; i += width) {
    const v = v128.load(at<T>(x, i));
    const d = v128.sub<T>(v, v);
    const finite = v128.eq<T>(d, d);
    if (sizeof<T>() == 4 ? !i32x4.all_true(finite) : !i64x2.all_true(finite)) break;
  }
  for (; i < n; i++) {
    const value = load<T>(at<T>(x, i));
    if (value - value != 0) return i;
  }
  return -1;
}
