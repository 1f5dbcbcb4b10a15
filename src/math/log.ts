// ln x and ln(1 + x), after fdlibm 5.3 (Sun Microsystems, 1993): e_log.c and s_log1p.c in the
// form FreeBSD's msun and musl give them (Bruce D. Evans's k_log.h), with fdlibm's coefficients.
// Both are < 1 ulp by fdlibm's error analysis; docs/math.md has the measured worst case.
//
// Method: x = 2^k·(1 + f) with √2/2 < 1 + f < √2; s = f/(2 + f), and
// ln(1 + f) = ln(1 + s) − ln(1 − s) = 2s + s·R(s²), R a Remez fit of degree 14 with error below
// 2⁻⁵⁸·⁴⁵; summed as f − hfsq + s·(hfsq + R) with hfsq = f²/2, so that the large terms are exact.
import { fromWords, highWord, withHighWord } from './float-bits.js';
import { twoTo } from './powers-of-two.js';

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

// fdlibm reduces x = 2^k·m with m in [√2/2, √2), split exactly at high word 0x3fe6a09e, by
// adding to the high word and rewriting it; writing a word through a typed array is slow in V8.
// For x in (2⁻³², 2³²) the same k comes from Math.clz32 of x or 1/x (off by at most one, which a
// comparison with the split point corrects) and m = x·2^−k, exactly.
const SPLIT = fromWords(0x3ff6a09e, 0); // m ≥ SPLIT goes to the next binade, as in fdlibm
const HALF_SPLIT = 0.5 * SPLIT;
const TWO_32 = 4294967296;
const TWO_M32 = 2.3283064365386963e-10;

/** fdlibm's k for x in (2⁻³², 2³²): x·2^−k in [SPLIT/2, SPLIT). */
function splitExponent(x: number): number {
  const k = x >= 1 ? 31 - Math.clz32(x) : Math.clz32(1 / x) - 32; // ⌊log2 x⌋, or one less
  const m = x * twoTo(-k);
  return m >= SPLIT ? k + 1 : m < HALF_SPLIT ? k - 1 : k;
}

/** Natural logarithm, within 1 ulp. log(±0) = −∞, log(x < 0) = NaN, log(∞) = ∞, log(1) = +0. */
export function log(x: number): number {
  // The common case alone, small enough for V8 to inline into its callers: a double returned
  // from a call that is not inlined is boxed on the heap (softmax's normaliser made most of PPO's
  // garbage). The rest of the range goes to logOfExtreme.
  if (!(x > TWO_M32 && x < TWO_32)) return logOfExtreme(x);
  const k = splitExponent(x);
  return logOfReduced(x * twoTo(-k) - 1, k);
}

/** ln x = k·ln 2 + ln(1 + f), fdlibm's final sum, for x = 2^k·(1 + f) reduced. */
function logOfReduced(f: number, k: number): number {
  const hfsq = 0.5 * f * f;
  return logKernel(f, hfsq) + k * LN2_LO - hfsq + f + k * LN2_HI;
}

/** log x for x outside (2⁻³², 2³²): zero, negative, subnormal, huge, ±∞ and NaN included. */
function logOfExtreme(x: number): number {
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
  }
  // Reduce x into [√2/2, √2): adding 1 − 0x3fe6a09e to the high word carries into the exponent
  // exactly when the fraction is ≥ √2. (Unsigned shift: the sum may exceed 2³¹.)
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (hx >>> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  return logOfReduced(withHighWord(x, hx) - 1, k);
}

const BOUND_SQRT2_M1 = fromWords(0x3fda827a, 0); // x < this: 1 + x < √2 (fdlibm's high-word test)
const BOUND_SQRT_HALF_M1 = fromWords(0x3fd2bec5, 0); // −x < this: 1 + x ≥ √2/2
const TWO_M53 = fromWords(0x3ca00000, 0);

/** ln(1 + x), within 1 ulp, accurate for x near 0. log1p(±0) = ±0, log1p(−1) = −∞, log1p(x < −1) = NaN. */
export function log1p(x: number): number {
  let k = 1;
  let c = 0;
  let f = 0;
  if (x < BOUND_SQRT2_M1) { // 1 + x < √2, or x negative
    if (x <= -1) return x === -1 ? -Infinity : NaN;
    if (Math.abs(x) < TWO_M53) return x; // |x| < 2⁻⁵³: x itself (keeps −0)
    if (x > 0 || -x < BOUND_SQRT_HALF_M1) { // √2/2 ≤ 1 + x < √2: f = x exactly, no reduction
      k = 0;
      f = x;
    }
  } else if (!(x < Infinity)) {
    return x; // +∞ or NaN
  }
  if (k !== 0) {
    // 1 + x rounds; c/u corrects ln(u) to ln(1 + x), as in s_log1p.c.
    const u = 1 + x;
    let m: number;
    if (u > TWO_M32 && u < TWO_32) {
      k = splitExponent(u);
      m = u * twoTo(-k);
    } else {
      let hu = highWord(u) + (0x3ff00000 - 0x3fe6a09e);
      k = (hu >>> 20) - 0x3ff;
      hu = (hu & 0x000fffff) + 0x3fe6a09e;
      m = withHighWord(u, hu);
    }
    if (k < 54) {
      c = k >= 2 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    }
    f = m - 1;
  }
  const hfsq = 0.5 * f * f;
  const dk = k;
  return logKernel(f, hfsq) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}
