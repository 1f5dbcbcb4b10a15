// The report of a study (`policygrad report`): per environment and group (study-runs.ts), the
// runs' scores — each run's final return, or its final evaluation — as mean, median and
// interquartile mean over seeds with 95 % stratified-bootstrap intervals; the probability of
// improvement of each group over each other on the same environment; aggregate learning curves
// (the IQM over seeds on a common step grid, with its interval as a band); and performance
// profiles (rliable's score distributions, with bands) — as a Markdown document and two SVG
// figures. One environment is one task: its scores are compared within it, never summed across
// environments whose returns have other scales.
import { interpolateCurve, learningCurveSvg, type CurveGroup, type CurvePanel } from '../report/learning-curve-svg.js';
import { formatTable } from '../report/table.js';
import { rewardThreshold } from '../envs/registry.js';
import { aggregateMean, interquartileMean, percentile, probabilityOfImprovement, scoreDistribution, type TaskScores } from './aggregates.js';
import { stratifiedBootstrap, type IntervalEstimate } from './bootstrap.js';
import type { StudyGroup, StudyRun } from './study-runs.js';

/**
 * What a run is scored by: how a study's table, probabilities of improvement and performance
 * profiles rank it. The learning curves are the training returns whatever the score.
 */
export const STUDY_SCORES = {
  /** The mean return of the last 100 training episodes (stochastic actions): CleanRL's figure. */
  'final-return': {
    of: (run: StudyRun) => run.finalReturn,
    name: 'final return',
    caption: 'Final return (mean of the last 100 training episodes)',
    lacking: 'without a return',
  },
  /**
   * The mean return of the final evaluation (`train --eval-episodes`: the deterministic policy,
   * normalisation statistics frozen): what rl-baselines3-zoo and SB3's EvalCallback report.
   */
  evaluation: {
    of: (run: StudyRun) => run.evaluation?.mean,
    name: 'evaluation return',
    caption: 'Evaluation return (mean over the final evaluation\'s episodes, deterministic policy: summary.json\'s `evaluation`)',
    lacking: 'without an evaluation',
  },
} as const;

export type StudyScore = keyof typeof STUDY_SCORES;

export interface StudyReportOptions {
  /** What each run is scored by. Default 'final-return'. */
  score?: StudyScore;
  /** Bootstrap replications of the table's intervals. Default 50,000 (rliable's). */
  reps?: number;
  /** Bootstrap replications at each point of a curve or profile. Default 2,000 (rliable's for profiles). */
  curveReps?: number;
  /** Seed of the resampling. Default 0. */
  seed?: number;
  /** Points of the common step grid of the learning curves and of the profiles' thresholds. Default 100. */
  points?: number;
}

/** One row of the table: a group's scores and their statistics. */
export interface GroupStatistics {
  env: string;
  label: string;
  /** Scores (final returns, or evaluation returns), one per run that has one, in the order of the group's runs. */
  finals: number[];
  /** Runs of the group without a score (no episode finished, or no evaluation). */
  missing: number;
  mean: IntervalEstimate;
  median: IntervalEstimate;
  iqm: IntervalEstimate;
  /** Runs whose summary says they reached the environment's threshold, of those that say. */
  solved: { yes: number; of: number };
  /** Median training wall seconds over the runs that report them. */
  medianWallSeconds: number | undefined;
}

/** P(X > Y) on one environment, with its interval. */
export interface Improvement {
  env: string;
  x: string;
  y: string;
  probability: IntervalEstimate;
}

export interface StudyReport {
  statistics: GroupStatistics[];
  improvements: Improvement[];
  markdown: string;
  curvesSvg: string;
  profilesSvg: string;
}

