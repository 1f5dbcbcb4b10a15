// What a network's outputs feed into. Second-order products need the loss's own curvature in
// output space; the network's autodiff supplies the rest.
import type { FloatArray } from '../util/validate.js';

/**
 * A scalar loss ℓ(Y) of a batch of network outputs Y, row-major [batch][outputs]. Any averaging
 * over the batch belongs to the loss.
 */
export interface OutputLoss {
  /** ℓ(Y). */
  value(outputs: FloatArray, batch: number): number;
  /** gradient ← ∂ℓ/∂Y. */
  gradient(outputs: FloatArray, batch: number, gradient: FloatArray): void;
  /** result ← ∇²ℓ(Y)·tangent, the loss's Hessian applied to an output-space tangent. */
  hessianVectorProduct(outputs: FloatArray, tangent: FloatArray, batch: number, result: FloatArray): void;
}

/**
 * A symmetric positive semi-definite output-space matrix M(Y), applied per sample:
 * result ← M(Y)·tangent. For a distribution's KL divergence, M is its Fisher information in the
 * distribution's parameters, and JᵀMJ is the Fisher of the network's parameters.
 */
export type OutputMetric = (outputs: FloatArray, tangent: FloatArray, batch: number, result: FloatArray) => void;
