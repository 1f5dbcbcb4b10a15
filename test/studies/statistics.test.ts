// rliable's aggregate metrics and stratified-bootstrap intervals (src/studies). References:
// - rliable's own test (tests/rliable/metrics_test.py): x = [[1, 2], [2, 2], [1, 1], [2, 1]] and
//   y = [[1, 1], [2, 2], [3, 3]] (runs × tasks) give median, mean and IQM 1.5 and 2, and
//   P(X > Y) = 1/3 — exactly.
// - numpy and scipy (Debian's python3-numpy and python3-scipy, the libraries rliable calls:
//   np.mean, np.median, scipy.stats.trim_mean(·, 0.25, axis=None), scipy.stats.mannwhitneyu /
//   (N·M), np.percentile, np.mean(scores > τ)) on seeded random score sets with ties and uneven
//   run counts: within 1e-12 relative (our sums run in order, numpy's pairwise).
// - The exact bootstrap distribution, by enumerating every resample of tiny score sets (3³ = 27
//   of one task of 3 runs; 3² · 2² = 36 for two tasks): the frequency of each value among 50,000
//   replications within 5 standard errors √(p(1 − p)/50,000) of its probability, and the interval
//   ends equal to the exact distribution's 2.5 % and 97.5 % quantiles (chosen where no quantile
//   sits on a step of the distribution, so the percentile of a large sample must land on it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { aggregateMean, aggregateMedian, interquartileMean, percentile, probabilityOfImprovement, scoreDistribution, type TaskScores } from '../../src/studies/aggregates.js';
import { bootstrapReplicates, stratifiedBootstrap } from '../../src/studies/bootstrap.js';
import { Random } from '../../src/random/prng.js';
import { PYTHON, pythonModuleInstalled } from '../helpers/debian-python.js';

/** rliable's runs × tasks matrix as our tasks × runs. */
const byTask = (runs: number[][]): number[][] => runs[0]!.map((_, task) => runs.map((row) => row[task]!));

test("rliable's worked example", () => {
  const x = byTask([[1, 2], [2, 2], [1, 1], [2, 1]]);
  const y = byTask([[1, 1], [2, 2], [3, 3]]);
  assert.is(aggregateMedian(x), 1.5);
  assert.is(aggregateMean(x), 1.5);
  assert.is(interquartileMean(x), 1.5);
  assert.is(aggregateMedian(y), 2);
  assert.is(aggregateMean(y), 2);
  assert.is(interquartileMean(y), 2);
  assert.ok(Math.abs(probabilityOfImprovement(x, y) - 1 / 3) < 1e-15);
});

test('percentile interpolates linearly, as numpy', () => {
  assert.is(percentile([3, 1, 2, 4], 50), 2.5); // position 1.5 between 2 and 3
  assert.is(percentile([10, 20, 30, 40, 50], 25), 20);
  assert.is(percentile([10, 20], 2.5), 10.25);
  assert.is(percentile([7], 97.5), 7);
  assert.throws(() => percentile([1], 101), /q must be in \[0, 100\]/);
});

/** Seeded score sets with ties (values rounded to 0.5) and tasks of uneven run counts. */
function scoreSets(seed: number): { x: number[][]; y: number[][] } {
  const random = new Random(seed);
  const set = (runs: number[]) => runs.map((n) => Array.from({ length: n }, () => Math.round(random.uniformIn(-50, 200) * 2) / 2));
  return { x: set([5, 7, 3]), y: set([4, 6, 9]) };
}

const THRESHOLDS = [-20, 0, 37.5, 100, 150];

