// x mod π/2 for huge |x| (beyond 2²⁰·π/2, up to the largest double), by Payne and Hanek's method
// ("Radian reduction for trigonometric functions", SIGNUM Newsletter 18(1), 1983) done exactly in
// BigInt instead of fdlibm's __kernel_rem_pio2 limb arithmetic. Only the rare path uses it.
//
// x = m·2^e exactly (m a 53-bit integer, e ≤ 971). With P = ⌊2¹²⁸⁰·2/π⌋, m·P·2^(e−1280) is x·2/π
// with an error below m·2^(e−1280) < 2⁻²⁵⁶; its integer part mod 4 is the quadrant and its
// fraction, taken in [−½, ½), times π/2 is the remainder. The closest a double comes to a multiple
// of π/2 is about 2⁻⁶¹ (Muller, "Elementary Functions", 3rd ed., §11.4), so 2⁻²⁵⁶ leaves well over
// the 106 bits the double-double result needs.
import { fromWords, highWord, lowWord } from './float-bits.js';

/**
 * 2/π in hexadecimal, 1280 bits after the binary point (truncated): the bits of fdlibm's ipio2
 * table (k_rem_pio2.c), 0xA2F983, 0x6E4E44, ... . test/math/reduce-half-pi.test.ts recomputes
 * them from Machin's formula.
 */
export const TWO_OVER_PI_HEX =
  'a2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e006492eea09d1921c' +
  'fe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde05980f' +
  'ef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d08' +
  '56033046fc7b6babf0cfbc209af4361d';
export const TWO_OVER_PI_BITS = 1280;

/** π/2 in hexadecimal, 160 bits after the binary point (truncated); checked by the same test. */
export const HALF_PI_HEX = '1921fb54442d18469898cc51701b839a252049c11';
export const HALF_PI_BITS = 160;

const TWO_OVER_PI = BigInt('0x' + TWO_OVER_PI_HEX);
const HALF_PI = BigInt('0x' + HALF_PI_HEX);
/** Significant bits kept of the fraction before multiplying by π/2, and of the product after. */
const FRACTION_KEPT = 140;
const REMAINDER_KEPT = 120;

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/**
 * Reduces a finite |x| ≥ 2²⁰ to x = (4j + q)·π/2 + r with |r| ≤ π/4, writing r as the
 * double-double out[0] + out[1] (|out[1]| ≤ ulp(out[0])/2). Returns q in {−3, ..., 3}, of the sign of x.
 */
export function reduceHalfPiLarge(x: number, out: Float64Array): number {
  const high = highWord(x);
  const ix = high & 0x7fffffff;
  const e = (ix >>> 20) - 1075;
  const m = (BigInt((ix & 0x000fffff) | 0x00100000) << 32n) | BigInt(lowWord(x));
  const shift = TWO_OVER_PI_BITS - e; // |x|·2/π ≈ m·P / 2^shift, shift > 0 as e ≤ 971
  const bigShift = BigInt(shift);
  const product = m * TWO_OVER_PI;
  let quadrant = Number((product >> bigShift) & 3n);
  let fraction = product & ((1n << bigShift) - 1n);
  if (fraction >= 1n << (bigShift - 1n)) { // round to the nearest quadrant: fraction in [−½, ½)
    fraction -= 1n << bigShift;
    quadrant += 1;
  }
  const negative = fraction < 0n;
  let magnitude = negative ? -fraction : fraction;
  // Keep FRACTION_KEPT bits of the fraction, multiply by π/2, keep REMAINDER_KEPT bits of that:
  // |r| = top·2^scale, with truncation errors near 2⁻¹¹⁸ relative, far below a double-double's.
  const fractionDrop = Math.max(0, bitLength(magnitude) - FRACTION_KEPT);
  magnitude >>= BigInt(fractionDrop);
  const scaled = magnitude * HALF_PI;
  const remainderDrop = Math.max(0, bitLength(scaled) - REMAINDER_KEPT);
  const top = scaled >> BigInt(remainderDrop);
  const scale = fromWords((0x3ff + fractionDrop + remainderDrop - shift - HALF_PI_BITS) << 20, 0);
  const hi = Number(top); // round to nearest even (ECMAScript's Number(bigint))
  const lo = Number(top - BigInt(hi));
  const sign = (high < 0) !== negative ? -1 : 1;
  out[0] = sign * hi * scale;
  out[1] = sign * lo * scale;
  quadrant &= 3;
  return high < 0 ? -quadrant : quadrant;
}
