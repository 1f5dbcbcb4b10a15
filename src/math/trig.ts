// sin, cos and tan of any double: fdlibm 5.3's s_sin.c, s_cos.c, s_tan.c (Sun Microsystems, 1993):
// arguments beyond ±π/4 are reduced modulo π/2 (reduce-half-pi.ts) and the quadrant chooses the
// kernel (trig-kernels.ts) and its sign. Each is < 1 ulp by fdlibm's error analysis.
import { fromWords } from './float-bits.js';
import { kernelCos, kernelSin, kernelTan } from './trig-kernels.js';
import { COS_OF_X, evaluated, fastMultiple, fastRemainderHolds, reduceHalfPi, remainderHead, remainderTail, SIN_OF_X, TAN_OF_X } from './reduce-half-pi.js';

// fdlibm's high-word thresholds as doubles (ix ≤ H ⇔ |x| < fromWords(H + 1, 0)): the same
// branches, but comparing doubles is faster in V8 than reading the word through a typed array.
const BOUND_PI_OVER_4 = fromWords(0x3fe921fc, 0); // |x| < this: no reduction (|x| ≲ π/4)
const BOUND_2_M26 = fromWords(0x3e500000, 0);
const BOUND_COS_TINY = fromWords(0x3e46a09e, 0); // 2⁻²⁷·√2
const BOUND_2_M27 = fromWords(0x3e400000, 0);

// Each function inlines into its callers its small-argument path and the common reduction
// (fastMultiple and the functions after it, one round of Cody and Waite's); the rare rest goes to reduceHalfPi, which
// reduces and evaluates in one function too large for V8 to inline, and whose result comes back
// through a typed array: a double returned from a call that is not inlined is boxed on the heap
// (measured on Acrobot's dynamics: 20 % of the time went to the garbage collector).

/** sin x (x in radians), within 1 ulp. sin(±0) = ±0, sin(±∞) = NaN. */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M26 ? x : kernelSin(x, 0, 0); // tiny |x|: sin x = x (keeps −0)
  const n = fastMultiple(x, a);
  const head = remainderHead(x, n);
  if (!fastRemainderHolds(n, a, head)) {
    reduceHalfPi(x, SIN_OF_X);
    return evaluated[0]!;
  }
  return sinOfRemainder(head, remainderTail(x, n, head), n);
}

/** cos x (x in radians), within 1 ulp. cos(±0) = 1, cos(±∞) = NaN. */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_COS_TINY ? 1 : kernelCos(x, 0); // |x| < 2⁻²⁷·√2: cos x rounds to 1
  const n = fastMultiple(x, a);
  const head = remainderHead(x, n);
  if (!fastRemainderHolds(n, a, head)) {
    reduceHalfPi(x, COS_OF_X);
    return evaluated[0]!;
  }
  return sinOfRemainder(head, remainderTail(x, n, head), n + 1); // cos x = sin(x + π/2): the sine's quadrant, one further
}

/** tan x (x in radians), within 1 ulp. tan(±0) = ±0, tan(±∞) = NaN. */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M27 ? x : kernelTan(x, 0, 1); // |x| < 2⁻²⁷: tan x = x (keeps −0)
  const n = fastMultiple(x, a);
  const head = remainderHead(x, n);
  if (!fastRemainderHolds(n, a, head)) {
    reduceHalfPi(x, TAN_OF_X);
    return evaluated[0]!;
  }
  return kernelTan(head, remainderTail(x, n, head), 1 - ((n & 1) << 1));
}

/**
 * sin x into out[offset] and cos x into out[offset + 1], the same bits as {@link sin} and
 * {@link cos}, for one reduction of x instead of two. Writing into an array rather than returning
 * keeps both doubles unboxed when V8 does not inline the call, which it cannot do for every call
 * of a function that needs several (Acrobot's dynamics).
 */
export function sinCos(x: number, out: Float64Array, offset = 0): void {
  const a = Math.abs(x);
  let y0 = x;
  let y1 = 0;
  let quadrant = 0;
  let tail = 0;
  if (!(a < BOUND_PI_OVER_4)) {
    const n = fastMultiple(x, a);
    y0 = remainderHead(x, n);
    if (!fastRemainderHolds(n, a, y0)) {
      reduceHalfPi(x, SIN_OF_X);
      out[offset] = evaluated[0]!;
      reduceHalfPi(x, COS_OF_X);
      out[offset + 1] = evaluated[0]!;
      return;
    }
    y1 = remainderTail(x, n, y0);
    quadrant = n & 3;
    tail = 1;
  }
  // One call of each kernel, so that V8 can inline both. Below π/4 cos needs no tiny-argument
  // branch (for |x| < 2⁻²⁷·√2 the kernel rounds to 1, as cos does), and sin's keeps only what the
  // polynomial loses: the sign of −0 (for other |x| < 2⁻²⁶ its terms are below half an ulp).
  const s = a < BOUND_2_M26 ? x : kernelSin(y0, y1, tail);
  const c = kernelCos(y0, y1);
  // x = n·π/2 + r: sin x is ±sin r or ±cos r by n's quadrant, and cos x the sine's next one.
  out[offset] = (quadrant & 1) === 0 ? ((quadrant & 2) === 0 ? s : -s) : ((quadrant & 2) === 0 ? c : -c);
  out[offset + 1] = (quadrant & 1) === 0 ? ((quadrant & 2) === 0 ? c : -c) : ((quadrant & 2) === 0 ? -s : s);
}

/** sin(quadrant·π/2 + r) for the remainder r = head + tail: ±sin r or ±cos r as quadrant & 3 asks. */
function sinOfRemainder(head: number, tail: number, quadrant: number): number {
  const value = (quadrant & 1) === 0 ? kernelSin(head, tail, 1) : kernelCos(head, tail);
  return (quadrant & 2) === 0 ? value : -value;
}
