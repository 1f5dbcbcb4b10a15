// x mod π/2 for the trigonometric functions: x = n·π/2 + r, |r| ≲ π/4, r as a double-double.
// After fdlibm 5.3's e_rem_pio2.c (Sun Microsystems, 1993) as optimised by Bruce D. Evans for
// FreeBSD's msun (musl's __rem_pio2.c is the same): Cody and Waite's reduction with π/2 split in
// 33-bit pieces, so n·pio2_1 is exact; a second and third piece are used only when cancellation
// has eaten the first's 85 bits. That covers |x| < 2²⁰·π/2 (every argument the environments
// produce); beyond it, reduce-half-pi-large.ts.
import { fromWords, highWord } from './float-bits.js';
import { reduceHalfPiLarge } from './reduce-half-pi-large.js';
import { kernelCos, kernelSin, kernelTan } from './trig-kernels.js';

const INV_PIO2 = 6.36619772367581382433e-1; // 0x3FE45F30 6DC9C883: 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417; // 0x3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331: π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 0x3DD0B461 1A600000: second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073: π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 0x3BA3198A 2E000000: third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A 252049C1: π/2 − (PIO2_1 + PIO2_2 + PIO2_3)
/** 1.5·2⁵²: adding and subtracting it rounds to an integer (round-to-nearest, JS's only mode). */
const TO_INT = 6755399441055744;

// fdlibm's high-word thresholds (ix ≤ H ⇔ |x| < fromWords(H + 1, 0)) and bands (ix = H ⇔
// fromWords(H, 0) ≤ |x| < fromWords(H + 1, 0)).
const BOUND_3_PI_OVER_4 = fromWords(0x4002d97d, 0);
const BOUND_5_PI_OVER_4 = fromWords(0x400f6a7b, 0);
const BOUND_7_PI_OVER_4 = fromWords(0x4015fdbd, 0);
const BOUND_9_PI_OVER_4 = fromWords(0x401c463c, 0);
const BOUND_MEDIUM = fromWords(0x413921fb, 0); // 2²⁰·π/2
const NEAR_PI_OVER_2 = fromWords(0x3ff921fb, 0);
const NEAR_PI_OVER_2_END = fromWords(0x3ff921fc, 0);
const NEAR_PI = fromWords(0x400921fb, 0);
const NEAR_PI_END = fromWords(0x400921fc, 0);
const NEAR_3_PI_OVER_2 = fromWords(0x4012d97c, 0);
const NEAR_3_PI_OVER_2_END = fromWords(0x4012d97d, 0);
const NEAR_2_PI = fromWords(0x401921fb, 0);
const NEAR_2_PI_END = fromWords(0x401921fc, 0);

/** The remainder of the last reduceHalfPi call, as the double-double reduced[0] + reduced[1]. */
export const reduced = new Float64Array(2);
/** The value that the last reduceHalfPi call evaluated, if it was asked to. */
export const evaluated = new Float64Array(1);

/** What reduceHalfPi evaluates at the remainder besides reducing: nothing, sin, cos or tan of x. */
export const REMAINDER_ONLY = -1;
export const SIN_OF_X = 0;
export const COS_OF_X = 1;
export const TAN_OF_X = 2;

/**
 * Reduces x (finite, |x| > π/4) modulo π/2 into `reduced`; returns n, of which n & 3 is the
 * quadrant. NaN and ±∞ give NaN remainders. With `evaluate` SIN_OF_X, COS_OF_X or TAN_OF_X it also
 * writes that function of x into `evaluated`: the quadrant's kernel at the remainder, with its sign.
 *
 * Reduction and evaluation are one function on purpose: its body is larger than V8 inlines (460
 * bytes of bytecode), so sin, cos and tan inline only their small-argument path into a caller and
 * call this, whose result comes back through a typed array rather than as a boxed double.
 */
