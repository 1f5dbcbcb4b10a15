// `policygrad sweep` on this machine's cores: up to `jobs` runs at a time, each a `policygrad
// train` child process (train-process.ts) in its own folder of the sweep's output folder. Started
// on a folder where a sweep ran before, it skips the runs that finished and resumes those that
// stopped from their checkpoint; a run killed before its first checkpoint starts over. A failing
// run is recorded with the end of its log and the others go on.
import { existsSync, openSync, closeSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../io/run-folder.js';
import { runLockHolder } from '../io/run-lock.js';
import { processRunning } from '../util/process-running.js';
import { assertInteger } from '../util/validate.js';
import { runStatus } from './run-status.js';
import { appendSweepLog, lastSessionProcesses, runLogFile, writeRunConfigFile, writeSweepFile } from './sweep-folder.js';
import type { SweepRun, SweepSpec } from './sweep-spec.js';
import { logTail, startTrainProcess, type TrainProcess } from './train-process.js';

/** How a sweep stands, for its progress display. */
export interface SweepProgress {
  runs: number;
  /** Finished, including those finished before this sweep started. */
  done: number;
  running: number;
  queued: number;
  failed: number;
  /** Environment steps of every run when all are done. */
  totalSteps: number;
  /** Environment steps done so far, by all runs. */
  doneSteps: number;
  /** Of those, the steps done since this sweep started: what its rate is measured on. */
  sessionSteps: number;
}

/** A run that did not finish: its exit code and the last lines of its log. */
export interface FailedRun {
  run: SweepRun;
  code: number;
  log: string;
}

export interface SweepResult {
  finished: SweepRun[];
  failed: FailedRun[];
  /** Runs stopped by {@link LocalSweep.stop}, or never started because of it. */
  stopped: SweepRun[];
  /** Runs that were finished before the sweep started. */
  skipped: number;
}

export interface LocalSweepOptions {
  /** The output folder. */
  out: string;
  /** Runs at a time, ≥ 1. */
  jobs: number;
  /** The program and arguments that run `policygrad` (train-process.ts). */
  command: readonly string[];
  /** Told when a run's session starts and ends. */
  onRun?: (run: SweepRun, event: 'new' | 'resume' | 'finished' | 'failed' | 'stopped') => void;
}

/** Interval of the checks for a run folder held by another process (a stopped run still saving), ms. */
const LOCK_POLL_MS = 200;

export class LocalSweep {
  private stopping = false;
  private readonly running = new Map<string, { process: TrainProcess; steps: StepCounter }>();
  private readonly result: SweepResult = { finished: [], failed: [], stopped: [], skipped: 0 };
  private queue: SweepRun[] = [];
  /** Each run's last train process of an earlier sweep on the folder (sweep-folder.ts). */
  private earlierProcesses = new Map<string, number>();
  /** Steps of the runs that had finished before, and of the others' metrics lines then. */
  private skippedSteps = 0;
  private startSteps = 0;
  private finishedSteps = 0;

  /**
   * @param spec the sweep's spec (written into sweep.json).
   * @param runs its runs (sweep-spec.ts).
   */
  constructor(private readonly spec: readonly SweepSpec[], private readonly runs: readonly SweepRun[], private readonly options: LocalSweepOptions) {
    assertInteger(options.jobs, 'LocalSweep: options.jobs', 1);
  }

  /** Runs the sweep until every run has finished or failed, or {@link stop} was called and every child has exited. */
  async run(): Promise<SweepResult> {
    const { out } = this.options;
    writeSweepFile(out, this.spec, this.runs);
    this.earlierProcesses = lastSessionProcesses(out);
    for (const run of this.runs) {
      if (runStatus(join(out, run.folder), run.evalEpisodes) === 'finished') {
        this.result.finished.push(run);
        this.result.skipped++;
        this.finishedSteps += totalSteps(run);
        this.skippedSteps += totalSteps(run);
      } else {
        this.queue.push(run);
        this.startSteps += metricsLines(join(out, run.folder)) * run.batchSize;
      }
    }
    const lanes = Array.from({ length: Math.min(this.options.jobs, this.queue.length) }, () => this.lane());
    await Promise.all(lanes);
    this.result.stopped.push(...this.queue);
    this.queue = [];
    return this.result;
  }

  /** Stops the sweep: no new run starts, and each running one gets one SIGTERM (it saves its checkpoint and exits). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const { process } of this.running.values()) process.child.kill('SIGTERM');
  }

  /** Where the sweep stands now. */
  progress(): SweepProgress {
    let runningSteps = 0;
    for (const [id, { steps }] of this.running) runningSteps += steps.lines() * this.runs.find((run) => run.id === id)!.batchSize;
    const doneSteps = this.finishedSteps + runningSteps;
    const all = this.runs.reduce((sum, run) => sum + totalSteps(run), 0);
    return {
      runs: this.runs.length,
      done: this.result.finished.length,
      running: this.running.size,
      queued: this.queue.length,
      failed: this.result.failed.length,
      totalSteps: all,
      doneSteps,
      sessionSteps: Math.max(0, doneSteps - this.skippedSteps - this.startSteps),
    };
  }

  private async lane(): Promise<void> {
    for (let run = this.queue.shift(); run !== undefined && !this.stopping; run = this.queue.shift()) await this.runOne(run);
  }

  private async runOne(run: SweepRun): Promise<void> {
    const { out, command, onRun } = this.options;
    const dir = join(out, run.folder);
    // A run stopped by an earlier sweep that was killed may still be saving its checkpoint.
    const earlier = this.earlierProcesses.get(run.folder);
    while (((earlier !== undefined && processRunning(earlier)) || (existsSync(dir) && runLockHolder(dir) !== undefined)) && !this.stopping) await delay(LOCK_POLL_MS);
    if (this.stopping) {
      this.result.stopped.push(run);
      return;
    }
    const status = runStatus(dir, run.evalEpisodes);
    // A recorded session of an earlier sweep whose folder does not exist never began: its train
    // process waited for the start message and exited untouched (--wait-for-start).
    if (earlier !== undefined && !existsSync(dir)) appendSweepLog(out, { run: run.folder, event: 'unstarted', pid: earlier });
    if (status === 'finished') {
      this.finish(run);
      return;
    }
    // Killed before its first checkpoint: nothing to resume; train --out wants an empty folder.
    if (status === 'new') rmSync(dir, { recursive: true, force: true });
    const event = status === 'new' ? 'new' : 'resume';
    const logFile = runLogFile(out, run);
    const process = startTrainProcess({
      command, runDir: dir, logFile,
      ...(status === 'new' ? { configFile: writeRunConfigFile(out, run) } : {}),
      ...(run.checkpointEvery === undefined ? {} : { checkpointEvery: run.checkpointEvery }),
      ...(run.evalEpisodes === undefined ? {} : { evalEpisodes: run.evalEpisodes }),
    });
    appendSweepLog(out, { run: run.folder, event, by: 'local', ...(process.child.pid === undefined ? {} : { pid: process.child.pid }) });
    process.start(); // only now, with its start on record, may the run touch its folder
    onRun?.(run, event);
    this.running.set(run.id, { process, steps: new StepCounter(join(dir, RUN_FILES.metrics)) });
    const code = await process.exited;
    const lines = this.running.get(run.id)!.steps.lines();
    this.running.delete(run.id);
    if (code === 0 && runStatus(dir, run.evalEpisodes) === 'finished') {
      this.finish(run);
      appendSweepLog(out, { run: run.folder, event: 'finished', code });
      onRun?.(run, 'finished');
    } else if (this.stopping) {
      this.finishedSteps += lines * run.batchSize;
      this.result.stopped.push(run);
      appendSweepLog(out, { run: run.folder, event: 'stopped', code });
      onRun?.(run, 'stopped');
    } else {
      this.finishedSteps += lines * run.batchSize;
      this.result.failed.push({ run, code, log: logTail(logFile) });
      appendSweepLog(out, { run: run.folder, event: 'failed', code });
      onRun?.(run, 'failed');
    }
  }

  private finish(run: SweepRun): void {
    this.result.finished.push(run);
    this.finishedSteps += totalSteps(run);
  }
}

function totalSteps(run: SweepRun): number {
  return run.iterations * run.batchSize;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Complete lines of a run's metrics.jsonl now (0 if none). */
function metricsLines(dir: string): number {
  return new StepCounter(join(dir, RUN_FILES.metrics)).lines();
}

/**
 * The iterations a running run has logged: the newlines of its metrics.jsonl, read from where the
 * last count ended, so that a count costs only the bytes written since (a resume cuts the file
 * back: then it counts again from the start).
 */
class StepCounter {
  private offset = 0;
  private count = 0;

  constructor(private readonly path: string) {}

  lines(): number {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return this.count;
    }
    if (size < this.offset) this.offset = this.count = 0;
    if (size === this.offset) return this.count;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      while (this.offset < size) {
        const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - this.offset), this.offset);
        if (read === 0) break;
        for (let i = 0; i < read; i++) if (buffer[i] === 10) this.count++;
        this.offset += read;
      }
    } finally {
      closeSync(fd);
    }
    return this.count;
  }
}
