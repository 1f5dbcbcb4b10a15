// x^y, after fdlibm 5.3's e_pow.c (Sun Microsystems, 2004 revision) with its published
// coefficients, and the special cases of ECMAScript's pow, which differ from C's in two
// places: pow(1, NaN) and pow(±1, ±∞) are NaN, not 1.
//
// Method: with x = 2^n·(1 + f), log2 x is computed as t1 + t2 where t1 has its low word clear (so
// y1·t1 is exact for y1 = y with its low word clear); y·log2 x = p_h + p_l in simulated extra
// precision, split into an integer n and |y'| ≤ ½; x^y = 2^n·2^y' with 2^y' = e^(y'·ln2) by
// e_exp.c's rational form. log2(1 + f) uses s = (x − b)/(x + b), b ∈ {1, 3/2}, and a degree-12
// Remez fit in s. fdlibm states that pow(integer, integer) is exact when representable.
import { fromWords, highWord, lowWord, withHighWord } from './float-bits.js';
import { twoTo } from './powers-of-two.js';

const DP_H = 5.84962487220764160156e-1; // 0x3FE2B803 40000000: log2(3/2), high part
const DP_L = 1.35003920212974897128e-8; // 0x3E4CFDEB 43CFD006: log2(3/2), low part
const TWO_53 = 9007199254740992; // 0x43400000 00000000
// (3/2)·(log(x) − 2s − 2/3·s³) as a polynomial in s².
const L1 = 5.99999999999994648725e-1; // 0x3FE33333 33333303
const L2 = 4.28571428578550184252e-1; // 0x3FDB6DB6 DB6FABFF
const L3 = 3.33333329818377432918e-1; // 0x3FD55555 518F264D
const L4 = 2.72728123808534006489e-1; // 0x3FD17460 A91D4101
const L5 = 2.30660745775561754067e-1; // 0x3FCD864A 93C9DB65
const L6 = 2.06975017800338417784e-1; // 0x3FCA7E28 4A454EEF
// e_exp.c's coefficients, for 2^y'.
const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0
const LG2 = 6.93147180559945286227e-1; // 0x3FE62E42 FEFA39EF
const LG2_H = 6.93147182464599609375e-1; // 0x3FE62E43 00000000
const LG2_L = -1.90465429995776804525e-9; // 0xBE205C61 0CA86C39
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(ovfl + ½ulp))
const CP = 9.61796693925975554329e-1; // 0x3FEEC709 DC3A03FD: 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1; // 0x3FEEC709 E0000000: CP to 24 bits
const CP_L = -7.02846165095275826516e-9; // 0xBE3E2FE0 145B01F5: CP − CP_H
const IVLN2 = 1.44269504088896338700; // 0x3FF71547 652B82FE: 1/ln2
// fdlibm's ivln2_h (0x3FF71547 60000000) has 24 bits, not the 21 its comment assumes, so for
// x near 1 and |y| > 2³¹ the product with t = x − 1 (up to 32 bits) was not exact and pow was off
// by hundreds of ulps (measured: pow(0.9999998381885812, −3375063099.29) was 258 ulp off). A
// 21-bit split makes IVLN2_H·t exact.
const IVLN2_H = 1.4426946640014648; // 0x3FF71547 00000000: 1/ln2 to 21 bits
const IVLN2_L = 3.768874985636099e-7; // 0x3E994AE0 BF85DDF4: 1/ln2 − IVLN2_H
const TWO_M969 = twoTo(-969);
const SPLIT_21 = 4294967297; // 2³² + 1

/**
 * x rounded to its top 21 significant bits (Veltkamp's split), so that products of two such
 * numbers are exact. fdlibm clears the low word instead (truncation); either serves, as the
 * remainder is always recomputed from it, and this writes no words through a typed array (slow in V8).
 */
function split21(x: number): number {
  const c = SPLIT_21 * x;
  return c - (c - x);
}

/** Whether y is an integer, and if so which: 0 not an integer, 1 odd, 2 even (fdlibm's yisint). */
function integerKind(iy: number, ly: number): number {
  if (iy >= 0x43400000) return 2; // |y| ≥ 2⁵³: even
  if (iy < 0x3ff00000) return 0; // |y| < 1 (and not 0)
  const k = (iy >> 20) - 0x3ff; // exponent
  if (k > 20) {
    const j = ly >>> (52 - k);
    return ((j << (52 - k)) >>> 0) === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) return 0;
  const j = iy >> (20 - k);
  return j << (20 - k) === iy ? 2 - (j & 1) : 0;
}

