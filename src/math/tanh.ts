// tanh x, after fdlibm 5.3's s_tanh.c (Sun Microsystems, 1993) with the thresholds musl's tanh.c
// uses: through expm1, so that nothing cancels.
//   |x| > ln(3)/2:          1 − 2/(expm1(2|x|) + 2)
//   ln(5/3)/2 < |x|:        t/(t + 2), t = expm1(2|x|)
//   otherwise:              −t/(t + 2), t = expm1(−2|x|)
//   |x| > 20:               ±1 (tanh 20 = 1 − 8·10⁻¹⁸ rounds to 1)
import { expm1 } from './exp.js';
import { highWord } from './float-bits.js';

/** Hyperbolic tangent, within 1 ulp. tanh(±0) = ±0, tanh(±∞) = ±1. */
export function tanh(x: number): number {
  const high = highWord(x);
  const ix = high & 0x7fffffff;
  const a = Math.abs(x);
  let t: number;
  if (ix > 0x3fe193ea) { // |x| > ln(3)/2 ≈ 0.5493, or NaN
    if (ix > 0x40340000) { // |x| > 20, or NaN
      if (x !== x) return x;
      t = 1;
    } else {
      t = expm1(2 * a);
      t = 1 - 2 / (t + 2);
    }
  } else if (ix > 0x3fd058ae) { // |x| > ln(5/3)/2 ≈ 0.2554
    t = expm1(2 * a);
    t = t / (t + 2);
  } else if (ix >= 0x00100000) {
    t = expm1(-2 * a);
    t = -t / (t + 2);
  } else {
    return x; // subnormal or ±0: tanh x = x
  }
  return high < 0 ? -t : t;
}
