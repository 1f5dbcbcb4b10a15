// Interval estimates by the stratified bootstrap, as rliable computes them (rliable/library.py,
// get_interval_estimates with its defaults): each replication resamples, with replacement, the runs
// of every task separately (the strata are the tasks; with several score sets, as for the
// probability of improvement, each set separately: rliable's StratifiedIndependentBootstrap), and
// the interval is the percentile interval of the statistic over the replications (arch's conf_int
// with method 'percentile').
//
// The resampling draws from src/random's generator, so an estimate is the same for a seed on every
// engine, but not the same numbers as numpy's generator gives rliable.
import { Random } from '../random/prng.js';
import { assertInteger, assertKnownKeys, describe } from '../util/validate.js';
import { assertScores, percentile, type TaskScores } from './aggregates.js';

/** A point estimate with its confidence interval. */
export interface IntervalEstimate {
  /** The statistic of the scores themselves. */
  estimate: number;
  lower: number;
  upper: number;
}

export interface BootstrapOptions {
  /** Replications. Default 50,000 (rliable's default for aggregate metrics; it uses 2,000 for profiles). */
  reps?: number;
  /** Coverage of the interval. Default 0.95. */
  confidence?: number;
  /** Seed of the resampling. Default 0. */
  seed?: number;
}

/**
 * The estimate of `statistic` over `samples` (one score set per algorithm it compares: one for an
 * aggregate metric, two for the probability of improvement) and its stratified-bootstrap
 * percentile interval.
 *
 * @example
 * stratifiedBootstrap([scores], interquartileMean)            // IQM with its 95 % CI
 * stratifiedBootstrap([ppo, trpo], probabilityOfImprovement)  // P(PPO > TRPO) with its CI
 */
export function stratifiedBootstrap(
  samples: readonly TaskScores[],
  statistic: (...samples: TaskScores[]) => number,
  options: BootstrapOptions = {},
): IntervalEstimate {
  const replicates = bootstrapReplicates(samples, statistic, options);
  const confidence = options.confidence ?? 0.95;
  const tail = ((1 - confidence) / 2) * 100;
  return {
    estimate: statistic(...samples),
    lower: percentile(replicates, tail),
    upper: percentile(replicates, 100 - tail),
  };
}

/** The statistic of each bootstrap replication of `samples` (see stratifiedBootstrap). */
export function bootstrapReplicates(
  samples: readonly TaskScores[],
  statistic: (...samples: TaskScores[]) => number,
  options: BootstrapOptions = {},
): number[] {
  assertKnownKeys(options, ['reps', 'confidence', 'seed'], 'bootstrap options');
  const reps = options.reps ?? 50_000;
  const confidence = options.confidence ?? 0.95;
  assertInteger(reps, 'bootstrap options.reps', 1);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`bootstrap options.confidence must be in (0, 1), got ${describe(confidence)}`);
  assertInteger(options.seed ?? 0, 'bootstrap options.seed', 0);
  if (!Array.isArray(samples) || samples.length === 0) throw new TypeError(`bootstrap: expected an array of score sets, got ${describe(samples)}`);
  samples.forEach((scores, i) => assertScores(scores, `bootstrap: samples[${i}]`));
  const random = new Random(options.seed ?? 0);
  const resampled = samples.map((scores: TaskScores) => scores.map((runs: readonly number[]) => new Array<number>(runs.length)));
  const replicates = new Array<number>(reps);
  for (let rep = 0; rep < reps; rep++) {
    samples.forEach((scores: TaskScores, i: number) => scores.forEach((runs: readonly number[], task: number) => {
      const target = resampled[i]![task]!;
      for (let run = 0; run < runs.length; run++) target[run] = runs[random.integer(runs.length)]!;
    }));
    replicates[rep] = statistic(...resampled);
  }
  return replicates;
}
