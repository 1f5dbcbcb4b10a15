// src/random's numpy generator against numpy itself (Debian's python3-numpy): SeedSequence's
// generated words, PCG64's seeded state and raw 64-bit outputs, uniform and standard-normal
// draws, for seeds of one and two 32-bit words and the edges (0, 2³² − 1, 2⁵³ − 1). Tolerance:
// none — every word and every double must be identical (Object.is). 100,000 normals per seed
// reach every ziggurat layer, the wedge test and the tail beyond r (counted, so that the test
// fails if a path was not exercised). Without numpy: PCG64's exact double arithmetic against the
// LCG and XSL-RR output in BigInt, written from pcg64.h, from states whose words are all ones or
// alternate bits (every column sum and carry at its largest), 100,000 steps each: exact.
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

/** PCG64 in BigInt from pcg64.h: state ← state·M + inc mod 2¹²⁸, output rotr64(hi ⊕ lo, state >> 122). */
function* bigIntPcg64(words: number[]): Generator<[number, number]> {
  const big = (w: number[]) => w.reduceRight((x, word) => (x << 32n) | BigInt(word), 0n);
  const mask128 = (1n << 128n) - 1n;
  const mask64 = (1n << 64n) - 1n;
  const multiplier = 0x2360ed051fc65da44385df649fccf645n;
  let state = big(words.slice(0, 4));
  const increment = big(words.slice(4));
  for (;;) {
    state = (state * multiplier + increment) & mask128;
    const x = (state >> 64n) ^ (state & mask64);
    const rotation = state >> 122n;
    const out = ((x >> rotation) | (x << ((64n - rotation) & 63n))) & mask64;
    yield [Number(out >> 32n), Number(out & 0xffffffffn)];
  }
}

test('PCG64 equals a BigInt LCG from states with every carry at its largest, 100,000 steps each (exact)', () => {
  const ones = 0xffffffff;
  const states = [
    [ones, ones, ones, ones, ones, ones, ones, ones],
    [0, 0, 0, 0, 1, 0, 0, 0],
    [0xaaaaaaaa, 0x55555555, 0xaaaaaaaa, 0x55555555, 0x55555555, 0xaaaaaaaa, 0x55555555, 0xaaaaaaaa],
    [ones, 0, ones, 0, ones, 0, ones, 0],
  ];
  for (const words of states) {
    const bits = new PCG64();
    bits.setState(words);
    const reference = bigIntPcg64(words);
    for (let i = 0; i < 100_000; i++) {
      bits.nextUint64();
      const [high, low] = reference.next().value as [number, number];
      if (bits.high !== high || bits.low !== low) assert.unreachable(`from [${words}]: step ${i}: ${bits.high}, ${bits.low} vs ${high}, ${low}`);
    }
  }
});

test('seeds must be non-negative safe integers and states eight words with an odd increment', () => {
  assert.throws(() => new NumpyGenerator(-1), /seed/);
  assert.throws(() => new NumpyGenerator(0.5), /seed/);
  assert.throws(() => new NumpyGenerator(2 ** 53), /seed/);
  const g = new NumpyGenerator(1);
  assert.throws(() => g.setState([1, 2, 3]), /8 unsigned/);
  assert.throws(() => g.setState([0, 0, 0, 0, 2, 0, 0, 0]), /odd/);
});

test.run();
