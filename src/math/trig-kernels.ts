// sin, cos and tan on [−π/4, π/4] of a double-double x + y: fdlibm 5.3's k_sin.c, k_cos.c
// (Sun Microsystems, 1993) and k_tan.c (2004 revision), with their published Remez coefficients;
// the comments give each fit's error bound. FreeBSD's msun and musl use the same.
import { fromWords } from './float-bits.js';

// sin x ≈ x + S1·x³ + ... + S6·x¹³ on [0, π/4]; |sin x/x − poly| ≤ 2⁻⁵⁸.
const S1 = -1.66666666666666324348e-1; // 0xBFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 0x3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // 0xBF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 0x3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

/**
 * sin(x + y) for |x| ≤ ~π/4, |y| ≤ ulp(x)/2, as fdlibm's __kernel_sin(x, y, iy): with `tail` 0
 * (y = 0) sin x ≈ x + x³·(S1 + x²·r); with `tail` 1, sin(x + y) ≈ sin x + (1 − x²/2)·y.
 */
export function kernelSin(x: number, y: number, tail: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (tail === 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// cos x ≈ 1 − x²/2 + C1·x⁴ + ... + C6·x¹⁴ on [0, π/4]; error ≤ 2⁻⁵⁸.
const C1 = 4.16666666666666019037e-2; // 0x3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // 0xBF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 0x3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // 0xBE927E4F 809C52AD
const C5 = 2.08757232129817482790e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

/**
 * cos(x + y) for |x| ≤ ~π/4; cos(x + y) ≈ cos x − x·y. w = 1 − x²/2 is rounded and its rounding
 * error ((1 − w) − x²/2) is added back (Bruce D. Evans's revision of k_cos.c).
 */
export function kernelCos(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const one = 1 - hz;
  return one + (((1 - one) - hz) + (z * r - x * y));
}

// tan x ≈ x + T0·x³ + ... + T12·x²⁷ on [0, 0.67434]; |tan x/x − poly| ≤ 2⁻⁵⁹·². Above 0.67434,
// tan x = tan(π/4 − y') is used, with π/4 split into PIO4 + PIO4_LO.
const T0 = 3.33333333333334091986e-1; // 0x3FD55555 55555563
const T1 = 1.33333333333201242699e-1; // 0x3FC11111 1110FE7A
const T2 = 5.39682539762260521377e-2; // 0x3FABA1BA 1BB341FE
const T3 = 2.18694882948595424599e-2; // 0x3F9664F4 8406D637
const T4 = 8.86323982359930005737e-3; // 0x3F8226E3 E96E8493
const T5 = 3.59207910759131235356e-3; // 0x3F6D6D22 C9560328
const T6 = 1.45620945432529025516e-3; // 0x3F57DBC8 FEE08315
const T7 = 5.88041240820264096874e-4; // 0x3F4344D8 F2F26501
const T8 = 2.46463134818469906812e-4; // 0x3F3026F7 1A8D1068
const T9 = 7.81794442939557092300e-5; // 0x3F147E88 A03792A6
const T10 = 7.14072491382608190305e-5; // 0x3F12B80F 32F0A7E9
const T11 = -1.85586374855275456654e-5; // 0xBEF375CB DB605373
const T12 = 2.59073051863633712884e-5; // 0x3EFB2A70 74BF7AD4
const PIO4 = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18
const PIO4_LO = 3.06161699786838301793e-17; // 0x3C81A626 33145C07
const BOUND_0_6744 = fromWords(0x3fe59428, 0); // fdlibm's high-word threshold, as a double
const SPLIT_21 = 4294967297; // 2³² + 1

/**
 * tan(x + y) if `k` is 1, −1/tan(x + y) if `k` is −1, for |x| ≤ ~π/4. Callers return tan(−0)
 * themselves: the polynomial does not keep the sign of zero.
 */
export function kernelTan(x: number, y: number, k: number): number {
  const negative = x < 0;
  const big = Math.abs(x) >= BOUND_0_6744; // |x| ≥ 0.6744
  if (big) {
    if (negative) { x = -x; y = -y; }
    x = (PIO4 - x) + (PIO4_LO - y);
    y = 0;
  }
  const z = x * x;
  const w = z * z;
  // x⁵·(T1 + x²·T2 + ...) as odd and even halves in x⁴ (fdlibm's split, for speed).
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  let v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  const sum = x + r;
  if (big) {
    v = k;
    const sign = negative ? -1 : 1;
    return sign * (v - 2 * (x - ((sum * sum) / (sum + v) - r)));
  }
  if (k === 1) return sum;
  // −1/(x + r) to within 1 ulp: split sum and its reciprocal at 21 bits so the products are exact.
  // fdlibm clears the low words; Veltkamp's split by 2³² + 1 keeps 21 bits as well, without
  // writing the words through a typed array (slow in V8).
  let c = SPLIT_21 * sum;
  const sumHi = c - (c - sum);
  v = r - (sumHi - x); // sumHi + v = x + r
  const a = -1 / sum;
  c = SPLIT_21 * a;
  const t = c - (c - a);
  const e = 1 + t * sumHi;
  return t + a * (e + t * v);
}