/** Computes the report of `groups` (each with at least one run). */
export function studyReport(groups: readonly StudyGroup[], options: StudyReportOptions = {}): StudyReport {
  const { score: scoreName = 'final-return', reps = 50_000, curveReps = 2_000, seed = 0, points = 100 } = options;
  const score = STUDY_SCORES[scoreName];
  const statistics = groups.filter((group) => group.runs.some((run) => score.of(run) !== undefined)).map((group) => groupStatistics(group, score.of, { reps, seed }));
  const improvements: Improvement[] = [];
  const envs = [...new Set(groups.map((group) => group.env))];
  for (const env of envs) {
    const rows = statistics.filter((row) => row.env === env);
    for (const x of rows) {
      for (const y of rows) {
        if (x === y) continue;
        improvements.push({ env, x: x.label, y: y.label, probability: stratifiedBootstrap([[x.finals], [y.finals]], probabilityOfImprovement, { reps, seed }) });
      }
    }
  }
  const curvePanels: CurvePanel[] = envs.map((env) => panel(env, groups.filter((group) => group.env === env).map((group) => iqmCurve(group, points, curveReps, seed))));
  const profilePanels: CurvePanel[] = envs.map((env) => {
    const rows = statistics.filter((row) => row.env === env);
    return { title: env, runs: [], groups: profiles(rows, points, curveReps, seed) };
  });
  return {
    statistics, improvements,
    markdown: markdown(statistics, improvements, reps, score),
    curvesSvg: learningCurveSvg(curvePanels, { title: 'Learning curves: IQM over seeds, 95 % CI band', yLabel: 'episodic return (mean of the last 100 episodes)' }),
    profilesSvg: learningCurveSvg(profilePanels, {
      title: `Performance profiles: fraction of runs above each ${score.name}, 95 % CI band`,
      xLabel: `${score.name} τ`, yLabel: `fraction of runs with ${score.name} > τ`, emptyText: `no ${score.name}s`,
    }),
  };
}

/**
 * The median over the runs (numpy.median of the scores): of one environment's seeds, what the
 * table reports. (rliable's aggregate median is the median over tasks of the task means; with one
 * task, that is the mean.)
 */
export function medianOfRuns(scores: TaskScores): number {
  return percentile(scores.flat(), 50);
}

function groupStatistics(group: StudyGroup, scoreOf: (run: StudyRun) => number | undefined, options: { reps: number; seed: number }): GroupStatistics {
  const finals = group.runs.map(scoreOf).filter((value) => value !== undefined);
  const scores = [finals];
  const said = group.runs.filter((run) => run.solved !== null);
  const walls = group.runs.flatMap((run) => (run.wallSeconds === undefined ? [] : [run.wallSeconds]));
  return {
    env: group.env, label: group.label, finals, missing: group.runs.length - finals.length,
    mean: stratifiedBootstrap([scores], aggregateMean, options),
    median: stratifiedBootstrap([scores], medianOfRuns, options),
    iqm: stratifiedBootstrap([scores], interquartileMean, options),
    solved: { yes: said.filter((run) => run.solved === true).length, of: said.length },
    medianWallSeconds: walls.length === 0 ? undefined : percentile(walls, 50),
  };
}

/** A panel of one environment's curves, with its "solved at" line. */
function panel(env: string, groups: CurveGroup[]): CurvePanel {
  const solvedAt = rewardThreshold(env);
  return { title: env, runs: [], groups, ...(solvedAt === undefined ? {} : { threshold: { value: solvedAt, label: `solved at ${solvedAt}` } }) };
}

/**
 * The IQM over a group's runs of the return on a common grid of `points` steps, from the first
 * step every run has reached to the last one they all have (each run linearly interpolated), with
 * the stratified-bootstrap interval at each point as the band. Empty if the runs share no steps.
 */
