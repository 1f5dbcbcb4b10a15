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

/** sin x (x in radians), within 1 ulp. sin(±0) = ±0, sin(±∞) = NaN. */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) { // |x| ≲ π/4
    if (a < BOUND_2_M26) return x; // |x| < 2⁻²⁶: sin x = x to double precision (keeps −0)
    return kernelSinExact(x);
  }
  if (!(a < Infinity)) return NaN;
  const n = reduceHalfPi(x);
  const y0 = reduced[0]!;
  const y1 = reduced[1]!;
  switch (n & 3) {
    case 0: return kernelSin(y0, y1);
    case 1: return kernelCos(y0, y1);
    case 2: return -kernelSin(y0, y1);
    default: return -kernelCos(y0, y1);
  }
}

/** cos x (x in radians), within 1 ulp. cos(±0) = 1, cos(±∞) = NaN. */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) {
    if (a < BOUND_COS_TINY) return 1; // |x| < 2⁻²⁷·√2: cos x rounds to 1
    return kernelCos(x, 0);
  }
  if (!(a < Infinity)) return NaN;
  const n = reduceHalfPi(x);
  const y0 = reduced[0]!;
  const y1 = reduced[1]!;
  switch (n & 3) {
    case 0: return kernelCos(y0, y1);
    case 1: return -kernelSin(y0, y1);
    case 2: return -kernelCos(y0, y1);
    default: return kernelSin(y0, y1);
  }
}

/** tan x (x in radians), within 1 ulp. tan(±0) = ±0, tan(±∞) = NaN. */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < BOUND_PI_OVER_4) {
    if (a < BOUND_2_M27) return x; // |x| < 2⁻²⁷: tan x = x to double precision (keeps −0)
    return kernelTan(x, 0, 1);
  }
  if (!(a < Infinity)) return NaN;
  const n = reduceHalfPi(x);
  return kernelTan(reduced[0]!, reduced[1]!, 1 - ((n & 1) << 1));
}
