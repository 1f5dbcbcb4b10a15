// Conjugate gradient for (A + damping·I) x = b with A symmetric positive semi-definite, given only
// products v ↦ A v (matrix-free: A is never formed). Starts from x = 0, as Spinning Up and
// sb3-contrib do; stops after maxIterations or once ‖r‖² < residualTolerance.
import { assertSetting, type SettingsSchema } from '../util/settings-schema.js';
import { assertFiniteArray, assertFiniteNumber, type NumericArray } from '../util/validate.js';

/** The solve's settings as the natural-gradient algorithms declare them (sb3-contrib's defaults), the ranges it enforces. */
export const CONJUGATE_GRADIENT_SETTINGS = {
  cgIterations: { type: 'integer', default: 15, min: 1, doc: 'conjugate gradient iterations' },
  cgDamping: { type: 'number', default: 0.1, min: 0, doc: 'damping λ added to the Fisher matrix' },
} as const satisfies SettingsSchema;

export interface ConjugateGradientOptions {
  /** Iteration cap. Default 10 (Spinning Up; sb3-contrib uses 15). */
  maxIterations?: number;
  /** Stop once the squared residual norm falls below this. Default 1e-10. */
  residualTolerance?: number;
  /** Tikhonov damping added to A. Default 0.1. */
  damping?: number;
}

export interface ConjugateGradientResult {
  x: Float64Array;
  iterations: number;
  /** ‖b − (A + damping·I)x‖ at the end. */
  residualNorm: number;
}

export async function conjugateGradient(
  product: (v: Float64Array) => NumericArray | Promise<NumericArray>,
  b: NumericArray,
  options: ConjugateGradientOptions = {},
): Promise<ConjugateGradientResult> {
  const maxIterations = options.maxIterations ?? 10;
  const residualTolerance = options.residualTolerance ?? 1e-10;
  const damping = options.damping ?? 0.1;
  assertSetting(CONJUGATE_GRADIENT_SETTINGS.cgIterations, maxIterations, 'conjugateGradient maxIterations');
  assertFiniteNumber(residualTolerance, 'conjugateGradient residualTolerance');
  assertSetting(CONJUGATE_GRADIENT_SETTINGS.cgDamping, damping, 'conjugateGradient damping');
  assertFiniteArray(b, 'conjugateGradient b');
  const n = b.length;
  const x = new Float64Array(n);
  const r = Float64Array.from(b);
  const p = Float64Array.from(b);
  let rr = dot(r, r);
  let iterations = 0;
  while (iterations < maxIterations && rr >= residualTolerance) {
    const ap = await product(p);
    assertFiniteArray(ap, 'conjugateGradient: the product A·p', n);
    let pAp = 0;
    for (let i = 0; i < n; i++) pAp += p[i]! * (ap[i]! + damping * p[i]!);
    if (!(pAp > 0)) break; // A + damping·I is not positive definite along p: no further progress
    const alpha = rr / pAp;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]!;
      r[i]! -= alpha * (ap[i]! + damping * p[i]!);
    }
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    for (let i = 0; i < n; i++) p[i] = r[i]! + beta * p[i]!;
    rr = rrNext;
    iterations++;
  }
  return { x, iterations, residualNorm: Math.sqrt(rr) };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
