// The module's exports: every kernel instantiated for f32 (the training path) and f64
// (verification), named <kernel>_<dtype>; the TypeScript side picks the suffix by dtype.
import { dot, axpy, scale, sumRows } from './vector';
import { gemmBroadcast, gemmDot } from './gemm';
import { denseForward } from './dense';
import { adamStep, sumOfSquares, firstNonFinite } from './adam';
import { activationForward, activationDerivative, activationSecondDerivative, activationBackward, activationBackwardTangent } from './activation';

/** First byte of memory that no static data uses: the TypeScript arena starts here. */
export const heapBase: usize = __heap_base;

export function dot_f32(a: usize, b: usize, n: i32): f32 { return dot<f32>(a, b, n); }
export function axpy_f32(y: usize, alpha: f32, x: usize, n: i32): void { axpy<f32>(y, alpha, x, n); }
export function scale_f32(x: usize, alpha: f32, n: i32): void { scale<f32>(x, alpha, n); }
export function sumRows_f32(out: usize, x: usize, rows: i32, columns: i32, accumulate: bool): void { sumRows<f32>(out, x, rows, columns, accumulate); }
export function gemv_f32(y: usize, a: usize, x: usize, m: i32, n: i32, accumulate: bool): void { gemmDot<f32>(y, x, a, 0, 1, n, m, accumulate); }
export function gemvT_f32(y: usize, a: usize, x: usize, m: i32, n: i32, accumulate: bool): void { gemmBroadcast<f32>(y, x, a, 1, m, n, m, 1, accumulate); }
export function gemmNN_f32(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmBroadcast<f32>(c, a, b, m, k, n, k, 1, accumulate); }
export function gemmNT_f32(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmDot<f32>(c, a, b, 0, m, k, n, accumulate); }
export function gemmTN_f32(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmBroadcast<f32>(c, a, b, m, k, n, 1, m, accumulate); }
export function denseForward_f32(out: usize, x: usize, weight: usize, bias: usize, batch: i32, nIn: i32, nOut: i32, kind: i32): void { denseForward<f32>(out, x, weight, bias, batch, nIn, nOut, kind); }
export function activationForward_f32(out: usize, x: usize, n: i32, kind: i32): void { activationForward<f32>(out, x, n, kind); }
export function activationDerivative_f32(out: usize, y: usize, n: i32, kind: i32): void { activationDerivative<f32>(out, y, n, kind); }
export function activationSecondDerivative_f32(out: usize, y: usize, n: i32, kind: i32): void { activationSecondDerivative<f32>(out, y, n, kind); }
export function activationBackward_f32(out: usize, upstream: usize, y: usize, n: i32, kind: i32): void { activationBackward<f32>(out, upstream, y, n, kind); }
export function activationBackwardTangent_f32(out: usize, upstreamTangent: usize, upstream: usize, y: usize, preActivationTangent: usize, n: i32, kind: i32): void { activationBackwardTangent<f32>(out, upstreamTangent, upstream, y, preActivationTangent, n, kind); }
export function adamStep_f32(parameters: usize, gradients: usize, firstMoment: usize, secondMoment: usize, n: i32, beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, correction2: f64, gradientScale: f64): void { adamStep<f32>(parameters, gradients, firstMoment, secondMoment, n, beta1, beta2, epsilon, stepSize, correction2, gradientScale); }
export function sumOfSquares_f32(x: usize, n: i32): f64 { return sumOfSquares<f32>(x, n); }
export function firstNonFinite_f32(x: usize, n: i32): i32 { return firstNonFinite<f32>(x, n); }

export function dot_f64(a: usize, b: usize, n: i32): f64 { return dot<f64>(a, b, n); }
export function axpy_f64(y: usize, alpha: f64, x: usize, n: i32): void { axpy<f64>(y, alpha, x, n); }
export function scale_f64(x: usize, alpha: f64, n: i32): void { scale<f64>(x, alpha, n); }
export function sumRows_f64(out: usize, x: usize, rows: i32, columns: i32, accumulate: bool): void { sumRows<f64>(out, x, rows, columns, accumulate); }
export function gemv_f64(y: usize, a: usize, x: usize, m: i32, n: i32, accumulate: bool): void { gemmDot<f64>(y, x, a, 0, 1, n, m, accumulate); }
export function gemvT_f64(y: usize, a: usize, x: usize, m: i32, n: i32, accumulate: bool): void { gemmBroadcast<f64>(y, x, a, 1, m, n, m, 1, accumulate); }
export function gemmNN_f64(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmBroadcast<f64>(c, a, b, m, k, n, k, 1, accumulate); }
export function gemmNT_f64(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmDot<f64>(c, a, b, 0, m, k, n, accumulate); }
export function gemmTN_f64(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, accumulate: bool): void { gemmBroadcast<f64>(c, a, b, m, k, n, 1, m, accumulate); }
export function denseForward_f64(out: usize, x: usize, weight: usize, bias: usize, batch: i32, nIn: i32, nOut: i32, kind: i32): void { denseForward<f64>(out, x, weight, bias, batch, nIn, nOut, kind); }
export function activationForward_f64(out: usize, x: usize, n: i32, kind: i32): void { activationForward<f64>(out, x, n, kind); }
export function activationDerivative_f64(out: usize, y: usize, n: i32, kind: i32): void { activationDerivative<f64>(out, y, n, kind); }
export function activationSecondDerivative_f64(out: usize, y: usize, n: i32, kind: i32): void { activationSecondDerivative<f64>(out, y, n, kind); }
export function activationBackward_f64(out: usize, upstream: usize, y: usize, n: i32, kind: i32): void { activationBackward<f64>(out, upstream, y, n, kind); }
export function activationBackwardTangent_f64(out: usize, upstreamTangent: usize, upstream: usize, y: usize, preActivationTangent: usize, n: i32, kind: i32): void { activationBackwardTangent<f64>(out, upstreamTangent, upstream, y, preActivationTangent, n, kind); }
export function adamStep_f64(parameters: usize, gradients: usize, firstMoment: usize, secondMoment: usize, n: i32, beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, correction2: f64, gradientScale: f64): void { adamStep<f64>(parameters, gradients, firstMoment, secondMoment, n, beta1, beta2, epsilon, stepSize, correction2, gradientScale); }
export function sumOfSquares_f64(x: usize, n: i32): f64 { return sumOfSquares<f64>(x, n); }
export function firstNonFinite_f64(x: usize, n: i32): i32 { return firstNonFinite<f64>(x, n); }
