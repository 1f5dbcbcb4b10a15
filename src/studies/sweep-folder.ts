// A sweep's output folder: `sweep.json` (the spec and its runs, rewritten atomically by every
// sweep started on the folder), one run folder per run (`ALGO-ENV-seedS-ID/`, what `train --out`
// writes), `configs/ID-FOLDER.json` (the config a new run starts from), `logs/FOLDER.log` (each
// run's train output, every session appended) and `sweep-log.jsonl`, one line per session started
// or ended — the record of what ran when, by which a test counts training starts.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { MAX_METRICS_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import type { SweepRun, SweepSpec } from './sweep-spec.js';

/** The file names of a sweep's output folder. */
export const SWEEP_FILES = { sweep: 'sweep.json', log: 'sweep-log.jsonl', configs: 'configs', logs: 'logs' } as const;

/** A line of sweep-log.jsonl. */
export interface SweepLogRecord {
  /** ISO 8601. */
  time: string;
  run: string;
  /**
   * 'new': trained from the start; 'resume': from its checkpoint; 'finished', 'failed', 'stopped':
   * a session's end; 'unstarted', written by a later sweep: the run's last session never began
   * (its sweep was killed after recording it and before letting it start, so its process exited
   * without touching the folder).
   */
  event: 'new' | 'resume' | 'finished' | 'failed' | 'stopped' | 'unstarted';
  /** A session's exit code (at its end). */
  code?: number;
  /** Who trained it: 'local', or 'queue'. */
  by?: string;
  /** A session's start (local): the train process's id, so that a later sweep can wait for it to end. */
  pid?: number;
}

/** Creates the folder (if needed) and writes sweep.json. */
export function writeSweepFile(out: string, spec: readonly SweepSpec[], runs: readonly SweepRun[]): void {
  mkdirSync(join(out, SWEEP_FILES.configs), { recursive: true });
  mkdirSync(join(out, SWEEP_FILES.logs), { recursive: true });
  const listed = runs.map(({ id, folder, algo, env, seed, preset, settings }) => ({ id, folder, algo, env, seed, preset, settings }));
  writeFileAtomicSync(join(out, SWEEP_FILES.sweep), `${JSON.stringify({ spec, runs: listed }, null, 2)}\n`);
}

/** Appends one record to sweep-log.jsonl (one write of one line). */
export function appendSweepLog(out: string, record: Omit<SweepLogRecord, 'time'>): void {
  appendFileSync(join(out, SWEEP_FILES.log), `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
}

/**
 * Each run's last local session start in sweep-log.jsonl with its process id: a sweep killed
 * with SIGKILL leaves its children to save their checkpoints and exit, some of them perhaps not
 * yet started far enough to hold their folder's lock; the next sweep waits for these processes.
 */
export function lastSessionProcesses(out: string): Map<string, number> {
  const pids = new Map<string, number>();
  let text: string;
  try {
    text = readFileBounded(join(out, SWEEP_FILES.log), MAX_METRICS_FILE_BYTES).toString('utf8');
  } catch {
    return pids;
  }
  for (const line of text.split('\n')) {
    let record: Partial<SweepLogRecord>;
    try {
      record = JSON.parse(line) as Partial<SweepLogRecord>;
    } catch {
      continue; // a torn last line
    }
    if (typeof record.run === 'string' && Number.isInteger(record.pid)) pids.set(record.run, record.pid!);
  }
  return pids;
}

/** Where a run's config file goes before its first session. */
export function runConfigFile(out: string, run: SweepRun): string {
  return join(out, SWEEP_FILES.configs, `${run.folder}.json`);
}

/** Writes the config file of a new run (its config.json-to-be) atomically; returns its path. */
export function writeRunConfigFile(out: string, run: SweepRun): string {
  const path = runConfigFile(out, run);
  writeFileAtomicSync(path, `${JSON.stringify(run.config, null, 2)}\n`);
  return path;
}

/** A run's log of train output. */
export function runLogFile(out: string, run: SweepRun): string {
  return join(out, SWEEP_FILES.logs, `${run.folder}.log`);
}
