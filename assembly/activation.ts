import { lanes, at, multiplyAdd } from './simd';

// Activations and their first and second derivatives. Each supported activation's derivatives
// are functions of its output y = a(z), so a layer stores only its outputs:
//   identity  a' = 1         a'' = 0
//   tanh      a' = 1 − y²    a'' = −2y(1 − y²)
//   relu      a' = [y > 0]   a'' = 0
export const IDENTITY: i32 = 0;
export const TANH: i32 = 1;
export const RELU: i32 = 2;

// tanh for f32: a rational approximation, odd degree 13 over even degree 6 (the coefficients
// used by Eigen and XNNPACK), exact to a few ulp on [−7.9053, 7.9053], outside which f32 tanh is
// ±1 to within an ulp. For f64 the exact libm tanh is used: that path serves verification.
const TANH_CLAMP: f32 = 7.90531110763549805;
const N13: f32 = -2.76076847742355e-16;
const N11: f32 = 2.00018790482477e-13;
const N9: f32 = -8.60467152213735e-11;
const N7: f32 = 5.12229709037114e-8;
const N5: f32 = 1.48572235717979e-5;
const N3: f32 = 6.37261928875436e-4;
const N1: f32 = 4.89352455891786e-3;
const D6: f32 = 1.19825839466702e-6;
const D4: f32 = 1.18534705686654e-4;
const D2: f32 = 2.268434632439e-3;
const D0: f32 = 4.89352518554385e-3;

function tanhScalar<T>(x: T): T {
  if (sizeof<T>() == 8) return <T>Math.tanh(<f64>x);
  const z = min(max(<f32>x, -TANH_CLAMP), TANH_CLAMP);
  const z2 = z * z;
  let p = z2 * N13 + N11;
  p = z2 * p + N9;
  p = z2 * p + N7;
  p = z2 * p + N5;
  p = z2 * p + N3;
  p = z2 * p + N1;
  let q = z2 * D6 + D4;
  q = z2 * q + D2;
  q = z2 * q + D0;
  return <T>((z * p) / q);
}

// The coefficients as a table in memory, each splatted across four lanes. Loading them inside the
// loop is cheaper than the constant materialisation that v128 literals compile to.
const TANH_TABLE = memory.data<f32>([
  -TANH_CLAMP, -TANH_CLAMP, -TANH_CLAMP, -TANH_CLAMP, TANH_CLAMP, TANH_CLAMP, TANH_CLAMP, TANH_CLAMP,
  N13, N13, N13, N13, N11, N11, N11, N11, N9, N9, N9, N9, N7, N7, N7, N7,
  N5, N5, N5, N5, N3, N3, N3, N3, N1, N1, N1, N1,
  D6, D6, D6, D6, D4, D4, D4, D4, D2, D2, D2, D2, D0, D0, D0, D0,
], 16);

/** The f32 rational tanh on four lanes, the same operations in the same order as tanhScalar. */
// @ts-ignore: decorator
@inline function tanhLanes(x: v128): v128 {
  const table = TANH_TABLE;
  const z = f32x4.min(f32x4.max(x, v128.load(table)), v128.load(table, 16));
  const z2 = f32x4.mul(z, z);
  let p = multiplyAdd<f32>(v128.load(table, 48), z2, v128.load(table, 32));
  p = multiplyAdd<f32>(v128.load(table, 64), z2, p);
  p = multiplyAdd<f32>(v128.load(table, 80), z2, p);
  p = multiplyAdd<f32>(v128.load(table, 96), z2, p);
  p = multiplyAdd<f32>(v128.load(table, 112), z2, p);
  p = multiplyAdd<f32>(v128.load(table, 128), z2, p);
  let q = multiplyAdd<f32>(v128.load(table, 160), z2, v128.load(table, 144));
  q = multiplyAdd<f32>(v128.load(table, 176), z2, q);
  q = multiplyAdd<f32>(v128.load(table, 192), z2, q);
  return f32x4.div(f32x4.mul(z, p), q);
}

function activate<T>(z: T, kind: i32): T {
  if (kind == TANH) return tanhScalar<T>(z);
  if (kind == RELU) return z > <T>0 ? z : <T>0;
  return z;
}

function firstDerivative<T>(y: T, kind: i32): T {
  if (kind == TANH) return <T>1 - y * y;
  if (kind == RELU) return y > <T>0 ? <T>1 : <T>0;
  return <T>1;
}

function secondDerivative<T>(y: T, kind: i32): T {
  if (kind == TANH) return <T>-2 * y * (<T>1 - y * y);
  return <T>0;
}

/** a'(y) on a vector of outputs. */
function firstDerivativeLanes<T>(y: v128, kind: i32): v128 {
  const one = v128.splat<T>(<T>1);
  if (kind == TANH) return v128.sub<T>(one, v128.mul<T>(y, y));
  if (kind == RELU) return v128.and(v128.gt<T>(y, v128.splat<T>(<T>0)), one);
  return one;
}

