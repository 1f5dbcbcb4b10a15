// Plain f64 reference implementations, written the obvious way, that the kernels are tested against.
import { Random } from '../../src/random/prng.js';
import type { Activation } from '../../src/nn/mlp-layout.js';

export function randomArray(random: Random, length: number, scale = 1): Float64Array {
  return Float64Array.from({ length }, () => scale * random.normal());
}

/** op(A)·op(B) for layouts 'nn' (A [m][k], B [k][n]), 'nt' (B [n][k]) and 'tn' (A [k][m]). */
export function referenceGemm(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number, layout: 'nn' | 'nt' | 'tn'): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const x = layout === 'tn' ? a[p * m + i]! : a[i * k + p]!;
        const y = layout === 'nt' ? b[j * k + p]! : b[p * n + j]!;
        sum += x * y;
      }
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** Σ_p |op(A)_ip|·|op(B)_pj|: the scale of the rounding error of each entry of a product. */
export function referenceGemmMagnitude(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number, layout: 'nn' | 'nt' | 'tn'): Float64Array {
  return referenceGemm(Array.from(a, Math.abs), Array.from(b, Math.abs), m, k, n, layout);
}

export function referenceActivation(z: number, activation: Activation): number {
  return activation === 'tanh' ? Math.tanh(z) : activation === 'relu' ? Math.max(z, 0) : z;
}

export function referenceFirstDerivative(z: number, activation: Activation): number {
  return activation === 'tanh' ? 1 - Math.tanh(z) ** 2 : activation === 'relu' ? (z > 0 ? 1 : 0) : 1;
}

export function referenceSecondDerivative(z: number, activation: Activation): number {
  if (activation !== 'tanh') return 0;
  const t = Math.tanh(z);
  return -2 * t * (1 - t * t);
}

/** An MLP forward pass in f64 over the flat PyTorch-ordered parameter vector: every layer's pre-activations. */
export function referenceMLPPreActivations(sizes: readonly number[], activations: readonly Activation[], parameters: ArrayLike<number>, inputs: ArrayLike<number>, batch: number): Float64Array[] {
  const preActivations: Float64Array[] = [];
  let current = Float64Array.from(inputs);
  let offset = 0;
  for (let l = 0; l < sizes.length - 1; l++) {
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    const z = new Float64Array(batch * nOut);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < nOut; j++) {
        let sum = parameters[offset + nIn * nOut + j]!;
        for (let i = 0; i < nIn; i++) sum += parameters[offset + j * nIn + i]! * current[b * nIn + i]!;
        z[b * nOut + j] = sum;
      }
    }
    preActivations.push(z);
    offset += nIn * nOut + nOut;
    current = z.map((v) => referenceActivation(v, activations[l]!));
  }
  return preActivations;
}

/** The MLP's outputs, from the plain f64 forward pass. */
export function referenceMLPForward(sizes: readonly number[], activations: readonly Activation[], parameters: ArrayLike<number>, inputs: ArrayLike<number>, batch: number): Float64Array {
  const z = referenceMLPPreActivations(sizes, activations, parameters, inputs, batch).at(-1)!;
  return z.map((v) => referenceActivation(v, activations.at(-1)!));
}

/** max_i |actual_i − expected_i| / scale_i, with scale_i = max(|expected_i|, floor) by default. */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, scale?: ArrayLike<number>, floor = 0): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const reference = Math.max(scale ? scale[i]! : Math.abs(expected[i]!), floor, Number.MIN_VALUE);
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / reference);
  }
  return worst;
}

/** ‖actual − expected‖∞ / ‖expected‖∞ (0 when both are zero). */
export function normwiseRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let difference = 0;
  let size = 0;
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i]! - expected[i]!));
    size = Math.max(size, Math.abs(expected[i]!));
  }
  return difference === 0 ? 0 : difference / size;
}

