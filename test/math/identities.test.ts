// Symmetries and exact identities of src/math. Reference: the identities themselves. Tolerance:
// none for the symmetries (sin(−x) = −sin x, ... bit for bit, since each is computed from |x|) and
// for the exact cases (integer powers that fit in 53 bits, powers of two); sin² + cos² = 1 to
// 3·2⁻⁵³, the sum of their two < 1-ulp errors and one rounding; two routes to one value of
// exp/log/log1p/expm1 within 2 ulp.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { atan, atan2, cos, exp, expm1, log, log1p, pow, sin, tan, tanh } from '../../src/math/index.js';
import { Random } from '../../src/random/prng.js';

const random = new Random(7);
const samples = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? random.uniformIn(0, 20) : random.uniformIn(0, 1) * 10 ** random.integer(12)));

test('odd functions are odd and cos is even, bit for bit', () => {
  for (const x of samples) {
    for (const [name, f] of [['sin', sin], ['tan', tan], ['tanh', tanh], ['atan', atan]] as const) {
      assert.ok(Object.is(f(-x), -f(x)), `${name}(-${x}) = ${f(-x)} but ${name}(${x}) = ${f(x)}`);
    }
    assert.ok(Object.is(cos(-x), cos(x)), `cos(-${x})`);
    const y = random.uniformIn(-5, 5);
    assert.ok(Object.is(atan2(-y, x), -atan2(y, x)), `atan2(${-y}, ${x})`);
    assert.ok(Object.is(atan2(-y, -x), -atan2(y, -x)), `atan2(${-y}, ${-x})`);
  }
});

test('sin² + cos² = 1 to 3·2⁻⁵³', () => {
  for (const x of samples) {
    const s = sin(x);
    const c = cos(x);
    assert.ok(Math.abs(s * s + c * c - 1) <= 3 * 2 ** -53, `x = ${x}`);
  }
});

test('pow of integers and of 2 is exact', () => {
  for (let k = -1074; k <= 1023; k++) {
    const word = k >= -1022 ? BigInt(k + 1023) << 52n : 1n << BigInt(k + 1074); // the bits of 2^k
    const expected = new Float64Array(new BigUint64Array([word]).buffer)[0]!;
    assert.ok(Object.is(pow(2, k), expected), `pow(2, ${k})`);
    assert.ok(Object.is(pow(0.5, -k), expected), `pow(0.5, ${-k})`);
  }
  for (let x = 2n; x <= 30n; x++) {
    for (let n = 0n; x ** n < 2n ** 53n; n++) {
      assert.is(pow(Number(x), Number(n)), Number(x ** n), `pow(${x}, ${n})`);
      assert.is(pow(-Number(x), Number(n)), Number((-x) ** n), `pow(-${x}, ${n})`);
    }
  }
});

test('exp, log, log1p and expm1 agree with each other within their 1-ulp bounds', () => {
  // Each is within 1 ulp, so two computations of the same value differ by at most 2 ulp (2⁻⁵¹
  // relative); log(exp(x)) also carries exp's rounding, scaled by 1/x.
  for (let i = 0; i < 2000; i++) {
    const x = random.uniformIn(-700, 700);
    assert.ok(Math.abs(log(exp(x)) - x) <= 2 ** -51 * Math.max(1, Math.abs(x)), `log(exp(${x}))`);
    const small = (1 + random.uniformIn(-1, 1) / 1024) - 1; // 1 + small is exact
    const viaLog = log(1 + small);
    assert.ok(Math.abs(log1p(small) - viaLog) <= 2 ** -51 * Math.abs(viaLog), `log1p(${small})`);
    const viaExp = exp(x / 100) - 1;
    assert.ok(Math.abs(expm1(x / 100) - viaExp) <= 2 ** -51 * Math.max(1, exp(x / 100)), `expm1(${x / 100})`);
  }
});

test.run();
