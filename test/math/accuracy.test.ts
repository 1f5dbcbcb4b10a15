// src/math against the exact reference, mpmath at 200 bits (scripts/math-reference.py, the same
// program scripts/math-accuracy.ts runs on 10⁶ arguments per function), on 3000 seeded arguments
// per function that include the hard cases (test/helpers/math-arguments.ts). Tolerance: every
// result within 1 ulp of the exact value (error < 1, measured in ulps of the exact value's
// binade), and every special result (NaN, ±∞, ±0) bit for bit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ARGUMENTS, drawArguments } from '../helpers/math-arguments.js';
import { compareWithReference, mpmathInstalled } from '../helpers/math-reference.js';

const COUNT = 3000;

if (mpmathInstalled('the mpmath comparison of src/math')) {
  const samples: Record<string, number[][]> = {};
  for (const name of Object.keys(ARGUMENTS)) samples[name] = drawArguments(name, COUNT, 2024);
  const report = compareWithReference(samples);
  for (const name of Object.keys(ARGUMENTS)) {
    test(`${name}: within 1 ulp of mpmath on ${COUNT} arguments`, () => {
      const r = report[name]!;
      assert.is(r.count, COUNT);
      const worst = r.worst ? `${name}(${r.worst.args.join(', ')}) = ${r.worst.ours}, correctly rounded ${r.worst.correctly_rounded}` : '';
      assert.ok(r.max_ulp !== 'Infinity' && r.max_ulp < 1, `${r.max_ulp} ulp at ${worst}`);
      assert.is(r.special_mismatch_count, 0, JSON.stringify(r.special_mismatches));
    });
  }
}

test.run();
