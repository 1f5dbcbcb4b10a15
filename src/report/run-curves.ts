// Learning curves of run folders: what `policygrad plot` draws and what the trainer redraws into
// each run's curve.svg. A run's curve is kept downsampled as its records arrive, so that drawing it
// costs the same at iteration 100 and at iteration 10,000,000, and reading a run folder streams its
// metrics.jsonl instead of holding it.
import { rewardThreshold } from '../envs/registry.js';
import { forEachRunMetric, readRunConfig } from '../io/run-folder.js';
import { DownsampledCurve } from './downsampled-curve.js';
import { learningCurveSvg, type CurveRun, type LearningCurveOptions } from './learning-curve-svg.js';

/**
 * The curve of one run, labelled `algo env`: the metrics records that carry a finite
 * `global_step` and `episodic_return` (iterations in which no episode ended carry none).
 */
export class RunCurve {
  readonly label: string;
  private readonly curve = new DownsampledCurve();

  constructor(algo: string, readonly env: string) {
    this.label = `${algo} ${env}`;
  }

  /** Takes one metrics record (a line of metrics.jsonl); records without a return are skipped. */
  add(record: Record<string, unknown>): void {
    const step = record.global_step;
    const value = record.episodic_return;
    if (typeof step === 'number' && Number.isFinite(step) && typeof value === 'number' && Number.isFinite(value)) this.curve.add(step, value);
  }

  /** The downsampled points as a {@link CurveRun}. */
  run(): CurveRun {
    const { steps, values } = this.curve.points();
    return { label: this.label, steps, returns: values };
  }
}

/** The curve of one run folder, from its config.json and metrics.jsonl (read line by line). */
export function readRunCurve(runDir: string): RunCurve {
  const { algo, env } = readRunConfig(runDir);
  const curve = new RunCurve(algo, env);
  forEachRunMetric(runDir, (record) => curve.add(record));
  return curve;
}

/**
 * The SVG of the learning curves of `runDirs`, runs grouped by algorithm and environment. When all
 * runs share one environment, the title names it and its "solved at" return is drawn.
 */
export function runCurvesSvg(runDirs: readonly string[], options: LearningCurveOptions = {}): string {
  return curvesSvg(runDirs.map(readRunCurve), options);
}

/** {@link runCurvesSvg} of curves already read (the trainer's own, kept in memory). */
export function curvesSvg(curves: readonly RunCurve[], options: LearningCurveOptions = {}): string {
  const envs = [...new Set(curves.map((curve) => curve.env))];
  const solvedAt = envs.length === 1 ? rewardThreshold(envs[0]!) : undefined;
  return learningCurveSvg(curves.map((curve) => curve.run()), {
    title: envs.length === 1 ? envs[0]! : 'Learning curves',
    ...(solvedAt === undefined ? {} : { threshold: { value: solvedAt, label: `solved at ${solvedAt}` } }),
    ...options,
  });
}
