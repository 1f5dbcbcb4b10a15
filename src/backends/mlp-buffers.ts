// The arrays an MLP needs for its products, the same plan on every backend: each backend
// allocates them once, for maxBatch rows, in its own memory (`allocate`).
import type { MLPLayout } from '../nn/mlp-layout.js';

export interface MLPBuffers<T> {
  /** θ, ∂L/∂θ written by backward, the direction v of a product, and the product's result. */
  readonly parameters: T;
  readonly gradients: T;
  readonly direction: T;
  readonly product: T;
  /** y₀ (the inputs) … y_L. */
  readonly outputs: T[];
  /** ż_l and ẏ_l; index 0 unused (ẏ₀ = 0). */
  readonly preActivationTangents: T[];
  readonly tangents: T[];
  /** Ping-pong buffers for g_l and ġ_l, and scratch for δ_l and δ̇_l. */
  readonly upstream: [T, T];
  readonly upstreamTangent: [T, T];
  readonly delta: T;
  readonly deltaTangent: T;
  /** ∂L/∂X when backward is asked for it. */
  readonly inputGradients: T;
}

/** The name of one buffer of the plan, or of one family of them (outputs, tangents, …). */
export type MLPBufferName = keyof MLPBuffers<unknown>;

/**
 * A place in the plan: buffer `buffer` (entry `index` of a family; 0 for a single buffer), from
 * element `offset` on.
 */
export interface BufferSlice {
  readonly buffer: MLPBufferName;
  readonly index: number;
  readonly offset: number;
}

/** The backend's buffer that `slice` lies in (its offset is the caller's to apply). */
export function bufferOf<T>(buffers: MLPBuffers<T>, slice: BufferSlice): T {
  const entry = buffers[slice.buffer] as T | readonly T[];
  return Array.isArray(entry) ? (entry as readonly T[])[slice.index]! : (entry as T);
}

/** Allocates every buffer of `layout`'s products for batches of up to `maxBatch` rows. */
export function allocateMLPBuffers<T>(layout: MLPLayout, maxBatch: number, allocate: (length: number) => T): MLPBuffers<T> {
  const { parameterCount, maxHiddenWidth, inputSize } = layout;
  const sizes = layout.spec.sizes;
  const scratch = maxBatch * maxHiddenWidth;
  return {
    parameters: allocate(parameterCount),
    gradients: allocate(parameterCount),
    direction: allocate(parameterCount),
    product: allocate(parameterCount),
    outputs: sizes.map((size) => allocate(maxBatch * size)),
    preActivationTangents: sizes.map((size, l) => allocate(l === 0 ? 0 : maxBatch * size)),
    tangents: sizes.map((size, l) => allocate(l === 0 ? 0 : maxBatch * size)),
    upstream: [allocate(scratch), allocate(scratch)],
    upstreamTangent: [allocate(scratch), allocate(scratch)],
    delta: allocate(scratch),
    deltaTangent: allocate(scratch),
    inputGradients: allocate(maxBatch * inputSize),
  };
}
