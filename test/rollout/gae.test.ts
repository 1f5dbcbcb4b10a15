import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Random } from '../../src/random/prng.js';
import { discountedReturns, generalizedAdvantages, type AdvantageInput } from '../../src/rollout/gae.js';
import { assertClose } from '../helpers/close.js';

// Two sub-envs × four steps, time-major (index t·2 + e), γ = λ = 0.5.
// Sub-env 0 terminates at t = 1; sub-env 1 is truncated at t = 2 with v(final observation) = 8.
// finalValues holds 99 at the terminated step: it must not be read there.
const input: AdvantageInput = {
  numSteps: 4,
  numEnvs: 2,
  rewards: [1, 1, 2, 1, 3, 1, 4, 1],
  values: [0.5, 1, 1, 2, 1.5, 3, 2, 4],
  terminated: [0, 0, 1, 0, 0, 0, 0, 0],
  truncated: [0, 0, 0, 0, 0, 1, 0, 0],
  finalValues: [0, 0, 99, 0, 0, 8, 0, 0],
  lastValues: [4, 10],
};

test('GAE(0.5, 0.5) on a hand-computed sequence with a terminated and a truncated boundary (tolerance 1e-15)', () => {
  // Sub-env 0, backwards: δ3 = 4 + ½·4 − 2 = 4; δ2 = 3 + ½·2 − 1.5 = 2.5, Â2 = 2.5 + ¼·4 = 3.5;
  //   terminated: Â1 = 2 − 1 = 1; δ0 = 1 + ½·1 − 0.5 = 1, Â0 = 1 + ¼·1 = 1.25.
  // Sub-env 1: δ3 = 1 + ½·10 − 4 = 2; truncated: Â2 = 1 + ½·8 − 3 = 2;
  //   δ1 = 1 + ½·3 − 2 = 0.5, Â1 = 0.5 + ¼·2 = 1; δ0 = 1 + ½·2 − 1 = 1, Â0 = 1 + ¼·1 = 1.25.
  const advantages = new Float64Array(8);
  const returns = new Float64Array(8);
  generalizedAdvantages(input, 0.5, 0.5, advantages, returns);
  assertClose(advantages, [1.25, 1.25, 1, 1, 3.5, 2, 4, 2], 1e-15, 'advantages');
  assertClose(returns, [1.75, 2.25, 2, 3, 5, 5, 6, 6], 1e-15, 'returns = Â + v');
});

test("λ = 0 gives the lecture's one-step advantage U_t = R + γ v(S′) − v(S) (tolerance 1e-15)", () => {
  const advantages = new Float64Array(8);
  generalizedAdvantages(input, 0.5, 0, advantages);
  // Sub-env 0: [1, 2 − 1, 2.5, 4]; sub-env 1: [1, 0.5, 2, 2].
  assertClose(advantages, [1, 1, 1, 0.5, 2.5, 2, 4, 2], 1e-15, 'U_t');
});

test('the discounted return restarts at both boundaries and bootstraps truncation and the rollout end (tolerance 1e-15)', () => {
  // Sub-env 0: G3 = 4 + ½·4 = 6, G2 = 3 + ½·6 = 6, G1 = 2 (terminated), G0 = 1 + ½·2 = 2.
  // Sub-env 1: G3 = 1 + ½·10 = 6, G2 = 1 + ½·8 = 5 (truncated), G1 = 1 + ½·5 = 3.5, G0 = 2.75.
  const returns = new Float32Array(8);
  discountedReturns(input, 0.5, returns);
  assertClose(returns, [2, 2.75, 2, 3.5, 6, 5, 6, 6], 0, 'returns');
});

test('λ = 1: Â + v equals the discounted return, on random sequences with random boundaries (tolerance 1e-12)', () => {
  const random = new Random(3);
  const numSteps = 50;
  const numEnvs = 3;
  const n = numSteps * numEnvs;
  const draw = (count: number, f: () => number) => Array.from({ length: count }, f);
  const randomInput: AdvantageInput = {
    numSteps,
    numEnvs,
    rewards: draw(n, () => random.normal()),
    values: draw(n, () => random.normal()),
    terminated: draw(n, () => Number(random.uniform() < 0.1)),
    truncated: draw(n, () => Number(random.uniform() < 0.1)),
    finalValues: draw(n, () => random.normal()),
    lastValues: draw(numEnvs, () => random.normal()),
  };
  const advantages = new Float64Array(n);
  const lambdaReturns = new Float64Array(n);
  const returns = new Float64Array(n);
  generalizedAdvantages(randomInput, 0.97, 1, advantages, lambdaReturns);
  discountedReturns(randomInput, 0.97, returns);
  assertClose(lambdaReturns, returns, 1e-12, 'λ-returns');
});

test('a step both terminated and truncated counts as terminated: no bootstrap', () => {
  const both = { numSteps: 1, numEnvs: 1, rewards: [1], values: [0], terminated: [1], truncated: [1], finalValues: [5], lastValues: [7] };
  const advantages = new Float64Array(1);
  generalizedAdvantages(both, 0.9, 0.9, advantages);
  assert.is(advantages[0], 1);
});

test('bad arguments throw errors naming them', () => {
  const out = new Float64Array(8);
  assert.throws(() => generalizedAdvantages(input, 1.5, 0.5, out), /generalizedAdvantages: gamma must lie in \[0, 1\], got 1.5/);
  assert.throws(() => generalizedAdvantages(input, 0.5, Number.NaN, out), /lambda must be a finite number, got NaN/);
  assert.throws(() => generalizedAdvantages({ ...input, values: [1] }, 0.5, 0.5, out), /values must have length numSteps·numEnvs = 8, got 1/);
  assert.throws(() => generalizedAdvantages(input, 0.5, 0.5, new Float64Array(7)), /advantages must be a Float32Array or Float64Array of length 8/);
  assert.throws(() => discountedReturns({ ...input, lastValues: [1] }, 0.5, out), /lastValues must have length numEnvs = 2, got 1/);
});

test.run();
