// e^x and e^x − 1, after fdlibm 5.3 (Sun Microsystems, 1993/2004): e_exp.c and s_expm1.c, with
// their published coefficients (the hex words beside each are fdlibm's). Both are < 1 ulp by
// fdlibm's error analysis; docs/math.md has the measured worst case.
//
// Method (e_exp.c): x = k·ln2 + r with |r| ≤ ln2/2, r kept as hi − lo so that k·ln2_hi is exact;
// e^r = 1 + r + r·c(r)/(2 − c(r)) with c(r) = r − r²·P(r²), a Remez fit on [0, 0.3466] with
// error below 2⁻⁵⁹; then e^x = 2^k·e^r, scaled in two steps near the underflow threshold so the
// result is rounded once.
import { fromWords } from './float-bits.js';
import { twoTo } from './powers-of-two.js';

const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF: e^x overflows above
const U_THRESHOLD = -7.45133219101941108420e2; // 0xC0874910 D52D3051: e^x rounds to 0 below
const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: 32 bits, so k·LN2_HI is exact for |k| < 2¹¹
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76: ln 2 − LN2_HI
const INV_LN2 = 1.44269504088896338700; // 0x3FF71547 652B82FE
const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0
const TWO_1023 = twoTo(1023);
const TWO_M1000 = twoTo(-1000);
// fdlibm's high-word thresholds as doubles: ix ≥ H ⇔ |x| ≥ fromWords(H, 0), ix > H ⇔ |x| ≥
// fromWords(H + 1, 0), so the branches are fdlibm's exactly; comparing doubles is faster in V8
// than reading the word through a typed array.
const BOUND_709 = fromWords(0x40862e42, 0); // |x| ≥ this: near or past over/underflow
const BOUND_HALF_LN2 = fromWords(0x3fd62e43, 0); // |x| ≥ this: reduce (|x| > ln2/2)
const BOUND_THREE_HALVES_LN2 = fromWords(0x3ff0a2b2, 0); // |x| < this: k = ±1
const BOUND_2_M28 = fromWords(0x3e300000, 0);

/** e^x, within 1 ulp. exp(−∞) = 0, exp(∞) = ∞, NaN → NaN; overflow gives ∞, underflow subnormals then 0. */
export function exp(x: number): number {
  const a = Math.abs(x);
  if (!(a < BOUND_709)) { // non-finite, or near over/underflow
    if (x !== x) return x;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (a >= BOUND_HALF_LN2) { // |x| > ln2/2: reduce
    if (a < BOUND_THREE_HALVES_LN2) { // |x| < 3·ln2/2: k = ±1 without a multiplication
      if (x < 0) { hi = x + LN2_HI; lo = -LN2_LO; k = -1; } else { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // C's (int) truncation, as in fdlibm
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (a < BOUND_2_M28) { // |x| < 2⁻²⁸: e^x = 1 + x to within rounding
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_1023; // 2¹⁰²⁴ itself is not a double
    return y * twoTo(k);
  }
  // Near underflow: scale into the normal range first, then round once into the subnormals.
  return y * twoTo(k + 1000) * TWO_M1000;
}

// expm1 (s_expm1.c): the same reduction with a correction term c for the rounding of hi − lo,
// and a rational form r + r²/2 + r³/2·(3 − (R1 + R1·r/2))/(6 − r·(3 − R1·r/2)) where R1 is a
// Remez fit (error < 2⁻⁶¹; coefficients scaled by 2^i so that z = r²/2 serves). The way 2^k is
// put back depends on k, to avoid cancellation against the −1.
const EXPM1_OVERFLOW = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const Q1 = -3.33333333333331316428e-2; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // 0xBE8AFDB7 6E09C32D
const BOUND_56_LN2 = fromWords(0x4043687a, 0);
const BOUND_2_M54 = fromWords(0x3c900000, 0);

/** e^x − 1, within 1 ulp, accurate for x near 0. expm1(±0) = ±0, expm1(−∞) = −1, expm1(∞) = ∞. */
export function expm1(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_HALF_LN2) { // |x| ≤ ln2/2: no reduction (k = 0)
    if (a < BOUND_2_M54) return x; // |x| < 2⁻⁵⁴: x itself (keeps −0)
    const hfx = 0.5 * x;
    const hxs = x * hfx;
    const e = expm1Correction(x, hfx, hxs);
    return x - (x * e - hxs);
  }
  if (!(a < BOUND_56_LN2)) { // |x| ≥ 56·ln2: e^x − 1 is −1 or e^x to double precision
    if (x !== x) return x;
    if (x < 0) return -1;
    if (x > EXPM1_OVERFLOW) return Infinity;
  }
  return expm1Reduced(x, a);
}

/** The rational part of s_expm1.c: expm1(r) = r + r²/2 + r·(r·e − r²/2) ... with hfx = r/2, hxs = r²/2. */
function expm1Correction(x: number, hfx: number, hxs: number): number {
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  return hxs * ((r1 - t) / (6 - x * t));
}

/** expm1 for ln2/2 < |x| < 709.78 (and x > −56·ln2): reduce, then put 2^k back without cancellation. */
function expm1Reduced(x: number, a: number): number {
  let k: number;
  let hi: number;
  let lo: number;
  if (a < BOUND_THREE_HALVES_LN2) {
    if (x < 0) { hi = x + LN2_HI; lo = -LN2_LO; k = -1; } else { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
  } else {
    k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const c = (hi - r) - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  let e = expm1Correction(r, hfx, hxs);
  e = r * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e);
  if (k < 0 || k > 56) { // the −1 is negligible or exact: compute e^x then subtract
    let y = r - e + 1;
    y = k === 1024 ? y * 2 * TWO_1023 : y * twoTo(k);
    return y - 1;
  }
  if (k < 20) return (r - e + (1 - twoTo(-k))) * twoTo(k);
  return (r - (e + twoTo(-k)) + 1) * twoTo(k);
}
