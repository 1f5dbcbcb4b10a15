// atan x and atan2(y, x), after fdlibm 5.3's s_atan.c and e_atan2.c (Sun Microsystems, 1993),
// with their published coefficients.
//
// atan: |x| is reduced to one of five intervals by atan x = atan c + atan((x − c)/(1 + c·x)) with
// c ∈ {0, ½, 1, 3/2, ∞}; atan of the reduced t is t − t³·P(t²), P of degree 10 (odd and even
// halves evaluated separately). atan c is split in hi + lo so that it adds exactly.
import { twoTo } from './powers-of-two.js';
import { productError } from './product-error.js';

const ATAN_HI_HALF = 4.63647609000806093515e-1; // 0x3FDDAC67 0561BB4F
const ATAN_HI_ONE = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18
const ATAN_HI_THREE_HALVES = 9.82793723247329054082e-1; // 0x3FEF730B D281F69B
const ATAN_HI_INFINITY = 1.57079632679489655800; // 0x3FF921FB 54442D18
const ATAN_LO_HALF = 2.26987774529616870924e-17; // 0x3C7A2B7F 222F65E2
const ATAN_LO_ONE = 3.06161699786838301793e-17; // 0x3C81A626 33145C07
const ATAN_LO_THREE_HALVES = 1.39033110312309984516e-17; // 0x3C700788 7AF0CBBD
const ATAN_LO_INFINITY = 6.12323399573676603587e-17; // 0x3C91A626 33145C07
const AT0 = 3.33333333333329318027e-1; // 0x3FD55555 5555550D
const AT1 = -1.99999999998764832476e-1; // 0xBFC99999 9998EBC4
const AT2 = 1.42857142725034663711e-1; // 0x3FC24924 920083FF
const AT3 = -1.11111104054623557880e-1; // 0xBFBC71C6 FE231671
const AT4 = 9.09088713343650656196e-2; // 0x3FB745CD C54C206E
const AT5 = -7.69187620504482999495e-2; // 0xBFB3B0F2 AF749A6D
const AT6 = 6.66107313738753120669e-2; // 0x3FB10D66 A0D03D51
const AT7 = -5.83357013379057348645e-2; // 0xBFADDE2D 52DEFD9A
const AT8 = 4.97687799461593236017e-2; // 0x3FA97B4B 24760DEB
const AT9 = -3.65315727442169155270e-2; // 0xBFA2B444 2C6A6C2F
const AT10 = 1.62858201153657823623e-2; // 0x3F90AD3A E322DA11

/** t³·P(t²) ≈ t − atan t for the reduced |t| ≤ 7/16. */
function atanTail(t: number): number {
  const z = t * t;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  return t * (s1 + s2);
}

/**
 * atanPositive's rounding error: atan(a) + c = result + atanLow[0] to about 2⁻¹⁰⁶ relative. A
 * typed array rather than a `let`: V8 boxes each double stored into a module variable.
 */
const atanLow = new Float64Array(1);

/**
 * atan(a) + c for 0 ≤ a < 2⁶⁶ and a correction |c| ≲ ulp(atan a), rounded once; the rounding
 * error goes to atanLow (Dekker's Fast2Sum: the first term is the larger). c and atanLow are what
 * atan2 needs to stay below 1 ulp; atan passes c = 0 and gets fdlibm's result bit for bit.
 */
function atanPositive(a: number, c: number): number {
  // fdlibm's high-word thresholds, all exact doubles (7/16, 2⁻²⁷, ...), compared as doubles:
  // faster in V8 than reading the word through a typed array.
  let hi: number;
  let b: number;
  if (a < 0.4375) { // a < 7/16: no reduction
    b = a < 7.450580596923828e-9 ? c : -(atanTail(a) - c); // a < 2⁻²⁷: atan a = a to double precision
    hi = a + b;
    atanLow[0] = (a - hi) + b;
    return hi;
  }
  let base: number;
  let t: number;
  if (a < 1.1875) {
    if (a < 0.6875) { // 7/16 ≤ a < 11/16: atan a = atan ½ + atan((2a − 1)/(2 + a))
      base = ATAN_HI_HALF;
      c += ATAN_LO_HALF;
      t = (2 * a - 1) / (2 + a);
    } else { // 11/16 ≤ a < 19/16: atan 1 + atan((a − 1)/(a + 1))
      base = ATAN_HI_ONE;
      c += ATAN_LO_ONE;
      t = (a - 1) / (a + 1);
    }
  } else if (a < 2.4375) { // 19/16 ≤ a < 39/16: atan(3/2) + atan((a − 3/2)/(1 + 3a/2))
    base = ATAN_HI_THREE_HALVES;
    c += ATAN_LO_THREE_HALVES;
    t = (a - 1.5) / (1 + 1.5 * a);
  } else { // 39/16 ≤ a: π/2 + atan(−1/a)
    base = ATAN_HI_INFINITY;
    c += ATAN_LO_INFINITY;
    t = -1 / a;
  }
  b = -((atanTail(t) - c) - t);
  hi = base + b;
  atanLow[0] = (base - hi) + b;
  return hi;
}

