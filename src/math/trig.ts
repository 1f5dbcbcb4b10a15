// sin, cos and tan of any double: fdlibm 5.3's s_sin.c, s_cos.c, s_tan.c (Sun Microsystems, 1993):
// arguments beyond ±π/4 are reduced modulo π/2 (reduce-half-pi.ts) and the quadrant chooses the
// kernel (trig-kernels.ts) and its sign. Each is < 1 ulp by fdlibm's error analysis.
import { fromWords } from './float-bits.js';
import { kernelCos, kernelSinExact, kernelTan } from './trig-kernels.js';
import { COS_OF_X, evaluated, reduceHalfPi, SIN_OF_X, TAN_OF_X } from './reduce-half-pi.js';

// fdlibm's high-word thresholds as doubles (ix ≤ H ⇔ |x| < fromWords(H + 1, 0)): the same
// branches, but comparing doubles is faster in V8 than reading the word through a typed array.
const BOUND_PI_OVER_4 = fromWords(0x3fe921fc, 0); // |x| < this: no reduction (|x| ≲ π/4)
const BOUND_2_M26 = fromWords(0x3e500000, 0);
const BOUND_COS_TINY = fromWords(0x3e46a09e, 0); // 2⁻²⁷·√2
const BOUND_2_M27 = fromWords(0x3e400000, 0);

// Each function inlines into its callers only its small-argument path; beyond ±π/4 it calls
// reduceHalfPi, which reduces and evaluates in one function too large for V8 to inline, and
// whose result comes back through a typed array: a double returned from a call that is not
// inlined is boxed on the heap (measured on Acrobot's dynamics: 20 % of the time went to the
// garbage collector), and a callee that inlines everything is itself too large to inline.

/** sin x (x in radians), within 1 ulp. sin(±0) = ±0, sin(±∞) = NaN. */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M26 ? x : kernelSinExact(x); // tiny |x|: sin x = x (keeps −0)
  reduceHalfPi(x, SIN_OF_X);
  return evaluated[0]!;
}

/** cos x (x in radians), within 1 ulp. cos(±0) = 1, cos(±∞) = NaN. */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_COS_TINY ? 1 : kernelCos(x, 0); // |x| < 2⁻²⁷·√2: cos x rounds to 1
  reduceHalfPi(x, COS_OF_X);
  return evaluated[0]!;
}

/** tan x (x in radians), within 1 ulp. tan(±0) = ±0, tan(±∞) = NaN. */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M27 ? x : kernelTan(x, 0, 1); // |x| < 2⁻²⁷: tan x = x (keeps −0)
  reduceHalfPi(x, TAN_OF_X);
  return evaluated[0]!;
}
