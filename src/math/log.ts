// ln x and ln(1 + x), after fdlibm 5.3 (Sun Microsystems, 1993): e_log.c and s_log1p.c in the
// form FreeBSD's msun and musl give them (Bruce D. Evans's k_log.h), with fdlibm's coefficients.
// Both are < 1 ulp by fdlibm's error analysis; docs/math.md has the measured worst case.
//
// Method: x = 2^k·(1 + f) with √2/2 < 1 + f < √2; s = f/(2 + f), and
// ln(1 + f) = ln(1 + s) − ln(1 − s) = 2s + s·R(s²), R a Remez fit of degree 14 with error below
// 2⁻⁵⁸·⁴⁵; summed as f − hfsq + s·(hfsq + R) with hfsq = f²/2, so that the large terms are exact.
import { highWord, lowWord, withHighWord } from './float-bits.js';

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const TWO_54 = 1.8014398509481984e16; // 0x43500000 00000000: lifts subnormals into the normal range
const LG1 = 6.666666666666735130e-1; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244

/** ln(1 + f) − f + f²/2 for the reduced f: the part both functions share. */
function logKernel(f: number, hfsq: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  // Odd and even halves of the polynomial in s², evaluated separately for speed (fdlibm's split).
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return s * (hfsq + (t2 + t1));
}

/** Natural logarithm, within 1 ulp. log(±0) = −∞, log(x < 0) = NaN, log(∞) = ∞, log(1) = +0. */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) { // x < 2⁻¹⁰²², negative, or a NaN with its sign bit set
    if (x === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54; // subnormal: scale up
    x *= TWO_54;
    hx = highWord(x);
  } else if (hx >= 0x7ff00000) {
    return x; // +∞ or NaN
  } else if (hx === 0x3ff00000 && lowWord(x) === 0) {
    return 0;
  }
  // Reduce x into [√2/2, √2): adding 1 − 0x3fe6a09e to the high word carries into the exponent
  // exactly when the fraction is ≥ √2. (Unsigned shift: the sum may exceed 2³¹.)
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (hx >>> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  const f = withHighWord(x, hx) - 1;
  const hfsq = 0.5 * f * f;
  const dk = k;
  return logKernel(f, hfsq) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
}

/** ln(1 + x), within 1 ulp, accurate for x near 0. log1p(±0) = ±0, log1p(−1) = −∞, log1p(x < −1) = NaN. */
export function log1p(x: number): number {
  const hx = highWord(x);
  let k = 1;
  let c = 0;
  let f = 0;
  if (hx < 0x3fda827a) { // 1 + x < √2, or x negative
    if (hx >>> 0 >= 0xbff00000) { // x ≤ −1, or a negative NaN
      if (x === -1) return -Infinity;
      return NaN;
    }
    if (((hx << 1) >>> 0) < 0x79400000) return x; // |x| < 2⁻⁵³: x itself (keeps −0)
    if (hx >>> 0 <= 0xbfd2bec4) { // √2/2 ≤ 1 + x < √2: f = x exactly, no reduction
      k = 0;
      f = x;
    }
  } else if (hx >= 0x7ff00000) {
    return x; // +∞ or NaN
  }
  if (k !== 0) {
    // 1 + x rounds; c/u corrects ln(u) to ln(1 + x), as in s_log1p.c.
    const u = 1 + x;
    let hu = highWord(u) + (0x3ff00000 - 0x3fe6a09e);
    k = (hu >>> 20) - 0x3ff;
    if (k < 54) {
      c = k >= 2 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    }
    hu = (hu & 0x000fffff) + 0x3fe6a09e;
    f = withHighWord(u, hu) - 1;
  }
  const hfsq = 0.5 * f * f;
  const dk = k;
  return logKernel(f, hfsq) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}
