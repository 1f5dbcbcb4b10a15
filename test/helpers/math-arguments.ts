// Seeded arguments for the accuracy checks of src/math (test/math/accuracy.test.ts and
// scripts/math-accuracy.ts): per function a mixture of its typical range and its hard cases —
// huge and near-multiple-of-π/2 trigonometric arguments, subnormals, values near 0 and ±1,
// over/underflow thresholds, negative bases with integer exponents — and special values.
import { Random } from '../../src/random/prng.js';
import { machinPi } from './machin-pi.js';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A double whose binary exponent is uniform in [eMin, eMax] (≥ −1074: subnormals included), random fraction and sign. */
function spread(random: Random, eMin: number, eMax: number, sign: 1 | -1 | 0 = 0): number {
  const e = eMin + random.integer(eMax - eMin + 1);
  const s = sign === 0 ? (random.uniform() < 0.5 ? -1 : 1) : sign;
  if (e < -1022) { // subnormal: 2^e ≤ x < 2^(e+1), a fraction of e + 1075 bits
    const k = e + 1074; // bit position of the leading one in the fraction field
    words[1] = k >= 32 ? ((1 << (k - 32)) | (random.nextUint32() & ((1 << (k - 32)) - 1))) >>> 0 : 0;
    words[0] = k >= 32 ? random.nextUint32() : ((1 << k) | (random.nextUint32() & ((1 << k) - 1))) >>> 0;
  } else {
    words[1] = (((e + 1023) << 20) | (random.nextUint32() & 0xfffff)) >>> 0;
    words[0] = random.nextUint32();
  }
  return s * bits[0]!;
}

/** x moved by `steps` ulps (toward +∞ for positive steps). */
function nudge(x: number, steps: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  bits[0] = x;
  let n = (BigInt(words[1]!) << 32n) | BigInt(words[0]!);
  n += BigInt(x > 0 ? steps : -steps);
  words[1] = Number((n >> 32n) & 0xffffffffn);
  words[0] = Number(n & 0xffffffffn);
  return bits[0]!;
}

const PI_BITS = 1200;
const HALF_PI = machinPi(PI_BITS) >> 1n; // π/2·2^1200

/** The double nearest k·π/2 for a random k of up to `maxBits` bits, moved by a few ulps. */
function nearHalfPiMultiple(random: Random, maxBits: number): number {
  const kBits = 1 + random.integer(maxBits);
  let k = 1n;
  for (let i = 1; i < kBits; i++) k = (k << 1n) | BigInt(random.nextUint32() & 1);
  const product = k * HALF_PI; // k·π/2·2^1200
  // Number() of the integer part is within an ulp once k·π/2 ≥ 2⁵³; below, keep 60 more bits.
  const x = kBits > 900 ? Number(product >> BigInt(PI_BITS)) : Number(product >> BigInt(PI_BITS - 60)) / 1152921504606846976;
  const y = nudge(x, random.integer(7) - 3);
  return Number.isFinite(y) ? (random.uniform() < 0.5 ? -y : y) : 1.7e308;
}

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308];

function pick<T>(random: Random, values: readonly T[]): T {
  return values[random.integer(values.length)]!;
}

type Case = [weight: number, draw: (random: Random) => number[]];

function mixture(cases: Case[]): (random: Random) => number[] {
  const total = cases.reduce((s, [w]) => s + w, 0);
  return (random) => {
    let u = random.uniform() * total;
    for (const [w, draw] of cases) {
      if (u < w) return draw(random);
      u -= w;
    }
    return cases[cases.length - 1]![1](random);
  };
}

const one = (f: (random: Random) => number) => (random: Random) => [f(random)];
const special1: Case = [4, one((r) => pick(r, SPECIALS))];
const trig = mixture([
  [30, one((r) => r.uniformIn(-10, 10))],
  [15, one((r) => r.uniformIn(-1e5, 1e5))],
  [5, one((r) => r.uniformIn(-6.3, 6.3) + r.uniformIn(-1, 1) * 2 * Math.PI * r.integer(100))],
  [15, one((r) => spread(r, -40, 1023))],
  [10, one((r) => nearHalfPiMultiple(r, 60))],
  [10, one((r) => nearHalfPiMultiple(r, 1020))],
  [3, one((r) => nudge(6381956970095103 * 2 ** 797, r.integer(5) - 2) * (r.uniform() < 0.5 ? -1 : 1))],
  [5, one((r) => spread(r, -1074, -20))],
  special1,
]);

