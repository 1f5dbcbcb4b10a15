// tanh x. fdlibm's s_tanh.c computes −t/(t + 2) with t = expm1(−2|x|) below |x| = 1, which is
// up to 2 ulp off (measured 1.9 ulp at 0.238); so below 0.625 this uses Cephes's rational
// approximation instead (S. L. Moshier, Cephes Math Library 2.8, tanh.c; also Go's math.Tanh):
//   tanh x = x + x·z·P(z)/Q(z), z = x², P of degree 2 and Q of degree 3,
// where the correction x·z·P/Q is at most 13% of the result, so its rounding errors stay small.
// Above 0.625, fdlibm's 1 − 2/(expm1(2|x|) + 2), through expm1 so that nothing cancels, with the
// roundings of the last three operations compensated (fdlibm's form is up to 1.15 ulp off,
// measured at −0.6379); above 22, ±1 (tanh 22 = 1 − 1.6·10⁻¹⁹ rounds to 1).
import { expm1 } from './exp.js';
import { productError } from './product-error.js';

const P0 = -9.64399179425052238628e-1;
const P1 = -9.92877231001918586564e1;
const P2 = -1.61468768441708447952e3;
const Q0 = 1.12811678491632931402e2;
const Q1 = 2.23548839060100448583e3;
const Q2 = 4.84406305325125486048e3;

/** Hyperbolic tangent, within 1 ulp. tanh(±0) = ±0, tanh(±∞) = ±1. */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (a < 0.625) {
    if (a < 3.725290298461914e-9) return x; // |x| < 2⁻²⁸: tanh x = x to double precision (keeps −0)
    const z = x * x;
    return x + (x * z * ((P0 * z + P1) * z + P2)) / (((z + Q0) * z + Q1) * z + Q2);
  }
  if (!(a < 22)) { // |x| ≥ 22, or NaN
    if (x !== x) return x;
    return x < 0 ? -1 : 1;
  }
  // 1 − 2/(t + 2) with the rounding errors of t + 2, of the quotient and of the subtraction
  // recovered (Fast2Sum twice, Dekker's product once): what is left is expm1's own error, which
  // the derivative 2/(t + 2)² damps to under 0.4 ulp of the result.
  const t = expm1(2 * a); // t ≥ e^1.25 − 1 > 2
  const d = t + 2;
  const dLow = (t - d) + 2;
  const q = 2 / d;
  const p = q * d;
  // 2/(d + dLow) = q + qLow; the correction divides by d, or multiplies by q/2 ≈ 1/d, to ~2⁻⁵³ of itself.
  const qLow = ((2 - p) - productError(q, d, p) - q * dLow) * (0.5 * q);
  const s = 1 - q;
  const r = s + (((1 - s) - q) - qLow);
  return x < 0 ? -r : r;
}
