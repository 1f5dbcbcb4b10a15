// The aggregate metrics of rliable (Agarwal et al., "Deep Reinforcement Learning at the Edge of the
// Statistical Precipice", NeurIPS 2021; google-research/rliable, rliable/metrics.py), for scores
// given per task: scores[task][run], the runs of one task in any order (a task may have its own
// number of runs; rliable's matrices are num_runs × num_tasks, the transpose).
//
// Sums run in order, left to right, so results can differ from numpy's pairwise sums in the last
// bits (test/studies/aggregates.test.ts compares with numpy and scipy to 1e-12).
import { mean } from '../algos/statistics.js';
import { describe } from '../util/validate.js';

/** Scores per task: `scores[task][run]`. */
export type TaskScores = readonly (readonly number[])[];

/** rliable's `aggregate_mean`: the mean over tasks of each task's mean over its runs. */
export function aggregateMean(scores: TaskScores): number {
  return mean(taskMeans(scores, 'aggregateMean'));
}

/** rliable's `aggregate_median`: the median over tasks of each task's mean over its runs. */
export function aggregateMedian(scores: TaskScores): number {
  return percentile(taskMeans(scores, 'aggregateMedian'), 50);
}

/**
 * rliable's `aggregate_iqm`, the interquartile mean: the mean of the middle half of all runs of all
 * tasks together — scipy.stats.trim_mean(scores, 0.25, axis=None), which sorts the n scores and
 * cuts ⌊n/4⌋ from each end. Robust to outlying runs, and less noisy than the median.
 */
export function interquartileMean(scores: TaskScores): number {
  const all = allScores(scores, 'interquartileMean').sort((a, b) => a - b);
  const cut = Math.floor(all.length / 4);
  return mean(all.slice(cut, all.length - cut));
}

/**
 * rliable's `probability_of_improvement`: P(X > Y), the probability that a run of algorithm X
 * scores above a run of Y on the same task, averaged over tasks. Per task it is the Mann–Whitney U
 * statistic over the N·M pairs of runs, ties counting ½ (scipy.stats.mannwhitneyu), divided by N·M.
 */
export function probabilityOfImprovement(x: TaskScores, y: TaskScores): number {
  assertScores(x, 'probabilityOfImprovement: x');
  assertScores(y, 'probabilityOfImprovement: y');
  if (x.length !== y.length) throw new RangeError(`probabilityOfImprovement: x has ${x.length} tasks and y ${y.length}; they must be the same tasks`);
  return mean(x.map((runsX, task) => {
    const runsY = y[task]!;
    let wins = 0;
    for (const a of runsX) for (const b of runsY) wins += a > b ? 1 : a === b ? 0.5 : 0;
    return wins / (runsX.length * runsY.length);
  }));
}

/**
 * rliable's score distribution (its default performance profile): for each threshold τ, the
 * fraction of all runs of all tasks whose score exceeds τ (`np.mean(scores > tau)`; with tasks of
 * equal run counts, the mean over tasks of each task's fraction).
 */
export function scoreDistribution(scores: TaskScores, thresholds: readonly number[]): number[] {
  const all = allScores(scores, 'scoreDistribution');
  return thresholds.map((tau) => all.filter((score) => score > tau).length / all.length);
}

/** numpy.percentile(values, q) with its default (linear) interpolation; q in [0, 100]. */
export function percentile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile: q must be in [0, 100], got ${describe(q)}`);
  if (values.length === 0) throw new RangeError('percentile: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (q / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const fraction = position - below;
  const low = sorted[below]!;
  return fraction === 0 ? low : low + fraction * (sorted[below + 1]! - low);
}

function taskMeans(scores: TaskScores, what: string): number[] {
  assertScores(scores, what);
  return scores.map((runs) => mean(runs));
}

function allScores(scores: TaskScores, what: string): number[] {
  assertScores(scores, what);
  return scores.flat();
}

/** At least one task, each with at least one finite score. */
export function assertScores(scores: TaskScores, what: string): void {
  if (!Array.isArray(scores) || scores.length === 0) throw new TypeError(`${what}: expected scores per task (a non-empty array of arrays), got ${describe(scores)}`);
  scores.forEach((runs, task) => {
    if (!Array.isArray(runs) || runs.length === 0) throw new TypeError(`${what}: task ${task} must have a non-empty array of scores, got ${describe(runs)}`);
    runs.forEach((score, run) => {
      if (typeof score !== 'number' || !Number.isFinite(score)) throw new RangeError(`${what}: task ${task}, run ${run}: expected a finite number, got ${describe(score)}`);
    });
  });
}
