// The files of a run folder (`policygrad train --out DIR`), named in one place for the writer
// (the trainer) and the readers (plot, eval, resume).
import { join } from 'node:path';
import { parseJsonWithin } from '../util/json-limits.js';
import { forEachJsonLine, readJsonLines } from './json-lines.js';
import { MAX_CONFIG_FILE_BYTES, readFileBounded } from './read-bounded.js';

export const RUN_FILES = {
  /** Every resolved setting, `algo`, `env`, `seed` and the package `version`. */
  config: 'config.json',
  /** One JSON line per iteration: `global_step`, `episodic_return` and the algorithm's metrics. */
  metrics: 'metrics.jsonl',
  /** The same records as a CSV table: a header of the metrics' names, one row per iteration. */
  progress: 'progress.csv',
  /** The run's learning curve, redrawn as training goes. */
  curve: 'curve.svg',
  /** Steps, wall seconds, final return over the last 100 episodes, whether the threshold was reached. */
  summary: 'summary.json',
} as const;

/** The fields of config.json that every reader relies on; the rest depends on the algorithm. */
export interface RunConfig {
  algo: string;
  env: string;
  seed: number;
  [setting: string]: unknown;
}

/** A run folder's config.json, checked for `algo`, `env` and `seed`. */
export function readRunConfig(runDir: string): RunConfig {
  const path = join(runDir, RUN_FILES.config);
  let config: unknown;
  try {
    config = parseJsonWithin(readFileBounded(path, MAX_CONFIG_FILE_BYTES).toString('utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the run's config (${(error as Error).message})`);
  }
  const fields = config as Partial<RunConfig> | null;
  if (typeof fields !== 'object' || fields === null || typeof fields.algo !== 'string' || typeof fields.env !== 'string' || !Number.isInteger(fields.seed)) {
    throw new Error(`${path}: expected an object with string 'algo' and 'env' and integer 'seed'`);
  }
  return fields as RunConfig;
}

/** A run folder's metrics.jsonl records (a torn last line from a killed run is skipped). */
export function readRunMetrics(runDir: string): Record<string, unknown>[] {
  const path = join(runDir, RUN_FILES.metrics);
  let records: unknown[];
  try {
    records = readJsonLines(path);
  } catch (error) {
    throw new Error(`${path}: cannot read the run's metrics (${(error as Error).message})`);
  }
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error(`${path}: record ${i + 1} is not a JSON object`);
  });
  return records as Record<string, unknown>[];
}

/**
 * Calls `visit` with each of a run folder's metrics.jsonl records, read line by line (a run of
 * millions of iterations has a file too large to hold as one string). Errors as {@link readRunMetrics}.
 */
export function forEachRunMetric(runDir: string, visit: (record: Record<string, unknown>) => void): void {
  const path = join(runDir, RUN_FILES.metrics);
  try {
    forEachJsonLine(path, (record, line) => {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error(`line ${line} is not a JSON object`);
      visit(record as Record<string, unknown>);
    });
  } catch (error) {
    throw new Error(`${path}: cannot read the run's metrics (${(error as Error).message})`);
  }
}
