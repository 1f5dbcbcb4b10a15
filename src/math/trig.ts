// sin, cos and tan of any double: fdlibm 5.3's s_sin.c, s_cos.c, s_tan.c (Sun Microsystems, 1993):
// arguments beyond ±π/4 are reduced modulo π/2 (reduce-half-pi.ts) and the quadrant chooses the
// kernel (trig-kernels.ts) and its sign. Each is < 1 ulp by fdlibm's error analysis.
import { fromWords } from './float-bits.js';
import { kernelCos, kernelSin, kernelSinExact, kernelTan } from './trig-kernels.js';
import { reduceHalfPi, reduced } from './reduce-half-pi.js';

// fdlibm's high-word thresholds as doubles (ix ≤ H ⇔ |x| < fromWords(H + 1, 0)): the same
// branches, but comparing doubles is faster in V8 than reading the word through a typed array.
const BOUND_PI_OVER_4 = fromWords(0x3fe921fc, 0); // |x| < this: no reduction (|x| ≲ π/4)
const BOUND_2_M26 = fromWords(0x3e500000, 0);
const BOUND_COS_TINY = fromWords(0x3e46a09e, 0); // 2⁻²⁷·√2
const BOUND_2_M27 = fromWords(0x3e400000, 0);

// Each function is split in two: the small-argument path, small enough for V8 to inline into
// its callers (an environment's step calls several), and the reduction and the quadrant's kernel
// out of line (one function for sin and cos, one for tan). Its result goes through a Float64Array: a double
// returned from a call that is not inlined is boxed on the heap, and the boxes cost more than the
// call (measured on Acrobot's dynamics: 20 % of the time in the garbage collector).
const result = new Float64Array(1);
const SIN = 0;
const COS = 1;

/** sin x (x in radians), within 1 ulp. sin(±0) = ±0, sin(±∞) = NaN. */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M26 ? x : kernelSinExact(x); // tiny |x|: sin x = x (keeps −0)
  reducedTrig(x, SIN);
  return result[0]!;
}

/** cos x (x in radians), within 1 ulp. cos(±0) = 1, cos(±∞) = NaN. */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_COS_TINY ? 1 : kernelCos(x, 0); // |x| < 2⁻²⁷·√2: cos x rounds to 1
  reducedTrig(x, COS);
  return result[0]!;
}

/** tan x (x in radians), within 1 ulp. tan(±0) = ±0, tan(±∞) = NaN. */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) return a < BOUND_2_M27 ? x : kernelTan(x, 0, 1); // |x| < 2⁻²⁷: tan x = x (keeps −0)
  reducedTan(x);
  return result[0]!;
}

/** result[0] ← sin x (which = SIN) or cos x (which = COS), |x| ≳ π/4: x reduced modulo π/2, the quadrant's kernel and sign. */
function reducedTrig(x: number, which: number): void {
  if (!(Math.abs(x) < Infinity)) {
    result[0] = NaN;
    return;
  }
  const n = reduceHalfPi(x);
  const y0 = reduced[0]!;
  const y1 = reduced[1]!;
  // cos x = sin(x + π/2): the cosine's quadrant is the sine's, one further. One call site per
  // kernel, so that both inline here.
  const quadrant = (n + which) & 3;
  const value = (quadrant & 1) === 0 ? kernelSin(y0, y1) : kernelCos(y0, y1);
  result[0] = (quadrant & 2) === 0 ? value : -value;
}

/** result[0] ← tan x, |x| ≳ π/4. */
function reducedTan(x: number): void {
  if (!(Math.abs(x) < Infinity)) {
    result[0] = NaN;
    return;
  }
  const n = reduceHalfPi(x);
  result[0] = kernelTan(reduced[0]!, reduced[1]!, 1 - ((n & 1) << 1));
}
