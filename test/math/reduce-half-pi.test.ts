// The argument reduction of src/math's sin/cos/tan. References: π from Machin's formula in exact
// BigInt arithmetic (test/helpers/machin-pi.ts) for the hard-coded bits of 2/π and π/2 — they must
// equal the truncations exactly; and, for the reduction itself, an exact BigInt remainder of x
// modulo π/2 with 1200 bits of π — the double-double result must match it to 2⁻¹⁰⁰ relative.
// The fast reduction and the functions built on it are checked against reduceHalfPi's own bits
// (Object.is, no tolerance): it must answer only where it gives the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HALF_PI_BITS, HALF_PI_HEX, TWO_OVER_PI_BITS, TWO_OVER_PI_HEX } from '../../src/math/reduce-half-pi-large.js';
import { COS_OF_X, evaluated, fastMultiple, fastRemainderHolds, reduceHalfPi, reduced, remainderHead, remainderTail, SIN_OF_X, TAN_OF_X } from '../../src/math/reduce-half-pi.js';
import { cos, sin, sinCos, tan } from '../../src/math/trig.js';
import { Random } from '../../src/random/prng.js';
import { machinPi } from '../helpers/machin-pi.js';

const PI_BITS = 1400;
const PI = machinPi(PI_BITS); // ⌊π·2^1400⌋

test('the bits of 2/π and π/2 are those of Machin\'s π', () => {
  // ⌊2^n·2/π⌋ = ⌊2^(n+1+1400) / (π·2^1400)⌋ up to the last bit, which the next line pins.
  const twoOverPi = (1n << BigInt(TWO_OVER_PI_BITS + 1 + PI_BITS)) / PI;
  assert.is(TWO_OVER_PI_HEX, twoOverPi.toString(16));
  assert.is(HALF_PI_HEX, (PI >> BigInt(PI_BITS - HALF_PI_BITS + 1)).toString(16));
});

/** x mod π/2 in [−π/4, π/4] and the quadrant, exactly from BigInt: r·2^1200 as a BigInt. */
function exactRemainder(x: number): { quadrant: number; remainder: number } {
  const f = new Float64Array([Math.abs(x)]);
  const w = new BigUint64Array(f.buffer)[0]!;
  const e = Number(w >> 52n) - 1075;
  const m = (w & ((1n << 52n) - 1n)) | (1n << 52n);
  const halfPi = PI >> 1n; // π/2 · 2^1400
  const scaled = e >= 0 ? (m << BigInt(e + PI_BITS)) : (m << BigInt(PI_BITS)) >> BigInt(-e); // |x|·2^1400 (exact: e ≥ −52 here)
  let q = scaled / halfPi;
  let r = scaled - q * halfPi;
  if (2n * r > halfPi) { r -= halfPi; q += 1n; }
  const sign = x < 0 ? -1 : 1;
  // r·2^-1400 to a double via 120 top bits
  const negative = r < 0n;
  const a = negative ? -r : r;
  const drop = Math.max(0, a.toString(2).length - 120);
  const value = Number(a >> BigInt(drop)) * 2 ** (drop - PI_BITS);
  return { quadrant: (sign * Number(q & 3n)) & 3, remainder: sign * (negative ? -value : value) };
}

test('reduction matches the exact remainder, small, medium and huge arguments', () => {
  const random = new Random(11);
  const xs: number[] = [1e22, 1.7976931348623157e308, 6381956970095103 * 2 ** 797, 2 ** 20 * 1.5707963267948966, 1647099.3291652855, 1647099.3291652858];
  for (let i = 0; i < 300; i++) xs.push(random.uniformIn(-10, 10), random.uniformIn(-2e6, 2e6), (random.uniform() - 0.5) * 2 ** (1 + random.integer(1023)));
  for (const x of xs) {
    if (Math.abs(x) <= Math.PI / 4) continue;
    const { quadrant, remainder } = exactRemainder(x);
    const n = reduceHalfPi(x);
    assert.is(n & 3, quadrant, `quadrant of ${x}`);
    const got = reduced[0]! + reduced[1]!; // rounded; compare the double-double's error below
    assert.ok(Math.abs(got - remainder) <= Math.abs(remainder) * 2 ** -52, `remainder of ${x}: ${got} vs ${remainder}`);
    assert.ok(Math.abs(reduced[1]!) <= Math.abs(reduced[0]!) * 2 ** -52, `tail of ${x} is below half an ulp of the head`);
  }
});

