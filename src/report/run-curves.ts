// Learning curves of run folders: what `policygrad plot` draws and what the trainer redraws into
// each run's curve.svg. A run's curve is kept downsampled as its records arrive, so that drawing it
// costs the same at iteration 100 and at iteration 10,000,000, and reading a run folder streams its
// metrics.jsonl instead of holding it. Any logged metric can be drawn; runs of different
// environments go into separate panels.
import { rewardThreshold } from '../envs/registry.js';
import { forEachRunMetric, readRunConfig, RUN_FILES } from '../io/run-folder.js';
import { quote } from '../util/validate.js';
import { DownsampledCurve } from './downsampled-curve.js';
import { learningCurveSvg, type CurvePanel, type CurveRun, type LearningCurveOptions } from './learning-curve-svg.js';

/** The metric drawn unless another is named: the mean return of the last 100 episodes. */
export const DEFAULT_METRIC = 'episodic_return';

/**
 * The curve of one run's `metric`, labelled `algo env`: the metrics records that carry a finite
 * `global_step` and a finite value of the metric (iterations in which no episode ended carry no
 * return; a NaN is written as null).
 */
export class RunCurve {
  readonly label: string;
  private readonly curve = new DownsampledCurve();

  constructor(algo: string, readonly env: string, readonly metric = DEFAULT_METRIC) {
    this.label = `${algo} ${env}`;
  }

  /** Takes one metrics record (a line of metrics.jsonl); records without a finite value are skipped. */
  add(record: Record<string, unknown>): void {
    const step = record.global_step;
    const value = Object.hasOwn(record, this.metric) ? record[this.metric] : undefined;
    if (typeof step === 'number' && Number.isFinite(step) && typeof value === 'number' && Number.isFinite(value)) this.curve.add(step, value);
  }

  /** The downsampled points as a {@link CurveRun}. */
  run(): CurveRun {
    const { steps, values } = this.curve.points();
    return { label: this.label, steps, values };
  }
}

/** A run folder's metrics.jsonl has records, but none with the metric asked for. */
export class MissingMetricError extends Error {
  constructor(readonly runDir: string, readonly metric: string, readonly available: readonly string[]) {
    super(`${runDir}/${RUN_FILES.metrics} has no metric ${quote(metric)}; its metrics: ${available.map((name) => quote(name, 40)).join(', ')}`);
    this.name = 'MissingMetricError';
  }
}

/**
 * The curve of `metric` of one run folder, from its config.json and metrics.jsonl (read line by
 * line). Throws {@link MissingMetricError} if no record has the metric (a folder without records
 * yet draws an empty curve).
 */
export function readRunCurve(runDir: string, metric = DEFAULT_METRIC): RunCurve {
  const { algo, env } = readRunConfig(runDir);
  const curve = new RunCurve(algo, env, metric);
  const names = new Set<string>();
  let found = false;
  forEachRunMetric(runDir, (record) => {
    if (!found) for (const name of Object.keys(record)) names.add(name);
    found ||= Object.hasOwn(record, metric);
    curve.add(record);
  });
  if (!found && names.size > 0) throw new MissingMetricError(runDir, metric, [...names]);
  return curve;
}

/**
 * The SVG of the curves of `runDirs`' `metric` (default the episodic return), runs grouped by
 * algorithm and environment, one panel per environment.
 */
export function runCurvesSvg(runDirs: readonly string[], options: LearningCurveOptions & { metric?: string } = {}): string {
  const { metric = DEFAULT_METRIC, ...rest } = options;
  return curvesSvg(runDirs.map((dir) => readRunCurve(dir, metric)), rest);
}

/**
 * {@link runCurvesSvg} of curves already read (the trainer's own, kept in memory), all of one
 * metric. One panel per environment, titled with it; the figure's title is the environment when
 * there is one. The y axis is named for the metric; the return's panels mark the environment's
 * "solved at" return.
 */
export function curvesSvg(curves: readonly RunCurve[], options: LearningCurveOptions = {}): string {
  const metric = curves[0]?.metric ?? DEFAULT_METRIC;
  const envs = [...new Set(curves.map((curve) => curve.env))];
  const panels: CurvePanel[] = envs.map((env) => {
    const solvedAt = metric === DEFAULT_METRIC ? rewardThreshold(env) : undefined;
    return {
      title: env,
      runs: curves.filter((curve) => curve.env === env).map((curve) => curve.run()),
      ...(solvedAt === undefined ? {} : { threshold: { value: solvedAt, label: `solved at ${solvedAt}` } }),
    };
  });
  if (panels.length === 0) panels.push({ title: 'Learning curves', runs: [] });
  return learningCurveSvg(panels, {
    yLabel: metricLabel(metric),
    emptyText: metric === DEFAULT_METRIC ? 'no episodes finished yet' : `no finite ${metric} logged yet`,
    ...options,
  });
}

/** The y axis's name: the metric's name as logged, and for the episode statistics what they average. */
export function metricLabel(metric: string): string {
  return metric === 'episodic_return' || metric === 'episodic_length' ? `${metric} (mean of the last 100 episodes)` : metric;
}