/** Arctangent, in radians in [−π/2, π/2], within 1 ulp. atan(±0) = ±0, atan(±∞) = ±π/2. */
export function atan(x: number): number {
  const a = Math.abs(x);
  if (!(a < 7.378697629483821e19)) { // |x| ≥ 2⁶⁶: atan x = ±π/2 to double precision, or NaN
    if (x !== x) return x;
    return x > 0 ? ATAN_HI_INFINITY + ATAN_LO_INFINITY : -ATAN_HI_INFINITY - ATAN_LO_INFINITY;
  }
  if (a < 7.450580596923828e-9) return x; // |x| < 2⁻²⁷: atan x = x to double precision (keeps −0)
  const z = atanPositive(a, 0);
  return x < 0 ? -z : z;
}

// atan2 (e_atan2.c): atan(|y/x|), then moved into the quadrant of (x, y) with π split in
// PI + PI_LO; the special cases are those of ECMAScript's atan2 (= C99 Annex F).
// fdlibm's version is up to 1.3 ulp off (measured 1.24 at atan2(231.54, 923.84)): the rounding of
// y/x and of atan's result add to atan's own error. Here the quotient's rounding error is
// recovered exactly (Dekker's product, Veltkamp's split: no FMA needed) and passed to atan as a
// first-order correction dq/(1 + q²), and π − atan is summed from atan's hi and lo parts.
const PI_OVER_4 = 7.8539816339744827900e-1; // 0x3FE921FB 54442D18
const PI_OVER_2 = 1.5707963267948965580; // 0x3FF921FB 54442D18
const PI = 3.1415926535897931160; // 0x400921FB 54442D18
const PI_LO = 1.2246467991473531772e-16; // 0x3CA1A626 33145C07: π − PI
const TWO_600 = twoTo(600);
const TWO_M600 = twoTo(-600);
const TWO_60 = twoTo(60);
const TWO_M60 = twoTo(-60);
const TWO_512 = twoTo(512);
const TWO_M511 = twoTo(-511);

/** The angle of the point (x, y) from the positive x axis, in [−π, π], within 1 ulp (y first, as ECMAScript's atan2). */
export function atan2(y: number, x: number): number {
  const a = Math.abs(y);
  const b = Math.abs(x);
  // The common case, kept small so that V8 inlines it into callers: both finite and nonzero,
  // 2⁻⁶⁰ < |y/x| < 2⁶⁰, 2⁻⁵¹¹ ≤ |x| < 2⁵¹² (NaN fails every comparison).
  if (a > b * TWO_M60 && a < b * TWO_60 && b >= TWO_M511 && b < TWO_512) return atan2Quotient(y, x, a, b);
  return atan2Rare(y, x, a, b);
}

/** atan2 from |y|/|x|, with the quotient's rounding error recovered; |x| in [2⁻⁵¹¹, 2⁵¹²), 2⁻⁶⁰ ≤ |y/x| ≤ 2⁶⁰. */
function atan2Quotient(y: number, x: number, a: number, b: number): number {
  const q = a / b;
  const p = q * b;
  const e = productError(q, b, p); // q·b = p + e exactly
  // a/b = q + dq with dq = ((a − p) − e)/b (a − p is exact); atan(q + dq) ≈ atan q + dq/(1 + q²).
  const hi = atanPositive(q, ((a - p) - e) / (b * (1 + q * q)));
  if (x > 0) return y < 0 ? -hi : hi;
  // π − (hi + lo), with π = PI + PI_LO: Fast2Sum of PI − hi, then the small terms.
  const d = PI - hi;
  const r = d + ((((PI - d) - hi) + PI_LO) - atanLow[0]!);
  return y < 0 ? -r : r;
}

/** atan2's special values (ECMAScript's table), extreme ratios, and |x| outside [2⁻⁵¹¹, 2⁵¹²). */
function atan2Rare(y: number, x: number, a: number, b: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === 1) return atan(y);
  const yNegative = y < 0 || (y === 0 && 1 / y < 0);
  const xNegative = x < 0 || (x === 0 && 1 / x < 0);
  if (y === 0) return xNegative ? (yNegative ? -PI : PI) : y; // atan2(±0, +…) = ±0, atan2(±0, −…) = ±π
  if (x === 0) return yNegative ? -PI_OVER_2 : PI_OVER_2;
  if (b === Infinity) {
    if (a === Infinity) {
      const angle = xNegative ? 3 * PI_OVER_4 : PI_OVER_4;
      return yNegative ? -angle : angle;
    }
    if (xNegative) return yNegative ? -PI : PI;
    return yNegative ? -0 : 0;
  }
  if (a === Infinity) return yNegative ? -PI_OVER_2 : PI_OVER_2;
  // fdlibm compares exponents (k = (iy − ix) >> 20 against ±60); comparing |y| with |x|·2^±60
  // draws nearly the same lines without reading the words, and each branch is valid across them.
  if (a >= b * TWO_60) return yNegative ? -PI_OVER_2 - 0.5 * PI_LO : PI_OVER_2 + 0.5 * PI_LO; // π/2 to double precision
  if (a <= b * TWO_M60) { // |y/x| ≤ 2⁻⁶⁰: atan(|y/x|) = |y/x| within half an ulp, or π − that = π
    if (xNegative) return yNegative ? -PI : PI;
    const z = atan(a / b);
    return yNegative ? -z : z;
  }
  // |x| < 2⁻⁵¹¹ or ≥ 2⁵¹²: scale both by 2^∓600 (exact), so the products in atan2Quotient stay normal.
  return b < TWO_M511 ? atan2Quotient(y, x, a * TWO_600, b * TWO_600) : atan2Quotient(y, x, a * TWO_M600, b * TWO_M600);
}