/** Arguments where a shortcut could go wrong: fdlibm's quadrant thresholds near (k + ½)·π/2 and the bands around k·π/2, at every distance. */
function hardArguments(random: Random): number[] {
  const xs: number[] = [];
  for (let k = 1; k <= 12; k++) {
    for (const centre of [k * Math.PI / 4, k * Math.PI / 2]) {
      for (let e = -52; e <= -1; e++) {
        const d = centre * 2 ** e;
        xs.push(centre + d, centre - d, -(centre + d), -(centre - d), centre + d * random.uniform(), -(centre - d * random.uniform()));
      }
    }
  }
  // Every double in the first 64 ulps above each threshold-band edge (up to 4.8·10⁻⁶ above (k + ½)·π/2).
  for (const edge of [2.3561954498291016, 3.926992416381836, 5.497791290283203, 7.0685882568359375, 2.356194490192345, 3.9269908169872414, 5.497787143782138, 7.0685834705770345]) {
    const f = new Float64Array([edge]);
    const bits = new BigInt64Array(f.buffer);
    for (let i = -64; i <= 64; i++) {
      const g = new BigInt64Array([bits[0]! + BigInt(i)]);
      const x = new Float64Array(g.buffer)[0]!;
      xs.push(x, -x);
    }
  }
  return [...xs, ...uniformArguments(random)];
}

/** Uniform arguments over the environments' angles and far beyond. */
function uniformArguments(random: Random): number[] {
  return Array.from({ length: 20000 }, (_, i) => (i % 2 === 0 ? random.uniformIn(-10, 10) : random.uniformIn(-2e6, 2e6)));
}

/** Where sin, cos and tan start to reduce: fdlibm's high-word bound 0x3fe921fc (|x| ≳ π/4). */
const REDUCED_FROM = 0.7853984832763672;

test('the fast reduction answers only with reduceHalfPi\'s bits, and for nearly every argument', () => {
  const random = new Random(12);
  for (const x of hardArguments(random)) {
    const a = Math.abs(x);
    if (a < REDUCED_FROM) continue;
    const fast = fastMultiple(x, a);
    const head = remainderHead(x, fast);
    if (!fastRemainderHolds(fast, a, head)) continue;
    const tail = remainderTail(x, fast, head);
    const n = reduceHalfPi(x);
    assert.is(n & 3, fast & 3, `quadrant of ${x}`);
    assert.ok(Object.is(reduced[0], head) && Object.is(reduced[1], tail), `remainder of ${x}: fast ${head} + ${tail}, full ${reduced[0]} + ${reduced[1]}`);
  }
  // Up to 9π/4, where it stops: the rest is near a multiple of π/4 (cancellation, or the quadrant's edge).
  const uniform = uniformArguments(random).filter((x) => Math.abs(x) >= REDUCED_FROM && Math.abs(x) < (9 * Math.PI) / 4);
  const answers = (x: number) => {
    const a = Math.abs(x);
    const n = fastMultiple(x, a);
    return fastRemainderHolds(n, a, remainderHead(x, n));
  };
  const answered = uniform.filter(answers).length;
  assert.ok(answered >= 0.998 * uniform.length, `the fast path answered ${answered} of ${uniform.length} uniform arguments in (π/4, 9π/4)`);
});

test('sin, cos, tan and sinCos give reduceHalfPi\'s bits', () => {
  const pair = new Float64Array(3);
  for (const x of hardArguments(new Random(13))) {
    if (Math.abs(x) < REDUCED_FROM) continue;
    for (const [f, which] of [[sin, SIN_OF_X], [cos, COS_OF_X], [tan, TAN_OF_X]] as const) {
      reduceHalfPi(x, which);
      assert.ok(Object.is(f(x), evaluated[0]), `${f.name}(${x}) = ${f(x)}, reduceHalfPi gives ${evaluated[0]}`);
    }
    sinCos(x, pair, 1);
    assert.ok(Object.is(pair[1], sin(x)) && Object.is(pair[2], cos(x)), `sinCos(${x}) = ${pair[1]}, ${pair[2]}`);
  }
  const random = new Random(14);
  for (let i = 0; i < 20000; i++) { // below π/4, where sinCos skips sin's and cos's tiny-argument branches
    const x = (random.uniform() - 0.5) * 2 ** (2 - random.integer(1080));
    sinCos(x, pair);
    assert.ok(Object.is(pair[0], sin(x)) && Object.is(pair[1], cos(x)), `sinCos(${x}) = ${pair[0]}, ${pair[1]}`);
  }
  for (const x of [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, -1e-9, 1.4901161193847656e-8, -2.1e-8, 1.0536712127723509e-8, 0.5, -0.78, 0.7853984832763672, Infinity, -Infinity, Number.NaN]) {
    sinCos(x, pair);
    assert.ok(Object.is(pair[0], sin(x)) && Object.is(pair[1], cos(x)), `sinCos(${x})`);
  }
});

test.run();
