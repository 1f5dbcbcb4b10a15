// sumOfSquares and sum against numpy's np.sum(np.square(a)) and np.sum(a) (Debian's python3-numpy)
// for lengths 0 to 20 (the sequential and the eight-accumulator paths; 14 is Humanoid's bodies),
// 78 (Ant's contact forces) and 129 to 600 (the recursive split), on random doubles of both signs
// spanning 40 binades so that the order of additions shows. Tolerance: none (Object.is).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sum, sumOfSquares } from '../../../src/envs/mujoco/pairwise-sum.js';
import { Random } from '../../../src/random/prng.js';
import { numpyInstalled, numpySums } from '../../helpers/numpy-reference.js';

if (numpyInstalled('the pairwise-sum test')) {
  test('sumOfSquares and sum equal numpy np.sum(np.square(a)) and np.sum(a) bit for bit', () => {
    const random = new Random(5);
    const lengths = [...Array.from({ length: 21 }, (_, n) => n), 78, 129, 200, 257, 600];
    const arrays = lengths.map((n) => Array.from({ length: n }, () => (random.uniform() - 0.5) * 2 ** Math.floor(40 * random.uniform() - 20)));
    const expected = numpySums(arrays);
    arrays.forEach((a, i) => {
      assert.ok(Object.is(sumOfSquares(a), expected.squares[i]), `length ${a.length}: Σa² ${sumOfSquares(a)} vs numpy ${expected.squares[i]}`);
      assert.ok(Object.is(sum(a), expected.sums[i]), `length ${a.length}: Σa ${sum(a)} vs numpy ${expected.sums[i]}`);
    });
  });
}

test.run();
