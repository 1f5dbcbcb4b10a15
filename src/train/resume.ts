// `train --resume DIR`: everything a resume reads is checked before the run's files change — the
// checkpoint's tensors (decodeCheckpoint), its configuration against config.json, the metrics
// lines the resumed run keeps, and every field of its state (validate-state.ts). Only then does
// the trainer take the state, and only after that is metrics.jsonl cut back to the checkpoint.
import { join } from 'node:path';
import { RUN_FILES } from '../io/run-folder.js';
import { describe } from '../util/validate.js';
import { FileReadError, MAX_METRICS_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { parseJsonWithin } from '../util/json-limits.js';
import type { DecodedCheckpoint } from './checkpoint.js';
import { resolvedFromConfig, runConfig } from './run-config.js';
import { CHECKPOINT_FILE, loadCheckpoint } from './run-directory.js';
import type { Trainer } from './trainer.js';
import { restoreTrainerState, ResumeError } from './validate-state.js';

/**
 * Restores `trainer` (created from the run's config.json) from the checkpoint in `out`, and returns
 * the checkpoint (its run record is the caller's). Throws
 * ResumeError, with nothing changed on disk, if the checkpoint's configuration differs from
 * config.json, a metrics line that the run keeps is corrupt, or a field of its state is invalid.
 */
export async function restoreFromCheckpoint(out: string, trainer: Trainer): Promise<DecodedCheckpoint> {
  const path = join(out, CHECKPOINT_FILE);
  const checkpoint = loadCheckpoint(path);
  const differences = configDifferences(runConfig(trainer.resolved), checkpoint.config);
  if (differences.length > 0) {
    throw new ResumeError(`${join(out, RUN_FILES.config)} does not match the configuration saved in ${path}: ${differences.join('; ')}. `
      + 'The checkpoint was trained with its own; restore config.json to it, or start a new run.');
  }
  checkKeptMetrics(join(out, RUN_FILES.metrics), checkpoint.state.iteration);
  await restoreTrainerState(trainer, checkpoint.state, path);
  return checkpoint;
}

/**
 * The settings on which two run configurations disagree, as "key: A in config.json, B in the
 * checkpoint" — the package version and the environment module's path aside (a module moved since
 * is the same environment), and a totalSteps above the checkpoint's: a run extended (`train
 * --resume DIR --steps N`) writes config.json first, and its checkpoints only from the next one on.
 */
function configDifferences(config: Record<string, unknown>, saved: Record<string, unknown>): string[] {
  let savedConfig: Record<string, unknown>;
  try {
    savedConfig = runConfig(resolvedFromConfig(saved));
  } catch (error) {
    return [`the checkpoint's configuration is invalid (${(error as Error).message})`];
  }
  const extended = (key: string) => key === 'totalSteps' && (config[key] as number) > (savedConfig[key] as number);
  const keys = [...new Set([...Object.keys(config), ...Object.keys(savedConfig)])].filter((key) => key !== 'version' && key !== 'envModule' && !extended(key));
  return keys.filter((key) => JSON.stringify(config[key]) !== JSON.stringify(savedConfig[key]))
    .map((key) => `${key} is ${JSON.stringify(config[key])} in config.json, ${JSON.stringify(savedConfig[key])} in the checkpoint`);
}

/**
 * The first `iterations` lines of metrics.jsonl, which the resumed run keeps, must each be a JSON
 * object whose `iteration` is its line number: a corrupt line found now is reported while the file
 * is intact, instead of failing the run later (when the curve is redrawn) after it was cut.
 */
function checkKeptMetrics(path: string, iterations: number): void {
  let text: string;
  try {
    text = readFileBounded(path, MAX_METRICS_FILE_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileReadError && error.code === 'ENOENT') return;
    throw error;
  }
  const complete = text.split('\n');
  complete.pop(); // after the last newline: nothing, or a torn line, which the writer cuts off
  complete.slice(0, iterations).forEach((line, i) => {
    let record: unknown;
    try {
      record = parseJsonWithin(line);
    } catch (error) {
      throw new ResumeError(`${path}: line ${i + 1} is not valid JSON (${(error as Error).message}); the resumed run keeps lines 1 to ${iterations}: repair or remove that line first`);
    }
    const iteration = (record as { iteration?: unknown } | null)?.iteration;
    if (record === null || typeof record !== 'object' || Array.isArray(record) || iteration !== i + 1) {
      throw new ResumeError(`${path}: line ${i + 1} must be the metrics object of iteration ${i + 1}, got ${Array.isArray(record) || record === null || typeof record !== 'object' ? describe(record) : `iteration ${describe(iteration)}`}; the resumed run keeps lines 1 to ${iterations}: repair or remove that line first`);
    }
  });
}
