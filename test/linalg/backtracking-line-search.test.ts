import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backtrackingLineSearch } from '../../src/linalg/backtracking-line-search.js';

// A one-dimensional model: at fraction f, KL = f² and the surrogate improves by f − 3f² (peaks at f = 1/6).
const model = (fraction: number) => ({ kl: fraction ** 2, improvement: fraction - 3 * fraction ** 2 });

test('constraint-improvement accepts the first fraction 0.8^i with KL ≤ δ and a positive improvement', async () => {
  let reverted = false;
  const result = await backtrackingLineSearch(model, () => { reverted = true; }, { maxKL: 0.5 });
  // 0.8^0 = 1: KL 1 > 0.5; 0.8: KL 0.64; 0.64: KL 0.41 ≤ 0.5 but improvement 0.64 − 1.23 < 0; …;
  // 0.8^5 = 0.328: improvement 0.328 − 0.322 > 0 → accepted at the sixth candidate.
  assert.is(result.accepted, true);
  assert.is(result.steps, 6);
  assert.ok(Math.abs(result.fraction - 0.8 ** 5) < 1e-15);
  assert.is(reverted, false);
});

test('the lecture’s constraint-only test accepts as soon as the KL fits', async () => {
  const result = await backtrackingLineSearch(model, () => {}, { maxKL: 0.5, test: 'constraint' });
  assert.is(result.steps, 3);
  assert.ok(result.improvement < 0, 'it may accept a step that makes the surrogate worse');
});

test('when no candidate passes, the parameters revert and the result says so', async () => {
  let reverted = false;
  const result = await backtrackingLineSearch(() => ({ kl: 1, improvement: 1 }), () => { reverted = true; }, { maxKL: 0.01, maxSteps: 4 });
  assert.equal([result.accepted, result.steps, result.fraction, reverted], [false, 4, 0, true]);
});

test('bad options throw errors naming them', async () => {
  let message = '';
  await backtrackingLineSearch(model, () => {}, { maxKL: 0 }).catch((e: Error) => (message = e.message));
  assert.match(message, /maxKL must be > 0/);
  await backtrackingLineSearch(model, () => {}, { maxKL: 1, shrink: 1 }).catch((e: Error) => (message = e.message));
  assert.match(message, /shrink must be > 0 and < 1, got 1/);
});

test.run();