export function reduceHalfPi(x: number, evaluate: number = REMAINDER_ONLY): number {
  const a = Math.abs(x);
  let n: number;
  let small = false;
  // |x| < 9π/4 and not near a multiple of π/2: one subtraction of k·(PIO2_1 + PIO2_1T), k ≤ 4.
  // fdlibm's high-word tests, as comparisons of doubles (faster in V8 than reading the word).
  if (a < BOUND_9_PI_OVER_4) {
    let k: number;
    let near: boolean; // within fdlibm's high-word band around k·π/2, where this loses bits
    if (a < BOUND_3_PI_OVER_4) { k = 1; near = a >= NEAR_PI_OVER_2 && a < NEAR_PI_OVER_2_END; }
    else if (a < BOUND_5_PI_OVER_4) { k = 2; near = a >= NEAR_PI && a < NEAR_PI_END; }
    else if (a < BOUND_7_PI_OVER_4) { k = 3; near = a >= NEAR_3_PI_OVER_2 && a < NEAR_3_PI_OVER_2_END; }
    else { k = 4; near = a >= NEAR_2_PI && a < NEAR_2_PI_END; }
    if (!near) {
      small = true;
      if (x > 0) {
        const z = x - k * PIO2_1;
        const y0 = z - k * PIO2_1T;
        reduced[0] = y0;
        reduced[1] = (z - y0) - k * PIO2_1T;
        n = k;
      } else {
        const z = x + k * PIO2_1;
        const y0 = z + k * PIO2_1T;
        reduced[0] = y0;
        reduced[1] = (z - y0) + k * PIO2_1T;
        n = -k;
      }
    }
  }
  if (small) {
    // n was set above.
  } else if (a < BOUND_MEDIUM) {
    n = reduceMedium(x, highWord(x) & 0x7fffffff);
  } else if (!(a < Infinity)) {
    reduced[0] = reduced[1] = x - x;
    n = 0;
  } else {
    n = reduceHalfPiLarge(x, reduced);
  }
  if (evaluate !== REMAINDER_ONLY) {
    const y0 = reduced[0]!;
    const y1 = reduced[1]!;
    if (evaluate === TAN_OF_X) {
      evaluated[0] = kernelTan(y0, y1, 1 - ((n! & 1) << 1));
    } else {
      // cos x = sin(x + π/2): the cosine's quadrant is the sine's, one further.
      const quadrant = (n! + evaluate) & 3;
      const value = (quadrant & 1) === 0 ? kernelSin(y0, y1, 1) : kernelCos(y0, y1);
      evaluated[0] = (quadrant & 2) === 0 ? value : -value;
    }
  }
  return n!;
}

/** Above this |remainder| the fast reduction defers to reduceHalfPi: see {@link fastRemainderHolds}. */
const FAST_REMAINDER_BOUND = 0.78538; // π/4 − 1.8·10⁻⁵
/** Below |x|·this the first round may have lost bits to cancellation: 2⁻¹⁶, as fdlibm's exponent test. */
const FAST_CANCELLATION_BOUND = 1.52587890625e-5;

// The common case of reduceHalfPi, |x| < 9π/4 (every argument of the classic-control dynamics),
// in functions small enough for V8 to inline into sin, cos and tan: fastMultiple proposes n, the
// caller computes the remainder's head from it, fastRemainderHolds says whether one round of the
// reduction gave reduceHalfPi's remainder, and remainderTail completes it. The caller keeps n and
// the head in registers and tests them while the kernel already runs on them: nothing on the
// dependency chain of a dynamics step waits for the test (MountainCar's steps wait on cos). The
// bytecode is kept small on purpose: V8 inlines at most 920 bytes of it into one function.

/**
 * For π/4 < |x| < 9π/4 (`a` = |x|): ±k, the multiple of π/2 that fdlibm's high-word thresholds
 * choose, as reduceHalfPi does there; 0 beyond 9π/4. Choosing by thresholds rather than by rounding
 * x·2/π keeps three operations off the critical path.
 */
export function fastMultiple(x: number, a: number): number {
  const k = a < BOUND_3_PI_OVER_4 ? 1 : a < BOUND_5_PI_OVER_4 ? 2 : a < BOUND_7_PI_OVER_4 ? 3 : a < BOUND_9_PI_OVER_4 ? 4 : 0;
  return x < 0 ? -k : k;
}

/** The head of x − n·π/2 after one round of Cody and Waite's reduction. */
export function remainderHead(x: number, n: number): number {
  return (x - n * PIO2_1) - n * PIO2_1T;
}

/** The tail of that remainder: head + tail = x − n·π/2 to 85 bits. */
export function remainderTail(x: number, n: number, head: number): number {
  return ((x - n * PIO2_1) - head) - n * PIO2_1T;
}

/**
 * Whether the remainder from n = {@link fastMultiple}(x, a) and its `head` is exactly
 * reduceHalfPi's: where reduceHalfPi computes the same four operations with the same n. Its first
 * round is kept when the remainder's exponent is at most 16 below x's, which |head| ≥ |x|·2⁻¹⁶
 * implies; and its n is the thresholds' n, which is the nearest multiple of π/2 except within
 * 4.8·10⁻⁶ above an odd multiple of π/4, where |head| > FAST_REMAINDER_BOUND sends the argument
 * back. test/math/reduce-half-pi.test.ts checks the equality, thresholds included.
 */
export function fastRemainderHolds(n: number, a: number, head: number): boolean {
  const m = Math.abs(head);
  return n !== 0 && m >= a * FAST_CANCELLATION_BOUND && m <= FAST_REMAINDER_BOUND;
}

/** |x| < 2²⁰·π/2 (or near a small multiple of π/2): n = round(x·2/π), then up to three pieces. */
function reduceMedium(x: number, ix: number): number {
  const fn = x * INV_PIO2 + TO_INT - TO_INT;
  const n = fn | 0;
  let r = x - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round: good to 85 bits
  const j = ix >> 20;
  let y0 = r - w;
  if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) { // cancellation: second round, 118 bits
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - ((t - r) - w);
    y0 = r - w;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) { // third round, 151 bits: covers all cases
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - ((t - r) - w);
      y0 = r - w;
    }
  }
  reduced[0] = y0;
  reduced[1] = (r - y0) - w;
  return n;
}