if (pythonModuleInstalled('scipy', 'python3-numpy python3-scipy', 'the numpy/scipy comparison of the aggregate metrics')) {
  test('aggregates equal numpy and scipy on seeded score sets', () => {
    const cases = [1, 2, 3].map(scoreSets);
    const script = `
import json, sys
import numpy as np, scipy.stats
out = []
for case in json.load(sys.stdin):
    x, y = [[np.array(runs, dtype=float) for runs in case[k]] for k in ('x', 'y')]
    allx = np.concatenate(x)
    means = np.array([np.mean(runs) for runs in x])
    pois = [scipy.stats.mannwhitneyu(a, b, alternative='greater')[0] / (len(a) * len(b)) for a, b in zip(x, y)]
    out.append({
        'mean': float(np.mean(means)), 'median': float(np.median(means)),
        'iqm': float(scipy.stats.trim_mean(allx, proportiontocut=0.25, axis=None)),
        'poi': float(np.mean(pois)),
        'percentiles': [float(np.percentile(allx, q)) for q in (0, 2.5, 25, 50, 97.5, 100)],
        'profile': [float(np.mean(allx > tau)) for tau in ${JSON.stringify(THRESHOLDS)}],
    })
print(json.dumps(out))`;
    const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout) as { mean: number; median: number; iqm: number; poi: number; percentiles: number[]; profile: number[] }[];
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs numpy/scipy ${b}`);
    cases.forEach(({ x, y }, i) => {
      const want = expected[i]!;
      close(aggregateMean(x), want.mean, `case ${i} mean`);
      close(aggregateMedian(x), want.median, `case ${i} median`);
      close(interquartileMean(x), want.iqm, `case ${i} IQM`);
      close(probabilityOfImprovement(x, y), want.poi, `case ${i} P(X > Y)`);
      [0, 2.5, 25, 50, 97.5, 100].forEach((q, j) => close(percentile(x.flat(), q), want.percentiles[j]!, `case ${i} percentile ${q}`));
      scoreDistribution(x, THRESHOLDS).forEach((fraction, j) => close(fraction, want.profile[j]!, `case ${i} profile at ${THRESHOLDS[j]}`));
    });
  });
}

/** Every resample of `scores` (runs of each task drawn with replacement), each equally likely. */
function allResamples(scores: TaskScores): number[][][] {
  let resamples: number[][][] = [[]];
  for (const runs of scores) {
    let draws: number[][] = [[]];
    for (let r = 0; r < runs.length; r++) draws = draws.flatMap((prefix) => runs.map((v) => [...prefix, v]));
    resamples = resamples.flatMap((prefix) => draws.map((draw) => [...prefix, draw]));
  }
  return resamples;
}

/** The smallest value whose exact probability of being ≤ it reaches p (the p-quantile), and how far the CDF is from p at the steps around it. */
function exactQuantile(values: number[], p: number): { value: number; margin: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let i = 0;
  while ((i + 1) / n < p) i++;
  const value = sorted[i]!;
  const below = sorted.filter((v) => v < value).length / n;
  const upTo = sorted.filter((v) => v <= value).length / n;
  return { value, margin: Math.min(p - below, upTo - p) };
}

const REPS = 50_000;

for (const [name, scores, statistic] of [
  ['IQM, one task of 3 runs', [[1, 5, 9]], interquartileMean],
  ['mean, two tasks of 3 and 2 runs', [[0, 4, 10], [2, 7]], aggregateMean],
] as const) {
  test(`stratified bootstrap of the ${name}: the exact resampling distribution`, () => {
    const exact = allResamples(scores).map((resample) => statistic(resample));
    const replicates = bootstrapReplicates([scores], statistic, { reps: REPS, seed: 5 });
    for (const value of new Set(exact)) {
      const p = exact.filter((v) => v === value).length / exact.length;
      const frequency = replicates.filter((v) => Math.abs(v - value) < 1e-9).length / REPS;
      assert.ok(Math.abs(frequency - p) <= 5 * Math.sqrt((p * (1 - p)) / REPS), `value ${value}: frequency ${frequency}, exact probability ${p}`);
    }
    const interval = stratifiedBootstrap([scores], statistic, { reps: REPS, seed: 5 });
    assert.is(interval.estimate, statistic(scores));
    for (const [end, p] of [[interval.lower, 0.025], [interval.upper, 0.975]] as const) {
      const quantile = exactQuantile(exact, p);
      assert.ok(quantile.margin > 0.005, `the test needs a quantile off the steps (margin ${quantile.margin})`);
      assert.ok(Math.abs(end - quantile.value) < 1e-9, `the ${p} end ${end} vs the exact quantile ${quantile.value}`);
    }
  });
}

test('bootstrap of the probability of improvement resamples each score set by itself', () => {
  const x = [[3, 1]];
  const y = [[2, 0, 4]];
  // Exact: every resample of x (2² = 4) with every resample of y (3³ = 27).
  const exact = allResamples(x).flatMap((rx) => allResamples(y).map((ry) => probabilityOfImprovement(rx, ry)));
  const replicates = bootstrapReplicates([x, y], probabilityOfImprovement, { reps: REPS, seed: 9 });
  const exactMean = exact.reduce((s, v) => s + v, 0) / exact.length;
  const mean = replicates.reduce((s, v) => s + v, 0) / REPS;
  const sd = Math.sqrt(exact.reduce((s, v) => s + (v - exactMean) * (v - exactMean), 0) / exact.length);
  assert.ok(Math.abs(mean - exactMean) < 5 * sd / Math.sqrt(REPS), `mean of replicates ${mean} vs exact ${exactMean}`);
  assert.is(stratifiedBootstrap([x, y], probabilityOfImprovement, { reps: 1000 }).estimate, 0.5); // 3 pairs of 6 won
});

test('the same seed gives the same interval; bad input is named', () => {
  const scores = [[1, 2, 3, 10, 11]];
  assert.equal(stratifiedBootstrap([scores], interquartileMean, { reps: 2000, seed: 3 }), stratifiedBootstrap([scores], interquartileMean, { reps: 2000, seed: 3 }));
  assert.throws(() => interquartileMean([]), /expected scores per task/);
  assert.throws(() => interquartileMean([[1, Number.NaN]]), /task 0, run 1: expected a finite number/);
  assert.throws(() => probabilityOfImprovement([[1]], [[1], [2]]), /same tasks/);
  assert.throws(() => stratifiedBootstrap([scores], interquartileMean, { reps: 0 }), /reps/);
  assert.throws(() => stratifiedBootstrap([scores], interquartileMean, { confidence: 1 }), /confidence must be in \(0, 1\)/);
  assert.throws(() => stratifiedBootstrap([scores], interquartileMean, { rep: 10 } as never), /rep/);
});

test.run();