/** x to the power y, within 1 ulp; every special case as ECMAScript's pow. */
export function pow(x: number, y: number): number {
  if (y !== y) return NaN; // including pow(1, NaN): ECMAScript, unlike C
  if (y === 0) return 1; // including pow(NaN, ±0)
  if (x !== x) return NaN;
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  const yIsInteger = hx < 0 ? integerKind(iy, ly) : 0;

  if (ly === 0) { // special values of y
    if (iy === 0x7ff00000) { // y = ±∞
      if (ix === 0x3ff00000 && lx === 0) return NaN; // pow(±1, ±∞): ECMAScript, unlike C
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = ½, x ≥ +0
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) { // x = ±0, ±∞, ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (ix === 0x3ff00000 && yIsInteger === 0) z = NaN; // (−1)^non-integer
      else if (yIsInteger === 1) z = -z; // (x < 0)^odd = −(|x|^odd)
    }
    return z;
  }
  if (hx < 0 && yIsInteger === 0) return NaN; // (x < 0)^non-integer
  const s = hx < 0 && yIsInteger === 1 ? -1 : 1; // sign of the result

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) { // |y| > 2³¹
    if (iy > 0x43f00000) { // |y| > 2⁶⁴: over- or underflows for every x ≠ ±1
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      return hy > 0 ? Infinity : 0;
    }
    // over/underflow if x is not close to one
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // |1 − x| ≤ 2⁻²⁰: log x = t − t²/2 + t³/3 − t⁴/4 suffices
    const t = ax - 1;
    const w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t; // exact: 21 bits times at most 32
    const v = t * IVLN2_L - w * IVLN2;
    t1 = split21(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    let jx = ix;
    if (jx < 0x00100000) { // subnormal x
      ax *= TWO_53;
      n -= 53;
      jx = highWord(ax);
    }
    n += (jx >> 20) - 0x3ff;
    const j = jx & 0x000fffff;
    // interval: |x| < √(3/2) uses b = 1, |x| < √3 uses b = 3/2, else halve x
    let k: number;
    jx = j | 0x3ff00000;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else { k = 0; n += 1; jx -= 0x00100000; }
    ax = withHighWord(ax, jx);
    const bp = k === 0 ? 1 : 1.5;
    // ss = s_h + s_l = (x − b)/(x + b)
    const u = ax - bp;
    const v = 1 / (ax + bp);
    const ss = u * v;
    const sH = split21(ss);
    let tH = fromWords(((jx >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + b, high part
    let tL = ax - (tH - bp);
    const sL = v * ((u - sH * tH) - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = split21(3 + s2 + r);
    tL = r - ((tH - 3) - s2);
    // u + v = ss·(1 + ...)
    const uu = sH * tH;
    const vv = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + ...)
    const pH = split21(uu + vv);
    const pL = vv - (pH - uu);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L);
    // log2(ax) = (ss + ...)·2/(3·ln2) = n + dp_h + z_h + z_l
    const dpH = k === 0 ? 0 : DP_H;
    const tn = n;
    t1 = split21(((zH + zL) + dpH) + tn);
    t2 = zL - (((t1 - tn) - dpH) - zH);
  }

  // (y1 + y2)·(t1 + t2), y1 = y with its low word clear
  const y1 = split21(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  if (z >= 1024) {
    if (z > 1024) return s * Infinity;
    if (pL + OVT > z - pH) return s * Infinity;
  } else if (z <= -1075) {
    if (z < -1075) return s * 0;
    if (pL <= z - pH) return s * 0;
  }
  // 2^(p_h + p_l): n = round(z) (half away from zero; |z| + ½ is exact here), p_h −= n. fdlibm
  // does this on the high word; Math.floor gives the same integer without writing words.
  let n = 0;
  if (Math.abs(z) > 0.5) {
    n = Math.floor(Math.abs(z) + 0.5);
    if (z < 0) n = -n;
    pH -= n;
  }
  const t = split21(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const c = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z); // 2^(p_h + p_l) in about [0.7, 1.42]
  if (n >= -1021) return n <= 1023 ? s * (z * twoTo(n)) : s * (z * 2 * twoTo(1023));
  // subnormal result: scale in two steps so that it is rounded once
  return s * (z * twoTo(n + 969) * TWO_M969);
}