function iqmCurve(group: StudyGroup, points: number, reps: number, seed: number): CurveGroup {
  const runs = group.runs.filter((run) => run.steps.length > 0);
  const curve: CurveGroup = { label: group.label, runs: runs.length, steps: [], median: [], low: [], high: [], legend: `${group.label} (IQM of ${runs.length} runs, 95 % CI)` };
  if (runs.length === 0) return curve;
  const first = Math.max(...runs.map((run) => run.steps[0]!));
  const last = Math.min(...runs.map((run) => run.steps.at(-1)!));
  if (!(last >= first)) return curve;
  const count = last > first ? points : 1;
  for (let i = 0; i < count; i++) {
    const step = count === 1 ? first : Math.min(last, first + ((last - first) * i) / (count - 1)); // min: the last may round past `last`
    const values = runs.map((run) => interpolateCurve(run.steps, run.returns, step)!); // step within every run's range
    const estimate = runs.length > 1 ? stratifiedBootstrap([[values]], interquartileMean, { reps, seed }) : { estimate: values[0]!, lower: values[0]!, upper: values[0]! };
    curve.steps.push(step);
    curve.median.push(estimate.estimate);
    curve.low.push(estimate.lower);
    curve.high.push(estimate.upper);
  }
  return curve;
}

/**
 * Each group's score distribution over `points` thresholds spanning every score of the
 * environment, with its bootstrap band.
 */
function profiles(rows: readonly GroupStatistics[], points: number, reps: number, seed: number): CurveGroup[] {
  const all = rows.flatMap((row) => row.finals);
  if (all.length === 0) return [];
  // All runs alike: a span of 2 around their return, so that the profile's step shows.
  const [low, high] = Math.min(...all) < Math.max(...all) ? [Math.min(...all), Math.max(...all)] : [all[0]! - 1, all[0]! + 1];
  const thresholds = Array.from({ length: points }, (_, i) => low + ((high - low) * i) / (points - 1));
  return rows.map((row) => {
    const profile: CurveGroup = { label: row.label, runs: row.finals.length, steps: thresholds, median: [], low: [], high: [], legend: `${row.label} (${row.finals.length} runs, 95 % CI)` };
    for (const tau of thresholds) {
      const at = (scores: readonly (readonly number[])[]) => scoreDistribution(scores, [tau])[0]!;
      const estimate = stratifiedBootstrap([[row.finals]], at, { reps, seed });
      profile.median.push(estimate.estimate);
      profile.low.push(estimate.lower);
      profile.high.push(estimate.upper);
    }
    return profile;
  });
}

/** A number of the table: one decimal, or none from 1,000 on. */
export function formatScore(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toFixed(1);
}

function withInterval({ estimate, lower, upper }: IntervalEstimate, format = formatScore): string {
  return `${format(estimate)} [${format(lower)}, ${format(upper)}]`;
}

function markdown(statistics: readonly GroupStatistics[], improvements: readonly Improvement[], reps: number, score: (typeof STUDY_SCORES)[StudyScore]): string {
  const rows = statistics.map((row) => [
    row.env, row.label, String(row.finals.length) + (row.missing > 0 ? ` (+${row.missing} ${score.lacking})` : ''),
    withInterval(row.mean), withInterval(row.median), withInterval(row.iqm),
    row.solved.of === 0 ? '—' : `${row.solved.yes}/${row.solved.of}`,
    row.medianWallSeconds === undefined ? '—' : `${row.medianWallSeconds.toFixed(0)} s`,
  ]);
  const lines = [
    `${score.caption} over seeds: mean, median and interquartile mean (IQM), each with its 95 % stratified-bootstrap interval [lower, upper] (${reps.toLocaleString('en-US')} replications, as rliable computes them); "solved": runs whose 100-episode mean reached Gymnasium's threshold during training.`,
    '',
    formatTable(['env', 'algo', 'runs', 'mean [95% CI]', 'median [95% CI]', 'IQM [95% CI]', 'solved', 'median wall time'], rows, [2, 3, 4, 5, 7]),
  ];
  if (improvements.length > 0) {
    lines.push('', `Probability of improvement P(X > Y): the chance that a run of X has a higher ${score.name} than a run of Y on the same environment (ties count ½), with its 95 % interval.`, '');
    lines.push(formatTable(['env', 'X', 'Y', 'P(X > Y) [95% CI]'], improvements.map((row) => [row.env, row.x, row.y, withInterval(row.probability, (v) => v.toFixed(2))]), [3]));
  }
  return `${lines.join('\n')}\n`;
}
