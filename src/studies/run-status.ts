// Where a run of a sweep stands, from its folder alone: a sweep started again reads this for each
// run, so that finished runs are skipped and stopped ones resumed from their checkpoint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CONFIG_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { RUN_FILES } from '../io/run-folder.js';
import type { EvaluationSummary } from '../train/run-record.js';
import { CHECKPOINT_FILE } from '../train/run-directory.js';
import { parseJsonWithin } from '../util/json-limits.js';

/**
 * 'finished': summary.json of a run that was not interrupted, with the final evaluation asked for;
 * 'resumable': a checkpoint; 'new': neither.
 */
export type RunStatus = 'finished' | 'resumable' | 'new';

/**
 * The status of the run folder `dir`. A summary.json is written at the end of every session; only
 * a session that trained to the end and was not interrupted writes `"interrupted": false`. A
 * folder killed before its first checkpoint (config.json and some metrics lines at most) is new:
 * its run starts over. With `evalEpisodes` > 0, a run is finished only once its summary holds an
 * evaluation over that many episodes: a run trained to the end without one is resumable, and
 * resuming it (train --resume --eval-episodes N) trains nothing and evaluates.
 */
export function runStatus(dir: string, evalEpisodes = 0): RunStatus {
  const summary = readSummary(dir);
  const checkpoint = existsSync(join(dir, CHECKPOINT_FILE));
  if (summary?.interrupted === false && checkpoint && (evalEpisodes === 0 || summaryEvaluation(summary)?.episodes === evalEpisodes)) return 'finished';
  return checkpoint ? 'resumable' : 'new';
}

/** The final evaluation that a summary.json records (train --eval-episodes), or undefined for none. */
export function summaryEvaluation(summary: Record<string, unknown>): Pick<EvaluationSummary, 'episodes' | 'mean'> | undefined {
  const { evaluation } = summary;
  if (typeof evaluation !== 'object' || evaluation === null) return undefined;
  const { episodes, mean } = evaluation as Record<string, unknown>;
  return Number.isInteger(episodes) && (episodes as number) > 0 && typeof mean === 'number' && Number.isFinite(mean) ? { episodes: episodes as number, mean } : undefined;
}

/** A run folder's summary.json, or undefined if it has none that parses. */
export function readSummary(dir: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parseJsonWithin(readFileBounded(join(dir, RUN_FILES.summary), MAX_CONFIG_FILE_BYTES).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