/** a''(y) on a vector of outputs. */
function secondDerivativeLanes<T>(y: v128, kind: i32): v128 {
  if (kind == TANH) {
    return v128.mul<T>(v128.mul<T>(v128.splat<T>(<T>-2), y), v128.sub<T>(v128.splat<T>(<T>1), v128.mul<T>(y, y)));
  }
  return v128.splat<T>(<T>0);
}

/** out[i] ← a(x[i]); out may equal x. */
export function activationForward<T>(out: usize, x: usize, n: i32, kind: i32): void {
  if (kind == IDENTITY) {
    if (out != x) memory.copy(out, x, (<usize>n) << alignof<T>());
    return;
  }
  const width = lanes<T>();
  let i = 0;
  if (kind == RELU) {
    const zero = v128.splat<T>(<T>0);
    for (; i + width <= n; i += width) v128.store(at<T>(out, i), v128.max<T>(v128.load(at<T>(x, i)), zero));
  } else if (sizeof<T>() == 4) {
    // Two independent vectors per iteration: the rational function is a long dependency chain.
    for (; i + 2 * width <= n; i += 2 * width) {
      const z0 = tanhLanes(v128.load(at<T>(x, i)));
      const z1 = tanhLanes(v128.load(at<T>(x, i + width)));
      v128.store(at<T>(out, i), z0);
      v128.store(at<T>(out, i + width), z1);
    }
    for (; i + width <= n; i += width) v128.store(at<T>(out, i), tanhLanes(v128.load(at<T>(x, i))));
  }
  for (; i < n; i++) store<T>(at<T>(out, i), activate<T>(load<T>(at<T>(x, i)), kind));
}

/** out[i] ← a'(y[i]), from the outputs y. */
export function activationDerivative<T>(out: usize, y: usize, n: i32, kind: i32): void {
  const width = lanes<T>();
  let i = 0;
  for (; i + width <= n; i += width) {
    v128.store(at<T>(out, i), firstDerivativeLanes<T>(v128.load(at<T>(y, i)), kind));
  }
  for (; i < n; i++) store<T>(at<T>(out, i), firstDerivative<T>(load<T>(at<T>(y, i)), kind));
}

/** out[i] ← a''(y[i]), from the outputs y. */
export function activationSecondDerivative<T>(out: usize, y: usize, n: i32, kind: i32): void {
  const width = lanes<T>();
  let i = 0;
  for (; i + width <= n; i += width) {
    v128.store(at<T>(out, i), secondDerivativeLanes<T>(v128.load(at<T>(y, i)), kind));
  }
  for (; i < n; i++) store<T>(at<T>(out, i), secondDerivative<T>(load<T>(at<T>(y, i)), kind));
}

/**
 * out[i] ← upstream[i]·a'(y[i]): the chain rule through an activation (backward), and equally
 * the tangent through it (forward mode). out may equal upstream.
 */
export function activationBackward<T>(out: usize, upstream: usize, y: usize, n: i32, kind: i32): void {
  if (kind == IDENTITY) {
    if (out != upstream) memory.copy(out, upstream, (<usize>n) << alignof<T>());
    return;
  }
  const width = lanes<T>();
  let i = 0;
  for (; i + width <= n; i += width) {
    const slope = firstDerivativeLanes<T>(v128.load(at<T>(y, i)), kind);
    v128.store(at<T>(out, i), v128.mul<T>(v128.load(at<T>(upstream, i)), slope));
  }
  for (; i < n; i++) {
    store<T>(at<T>(out, i), load<T>(at<T>(upstream, i)) * firstDerivative<T>(load<T>(at<T>(y, i)), kind));
  }
}

/**
 * The R-operator of activationBackward: with g = upstream·a'(z),
 * R(g) = R(upstream)·a'(z) + upstream·a''(z)·R(z). out may equal upstreamTangent.
 */
export function activationBackwardTangent<T>(
  out: usize, upstreamTangent: usize, upstream: usize, y: usize, preActivationTangent: usize, n: i32, kind: i32,
): void {
  if (kind == IDENTITY) {
    if (out != upstreamTangent) memory.copy(out, upstreamTangent, (<usize>n) << alignof<T>());
    return;
  }
  const width = lanes<T>();
  let i = 0;
  for (; i + width <= n; i += width) {
    const outputs = v128.load(at<T>(y, i));
    const first = v128.mul<T>(v128.load(at<T>(upstreamTangent, i)), firstDerivativeLanes<T>(outputs, kind));
    const curvature = v128.mul<T>(v128.load(at<T>(upstream, i)), secondDerivativeLanes<T>(outputs, kind));
    v128.store(at<T>(out, i), multiplyAdd<T>(first, curvature, v128.load(at<T>(preActivationTangent, i))));
  }
  for (; i < n; i++) {
    const outputs = load<T>(at<T>(y, i));
    const first = load<T>(at<T>(upstreamTangent, i)) * firstDerivative<T>(outputs, kind);
    const curvature = load<T>(at<T>(upstream, i)) * secondDerivative<T>(outputs, kind);
    store<T>(at<T>(out, i), first + curvature * load<T>(at<T>(preActivationTangent, i)));
  }
}
