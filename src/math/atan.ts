// atan x and atan2(y, x), after fdlibm 5.3's s_atan.c and e_atan2.c (Sun Microsystems, 1993),
// with their published coefficients.
//
// atan: |x| is reduced to one of five intervals by atan x = atan c + atan((x − c)/(1 + c·x)) with
// c ∈ {0, ½, 1, 3/2, ∞}; atan of the reduced t is t − t³·P(t²), P of degree 10 (odd and even
// halves evaluated separately). atan c is split in hi + lo so that it adds exactly.
import { highWord } from './float-bits.js';

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

/** Arctangent, in radians in [−π/2, π/2], within 1 ulp. atan(±0) = ±0, atan(±∞) = ±π/2. */
export function atan(x: number): number {
  const high = highWord(x);
  const ix = high & 0x7fffffff;
  if (ix >= 0x44100000) { // |x| ≥ 2⁶⁶: atan x = ±π/2 to double precision, or NaN
    if (x !== x) return x;
    return high > 0 ? ATAN_HI_INFINITY + ATAN_LO_INFINITY : -ATAN_HI_INFINITY - ATAN_LO_INFINITY;
  }
  if (ix < 0x3fdc0000) { // |x| < 7/16: no reduction
    if (ix < 0x3e400000) return x; // |x| < 2⁻²⁷: atan x = x to double precision (keeps −0)
    return x - atanTail(x);
  }
  const a = Math.abs(x);
  let z: number;
  if (ix < 0x3ff30000) { // |x| < 19/16
    if (ix < 0x3fe60000) { // 7/16 ≤ |x| < 11/16: c = ½
      const t = (2 * a - 1) / (2 + a);
      z = ATAN_HI_HALF - ((atanTail(t) - ATAN_LO_HALF) - t);
    } else { // 11/16 ≤ |x| < 19/16: c = 1
      const t = (a - 1) / (a + 1);
      z = ATAN_HI_ONE - ((atanTail(t) - ATAN_LO_ONE) - t);
    }
  } else if (ix < 0x40038000) { // 19/16 ≤ |x| < 39/16: c = 3/2
    const t = (a - 1.5) / (1 + 1.5 * a);
    z = ATAN_HI_THREE_HALVES - ((atanTail(t) - ATAN_LO_THREE_HALVES) - t);
  } else { // 39/16 ≤ |x| < 2⁶⁶: c = ∞
    const t = -1 / a;
    z = ATAN_HI_INFINITY - ((atanTail(t) - ATAN_LO_INFINITY) - t);
  }
  return high < 0 ? -z : z;
}

// atan2 (e_atan2.c): atan(|y/x|), then moved into the quadrant of (x, y) with π split in
// PI + PI_LO; the special cases are those of ECMAScript's Math.atan2 (= C99 Annex F).
const PI_OVER_4 = 7.8539816339744827900e-1; // 0x3FE921FB 54442D18
const PI_OVER_2 = 1.5707963267948965580; // 0x3FF921FB 54442D18
const PI = 3.1415926535897931160; // 0x400921FB 54442D18
const PI_LO = 1.2246467991473531772e-16; // 0x3CA1A626 33145C07: π − PI

/** The angle of the point (x, y) from the positive x axis, in [−π, π], within 1 ulp (y first, as Math.atan2). */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const hx = highWord(x);
  const hy = highWord(y);
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if (x === 1) return atan(y);
  const yNegative = hy < 0;
  const xNegative = hx < 0;
  if (y === 0) return xNegative ? (yNegative ? -PI : PI) : y; // atan2(±0, +…) = ±0, atan2(±0, −…) = ±π
  if (x === 0) return yNegative ? -PI_OVER_2 : PI_OVER_2;
  if (ix === 0x7ff00000) { // x = ±∞
    if (iy === 0x7ff00000) {
      const angle = xNegative ? 3 * PI_OVER_4 : PI_OVER_4;
      return yNegative ? -angle : angle;
    }
    if (xNegative) return yNegative ? -PI : PI;
    return yNegative ? -0 : 0;
  }
  if (iy === 0x7ff00000) return yNegative ? -PI_OVER_2 : PI_OVER_2;
  const k = (iy - ix) >> 20;
  let z: number;
  if (k > 60) { // |y/x| > 2⁶⁰: π/2 to double precision
    z = PI_OVER_2 + 0.5 * PI_LO;
    return yNegative ? -z : z;
  }
  if (xNegative && k < -60) z = 0; // |y/x| < 2⁻⁶⁰ with x < 0: the result is ±π
  else z = atan(Math.abs(y / x));
  if (!xNegative) return yNegative ? -z : z;
  return yNegative ? (z - PI_LO) - PI : PI - (z - PI_LO);
}

