// src/random's numpy generator against numpy itself (Debian's python3-numpy): SeedSequence's
// generated words, PCG64's seeded state and raw 64-bit outputs, uniform and standard-normal
// draws, for seeds of one and two 32-bit words and the edges (0, 2³² − 1, 2⁵³ − 1). Tolerance:
// none — every word and every double must be identical (Object.is). 100,000 normals per seed
// reach every ziggurat layer, the wedge test and the tail beyond r (counted, so that the test
// fails if a path was not exercised).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumpyGenerator } from '../../src/random/numpy-generator.js';
import { PCG64 } from '../../src/random/pcg64.js';
import { SeedSequence } from '../../src/random/seed-sequence.js';
import { numpyDraws, numpyInstalled } from '../helpers/numpy-reference.js';

const SEEDS = [0, 1, 42, 123456789, 2 ** 32 - 1, 2 ** 40 + 5, 2 ** 53 - 1];
const COUNTS = { raw: 64, low: -0.1, high: 0.1, uniform: 1000, normal: 100_000 };

if (numpyInstalled('the numpy generator test')) {
  const reference = numpyDraws(SEEDS, COUNTS);

  test('SeedSequence.generateState equals numpy SeedSequence(seed).generate_state(8, uint32)', () => {
    for (const r of reference) assert.equal(Array.from(new SeedSequence(r.seed).generateState(8)), r.seedWords, `seed ${r.seed}`);
  });

  test('PCG64 seeded state and raw outputs equal numpy PCG64(seed)', () => {
    for (const r of reference) {
      const bits = PCG64.fromSeed(r.seed);
      assert.equal(bits.getState(), r.state, `seed ${r.seed}: state`);
      r.raw.forEach(([high, low], i) => {
        bits.nextUint64();
        assert.equal([bits.high, bits.low], [high, low], `seed ${r.seed}: raw output ${i}`);
      });
    }
  });

  test('uniform(low, high) equals numpy default_rng(seed).uniform bit for bit', () => {
    for (const r of reference) {
      const out = new NumpyGenerator(r.seed).uniformFill(new Float64Array(COUNTS.uniform), COUNTS.low, COUNTS.high);
      r.uniform.forEach((x, i) => assert.ok(Object.is(out[i], x), `seed ${r.seed}: draw ${i}: ${out[i]} vs numpy ${x}`));
    }
  });

  test('standardNormal equals numpy default_rng(seed).standard_normal bit for bit, tail and wedges included', () => {
    let tail = 0;
    for (const r of reference) {
      const out = new NumpyGenerator(r.seed).standardNormalFill(new Float64Array(COUNTS.normal));
      r.normal.forEach((x, i) => {
        if (!Object.is(out[i], x)) assert.unreachable(`seed ${r.seed}: draw ${i}: ${out[i]} vs numpy ${x}`);
        if (Math.abs(x) > 3.6541528853610088) tail++;
      });
    }
    assert.ok(tail >= 50, `only ${tail} tail draws`);
  });

  test('getState/setState resumes the same stream', () => {
    const a = new NumpyGenerator(7);
    a.standardNormal();
    const b = new NumpyGenerator(8);
    b.setState(a.getState());
    for (let i = 0; i < 100; i++) assert.ok(Object.is(a.normal(0, 0.1), b.normal(0, 0.1)));
  });
}

test('seeds must be non-negative safe integers and states eight words with an odd increment', () => {
  assert.throws(() => new NumpyGenerator(-1), /seed/);
  assert.throws(() => new NumpyGenerator(0.5), /seed/);
  assert.throws(() => new NumpyGenerator(2 ** 53), /seed/);
  const g = new NumpyGenerator(1);
  assert.throws(() => g.setState([1, 2, 3]), /8 unsigned/);
  assert.throws(() => g.setState([0, 0, 0, 0, 2, 0, 0, 0]), /odd/);
});

test.run();
