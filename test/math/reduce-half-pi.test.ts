// The argument reduction of src/math's sin/cos/tan. References: π from Machin's formula in exact
// BigInt arithmetic (test/helpers/machin-pi.ts) for the hard-coded bits of 2/π and π/2 — they must
// equal the truncations exactly; and, for the reduction itself, an exact BigInt remainder of x
// modulo π/2 with 1200 bits of π — the double-double result must match it to 2⁻¹⁰⁰ relative.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HALF_PI_BITS, HALF_PI_HEX, TWO_OVER_PI_BITS, TWO_OVER_PI_HEX } from '../../src/math/reduce-half-pi-large.js';
import { reduceHalfPi, reduced } from '../../src/math/reduce-half-pi.js';
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

test.run();
