// Learning curves of run folders: what `policygrad plot` draws and what the trainer redraws into
// each run's curve.svg.
import { rewardThreshold } from '../envs/registry.js';
import { readRunConfig, readRunMetrics } from '../io/run-folder.js';
import { learningCurveSvg, type CurveRun, type LearningCurveOptions } from './learning-curve-svg.js';

/**
 * The curve of one run folder, labelled `algo env`: the metrics records that carry a finite
 * `global_step` and `episodic_return` (iterations in which no episode ended carry none).
 */
export function runCurve(runDir: string): CurveRun & { env: string } {
  const { algo, env } = readRunConfig(runDir);
  const steps: number[] = [];
  const returns: number[] = [];
  for (const record of readRunMetrics(runDir)) {
    const step = record.global_step;
    const value = record.episodic_return;
    if (typeof step === 'number' && Number.isFinite(step) && typeof value === 'number' && Number.isFinite(value)) {
      steps.push(step);
      returns.push(value);
    }
  }
  return { label: `${algo} ${env}`, env, steps, returns };
}

/**
 * The SVG of the learning curves of `runDirs`, runs grouped by algorithm and environment. When all
 * runs share one environment, the title names it and its "solved at" return is drawn.
 */
export function runCurvesSvg(runDirs: readonly string[], options: LearningCurveOptions = {}): string {
  const runs = runDirs.map(runCurve);
  const envs = [...new Set(runs.map((run) => run.env))];
  const solvedAt = envs.length === 1 ? rewardThreshold(envs[0]!) : undefined;
  return learningCurveSvg(runs, {
    title: envs.length === 1 ? envs[0]! : 'Learning curves',
    ...(solvedAt === undefined ? {} : { threshold: { value: solvedAt, label: `solved at ${solvedAt}` } }),
    ...options,
  });
}
