// A run folder on disk (Node): config.json, metrics.jsonl, curve.svg, summary.json and the
// checkpoint — each written atomically or line by line, so that a killed process leaves every
// file readable and the last complete checkpoint loadable.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { packageVersion } from '../io/package-version.js';
import { MAX_BINARY_FILE_BYTES, MAX_CONFIG_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { RUN_FILES } from '../io/run-folder.js';
import { acquireRunLock, isRunLockFile, RunFolderInUseError, runLockHolder, type RunLock } from '../io/run-lock.js';
import { curvesSvg, type RunCurve } from '../report/run-curves.js';
import { parseJsonWithin } from '../util/json-limits.js';
import { ConfigError } from '../util/settings-schema.js';
import { CHECKPOINT_FILE, type CheckpointHistory } from './checkpoint-history.js';
import { openCheckpoint, type DecodedCheckpoint, type OpenedCheckpoint } from './checkpoint.js';
import { networksForConfig, runConfig, trainerCheckpoint } from './run-config.js';
import type { RunRecord } from './run-record.js';
import type { ResolvedSettings } from './settings.js';
import type { Trainer } from './trainer.js';

export { CHECKPOINT_FILE };

/**
 * A new run's folder must not exist yet or be empty: nothing of an earlier run is overwritten.
 * A stale lock does not count; a folder that a live process holds throws RunFolderInUseError.
 */
export function checkNewRunDirectory(out: string): string | undefined {
  if (!existsSync(out)) return undefined;
  const holder = runLockHolder(out);
  if (holder !== undefined) throw new RunFolderInUseError(out, holder.owner);
  return notEmptyProblem(out);
}

function notEmptyProblem(out: string): string | undefined {
  if (readdirSync(out).some((name) => !isRunLockFile(name))) return `--out ${out} exists and is not empty; choose another folder, or continue that run with --resume ${out}`;
  return undefined;
}

/**
 * Makes this process the one writer of a run folder: creates a new run's folder and locks it, or
 * locks an existing run's. A new run's folder is checked again under the lock, since another
 * process may have started a run in it after the first check.
 */
export function lockRunDirectory(out: string, isNew: boolean): RunLock {
  if (isNew) mkdirSync(out, { recursive: true });
  const lock = acquireRunLock(out);
  const problem = isNew ? notEmptyProblem(out) : undefined;
  if (problem !== undefined) {
    lock.release();
    throw new ConfigError([problem]);
  }
  return lock;
}

/** config.json: every resolved setting with the algorithm, environment, seed and package version. */
export function writeRunConfig(out: string, resolved: ResolvedSettings): void {
  writeFileAtomicSync(join(out, RUN_FILES.config), `${JSON.stringify(runConfig(resolved, packageVersion()), null, 2)}\n`);
}

/**
 * An existing run's config.json as it is stored (settings not yet checked: `envModule`, if there
 * is one, must be imported before its environment resolves).
 */
export function readRunConfigFile(out: string): Record<string, unknown> {
  const path = join(out, RUN_FILES.config);
  let config: unknown;
  try {
    config = parseJsonWithin(readFileBounded(path, MAX_CONFIG_FILE_BYTES).toString('utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the run's configuration (${(error as Error).message})`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error(`${path}: the run's configuration must be a JSON object`);
  return config as Record<string, unknown>;
}

/**
 * Writes the trainer's checkpoint, with the run's record (run-record.ts) if given; `history`, if
 * given, keeps the checkpoint it replaces (checkpoint-history.ts).
 */
export async function saveCheckpoint(out: string, trainer: Trainer, { run, history }: { run?: RunRecord; history?: CheckpointHistory } = {}): Promise<string> {
  const path = join(out, CHECKPOINT_FILE);
  const bytes = await trainerCheckpoint(trainer, { version: packageVersion(), ...(run === undefined ? {} : { run: run.toJSON() }) });
  history?.beforeSave(trainer.iteration);
  writeFileAtomicSync(path, bytes);
  return path;
}

/** The checkpoint at `path`, opened: its configuration, read before its tensors are checked against it. */
export function openCheckpointFile(path: string): OpenedCheckpoint {
  return openCheckpoint(readFileBounded(path, MAX_BINARY_FILE_BYTES));
}

/** The checkpoint at `path`, decoded and checked against the networks its configuration implies (its environment must be registered). */
export function loadCheckpoint(path: string): DecodedCheckpoint {
  const opened = openCheckpointFile(path);
  return opened.decode(networksForConfig(opened.config));
}

/** Redraws curve.svg from the run's curve as the trainer keeps it (the same as `plot` reads from metrics.jsonl). */
export function writeCurve(out: string, curve: RunCurve): void {
  writeFileAtomicSync(join(out, RUN_FILES.curve), curvesSvg([curve]));
}

export function writeSummary(out: string, summary: object): void {
  writeFileAtomicSync(join(out, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
}
