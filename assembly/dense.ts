import { gemmDot } from './gemm';
import { activationForward } from './activation';

/**
 * A fused dense layer: out[batch×nOut] ← a(x·Wᵀ + b), with x row-major [batch][nIn], W [nOut][nIn]
 * (PyTorch's nn.Linear layout) and b [nOut]. The activation runs while the tile is still in cache.
 */
export function denseForward<T>(out: usize, x: usize, weight: usize, bias: usize, batch: i32, nIn: i32, nOut: i32, kind: i32): void {
  gemmDot<T>(out, x, weight, bias, batch, nIn, nOut, false);
  activationForward<T>(out, out, batch * nOut, kind);
}
