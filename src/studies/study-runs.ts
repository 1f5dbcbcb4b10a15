// The runs of a study, read from run folders: a sweep's output folder (every subfolder that holds a
// config.json) or single run folders (`train --out`), grouped by environment and by algorithm —
// with the settings that differ between runs of the same algorithm and environment (a grid's
// axes; the seed aside) in the group's name, so that each point of a grid is a group of its own.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readRunConfig, RUN_FILES, forEachRunMetric, type RunConfig } from '../io/run-folder.js';
import { readSummary, summaryEvaluation } from './run-status.js';

/** One run of a study. */
export interface StudyRun {
  dir: string;
  config: RunConfig;
  /**
   * The final return: summary.json's `finalReturn` (the mean return of the last 100 training
   * episodes), or, for a run without one, the last finite `episodic_return` of metrics.jsonl.
   */
  finalReturn: number | undefined;
  /**
   * The final evaluation: summary.json's `evaluation` (the deterministic policy's mean return over
   * the episodes that `train --eval-episodes` ran when the run was done), if it has one.
   */
  evaluation: ReturnType<typeof summaryEvaluation>;
  /** Whether summary.json says the threshold was reached (null: no threshold or no summary). */
  solved: boolean | null;
  /** Training wall seconds, from summary.json. */
  wallSeconds: number | undefined;
  /** The learning curve: global_step and episodic_return of the records that have both finite. */
  steps: number[];
  returns: number[];
}

/** The runs of one environment and one algorithm (and grid point). */
export interface StudyGroup {
  env: string;
  algo: string;
  /** `algo`, then `key=value` for each setting that differs between the runs of its algorithm and environment. */
  label: string;
  runs: StudyRun[];
}

/** Settings that never name a group: the run's identity and what differs between seeds by design. */
const NOT_A_VARIANT = new Set(['algo', 'env', 'seed', 'version']);

/**
 * The run folders under `paths`: a path with a config.json is a run folder; another folder
 * contributes each of its subfolders that has one. Throws if a path is neither.
 */
export function findRunFolders(paths: readonly string[]): string[] {
  const dirs: string[] = [];
  for (const path of paths) {
    if (existsSync(join(path, RUN_FILES.config))) dirs.push(path);
    else if (existsSync(path) && statSync(path).isDirectory()) {
      const found = readdirSync(path).sort().map((name) => join(path, name)).filter((dir) => existsSync(join(dir, RUN_FILES.config)));
      if (found.length === 0) throw new Error(`${path}: neither a run folder (no ${RUN_FILES.config}) nor a folder of run folders`);
      dirs.push(...found);
    } else throw new Error(`${path}: no such folder`);
  }
  return dirs;
}

/** Reads one run folder: config.json, summary.json if any, and the learning curve from metrics.jsonl. */
export function readStudyRun(dir: string): StudyRun {
  const config = readRunConfig(dir);
  const summary = readSummary(dir);
  const steps: number[] = [];
  const returns: number[] = [];
  if (existsSync(join(dir, RUN_FILES.metrics))) {
    forEachRunMetric(dir, (record) => {
      const { global_step: step, episodic_return: value } = record;
      if (typeof step === 'number' && Number.isFinite(step) && typeof value === 'number' && Number.isFinite(value)) {
        steps.push(step);
        returns.push(value);
      }
    });
  }
  const fromSummary = summary?.finalReturn;
  return {
    dir, config, steps, returns,
    finalReturn: typeof fromSummary === 'number' && Number.isFinite(fromSummary) ? fromSummary : returns.at(-1),
    evaluation: summary === undefined ? undefined : summaryEvaluation(summary),
    solved: typeof summary?.solved === 'boolean' ? summary.solved : null,
    wallSeconds: typeof summary?.wallSeconds === 'number' ? summary.wallSeconds : undefined,
  };
}

/**
 * The runs grouped by environment, algorithm and the settings that differ (see the file's
 * comment): environments in order of first appearance, and within each its algorithms in order
 * of first appearance (run folders are named algorithm first, so that order alone would scatter
 * an environment's rows).
 */
export function groupRuns(runs: readonly StudyRun[]): StudyGroup[] {
  const byPair = new Map<string, StudyRun[]>();
  for (const run of runs) {
    const key = JSON.stringify([run.config.env, run.config.algo]);
    byPair.set(key, [...(byPair.get(key) ?? []), run]);
  }
  const envs = [...new Set(runs.map((run) => run.config.env))];
  const pairs = [...byPair.values()].sort((a, b) => envs.indexOf(a[0]!.config.env) - envs.indexOf(b[0]!.config.env));
  const groups: StudyGroup[] = [];
  for (const members of pairs) {
    const keys = [...new Set(members.flatMap((run) => Object.keys(run.config)))].filter((key) => !NOT_A_VARIANT.has(key));
    const varying = keys.filter((key) => new Set(members.map((run) => JSON.stringify(run.config[key]))).size > 1).sort();
    const byLabel = new Map<string, StudyRun[]>();
    for (const run of members) {
      const label = [run.config.algo, ...varying.map((key) => `${key}=${formatValue(run.config[key])}`)].join(' ');
      byLabel.set(label, [...(byLabel.get(label) ?? []), run]);
    }
    for (const [label, grouped] of byLabel) groups.push({ env: grouped[0]!.config.env, algo: grouped[0]!.config.algo, label, runs: grouped });
  }
  return groups;
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
