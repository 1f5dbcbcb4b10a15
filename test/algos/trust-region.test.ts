// NPG's step against the trust region, and TRPO's line search catching it, on the configuration of
// docs/algorithms.md ("Why TRPO"): CartPole-v1, δ = 0.2, 10 CG iterations, otherwise the
// defaults, seed 1. Within the first 12 iterations NPG reports a step that left the trust region or worsened the surrogate
// (its flags, checked against the test in test/algos/npg.test.ts), and TRPO on the same seed
// backtracks at least once (step_fraction < 1) to a step with KL ≤ δ. Exact: flags and a bound.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MetricsRecord } from '../../src/algos/algorithm.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';

const MAX_KL = 0.2;
const ITERATIONS = 12;

async function firstIteration(algo: 'npg' | 'trpo', found: (metrics: MetricsRecord) => boolean): Promise<MetricsRecord | undefined> {
  const trainer = await Trainer.create(resolveTrainingSettings(algo, 'CartPole-v1', { seed: 1, maxKL: MAX_KL, cgIterations: 10, totalSteps: ITERATIONS * 2048 }));
  while (!trainer.done) {
    const metrics = await trainer.step();
    if (found(metrics)) return metrics;
  }
  return undefined;
}

test('NPG’s full step leaves the trust region where TRPO’s line search backtracks into it', async () => {
  const npg = await firstIteration('npg', (m) => m.kl_exceeded === 1 || m.surrogate_worse === 1);
  assert.ok(npg, `NPG kept within δ = ${MAX_KL} and improved the surrogate for ${ITERATIONS} iterations`);
  assert.ok(npg.kl! > MAX_KL || npg.surrogate_improvement! <= 0, `NPG's flags at iteration ${npg.iteration} without cause: kl ${npg.kl}, improvement ${npg.surrogate_improvement}`);
  const trpo = await firstIteration('trpo', (m) => m.step_fraction! < 1);
  assert.ok(trpo, `TRPO took every full step for ${ITERATIONS} iterations`);
  assert.is(trpo.line_search_accepted, 1, `TRPO rejected every candidate at iteration ${trpo.iteration}`);
  assert.ok(trpo.kl! <= MAX_KL && trpo.surrogate_improvement! > 0, `TRPO's accepted step at iteration ${trpo.iteration}: kl ${trpo.kl}, improvement ${trpo.surrogate_improvement}`);
});

test.run();