/** Argument generators by function name; each call draws one argument tuple. */
export const ARGUMENTS: Record<string, (random: Random) => number[]> = {
  exp: mixture([
    [40, one((r) => r.uniformIn(-745.2, 709.8))],
    [20, one((r) => r.uniformIn(-1, 1))],
    [10, one((r) => r.uniformIn(708, 709.79))],
    [10, one((r) => r.uniformIn(-745.2, -707))],
    [10, one((r) => spread(r, -60, -1))],
    [5, one((r) => spread(r, -1074, -60))],
    special1,
  ]),
  expm1: mixture([
    [30, one((r) => r.uniformIn(-1, 1))],
    [20, one((r) => spread(r, -60, 0))],
    [20, one((r) => r.uniformIn(-40, 40))],
    [10, one((r) => r.uniformIn(-750, 709.78))],
    [10, one((r) => r.uniformIn(709, 709.79))],
    [5, one((r) => spread(r, -1074, -60))],
    special1,
  ]),
  log: mixture([
    [30, one((r) => spread(r, -1022, 1023, 1))],
    [10, one((r) => spread(r, -1074, -1023, 1))],
    [30, one((r) => 1 + spread(r, -60, -1))],
    [20, one((r) => r.uniformIn(0, 10))],
    [4, one((r) => spread(r, -1074, 1023, -1))],
    special1,
  ]),
  log1p: mixture([
    [30, one((r) => { const x = spread(r, -60, -1); return x; })],
    [10, one((r) => -1 + spread(r, -53, -1, 1))],
    [20, one((r) => r.uniformIn(-1, 10))],
    [20, one((r) => spread(r, 0, 1023, 1))],
    [10, one((r) => spread(r, -1074, -60))],
    [4, one((r) => -1 - spread(r, -52, 1023, 1))],
    special1,
  ]),
  sin: trig,
  cos: trig,
  tan: trig,
  tanh: mixture([
    [30, one((r) => r.uniformIn(-1, 1))],
    [20, one((r) => spread(r, -60, 4))],
    [10, one((r) => (r.uniform() < 0.5 ? 0.625 : 22) + r.uniformIn(-1e-3, 1e-3))],
    [10, one((r) => r.uniformIn(-25, 25))],
    [10, one((r) => spread(r, -1074, -60))],
    [5, one((r) => r.uniformIn(18, 23) * (r.uniform() < 0.5 ? -1 : 1))],
    special1,
  ]),
  atan: mixture([
    [30, one((r) => r.uniformIn(-3, 3))],
    [30, one((r) => spread(r, -80, 80))],
    [15, one((r) => pick(r, [7 / 16, 11 / 16, 19 / 16, 39 / 16]) * (1 + r.uniformIn(-1e-3, 1e-3)) * (r.uniform() < 0.5 ? -1 : 1))],
    [10, one((r) => spread(r, 60, 1023))],
    [10, one((r) => spread(r, -1074, -60))],
    special1,
  ]),
  atan2: mixture([
    [40, (r) => [r.uniformIn(-1e3, 1e3), r.uniformIn(-1e3, 1e3)]],
    [30, (r) => [spread(r, -60, 60), spread(r, -60, 60)]],
    [15, (r) => [spread(r, -1074, 1023), spread(r, -1074, 1023)]],
    [10, (r) => { const x = spread(r, -500, 500); return [x * spread(r, 55, 65), x]; }],
    [5, (r) => { const y = spread(r, -500, 500); return [y, y * spread(r, 55, 65)]; }],
    [5, (r) => [pick(r, SPECIALS), r.uniform() < 0.5 ? pick(r, SPECIALS) : r.uniformIn(-10, 10)]],
    [5, (r) => [r.uniformIn(-10, 10), pick(r, SPECIALS)]],
  ]),
  pow: mixture([
    [20, (r) => [r.uniformIn(0, 10), r.uniformIn(-30, 30)]],
    [15, (r) => { const x = spread(r, -1074, 1023, 1); return [x, r.uniformIn(-1080, 1025) / log2(x)]; }],
    [10, (r) => { const x = spread(r, -1022, 1023, 1); return [x, (r.uniform() < 0.5 ? r.uniformIn(1023, 1024.1) : r.uniformIn(-1076, -1021)) / log2(x)]; }],
    [15, (r) => [1 + spread(r, -53, -10), spread(r, 0, 63)]],
    [15, (r) => [-(r.uniform() < 0.5 ? r.uniformIn(0, 10) : spread(r, -1074, 1023, 1)), r.integer(2201) - 1100]],
    [10, (r) => [2 + r.integer(99), r.integer(121) - 60]],
    [5, (r) => [spread(r, -1074, -1023, 1), r.uniformIn(-1, 1)]],
    [5, (r) => [1 + spread(r, -53, -20), spread(r, 31, 70)]],
    [5, (r) => [pick(r, SPECIALS), r.uniform() < 0.5 ? pick(r, SPECIALS) : r.uniformIn(-10, 10)]],
    [5, (r) => [r.uniformIn(-10, 10), pick(r, SPECIALS)]],
  ]),
};

/** log2 x for choosing pow's exponents (any accuracy does): from the exponent and a short series. */
function log2(x: number): number {
  bits[0] = x;
  const e = ((words[1]! >>> 20) & 0x7ff) - 1023;
  if (e === -1023) return -1074; // subnormal: close enough for choosing arguments
  words[1] = (words[1]! & 0x800fffff) | 0x3ff00000; // mantissa in [1, 2)
  const m = bits[0]!;
  const s = (m - 1) / (m + 1); // ln m = 2·atanh s
  const s2 = s * s;
  return e + (2 * s * (1 + s2 / 3 + (s2 * s2) / 5 + (s2 * s2 * s2) / 7)) * 1.4426950408889634;
}

/** `count` argument tuples for `name`, seeded. */
export function drawArguments(name: string, count: number, seed: number): number[][] {
  const draw = ARGUMENTS[name];
  if (!draw) throw new Error(`no arguments for ${name}`);
  const random = Random.derive(seed, Object.keys(ARGUMENTS).indexOf(name));
  return Array.from({ length: count }, () => draw(random));
}
