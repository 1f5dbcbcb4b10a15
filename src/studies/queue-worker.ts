// `policygrad worker --queue URL`: takes runs from the queue (up to `jobs` at a time) and trains
// each as a `policygrad train` child process in a temporary run folder of its own. Every checkpoint
// the run writes is copied, with the files it covers, into Redis (a hash per run, queue-connection.ts):
// when a worker dies, BullMQ's stalled-job check hands its job to another worker once the job's
// lock has expired, and that worker restores the snapshot and resumes the run from it, exactly. A
// finished run's files are the job's result; the submitting sweep writes them into its folder.
// A worker that was killed leaves its temporary folders behind; the next worker started on the
// host removes them (the run's copy in Redis is what another worker resumes from).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { runLockHolder } from '../io/run-lock.js';
import { CHECKPOINT_FILE } from '../train/run-directory.js';
import { processRunning } from '../util/process-running.js';
import { assertInteger } from '../util/validate.js';
import {
  checkRedisUrl, connectionOptions, loadQueuePackages, MAX_RUN_FILES_BYTES, QUEUE_NAME, snapshotKey, type RunJobData, type RunJobResult,
} from './queue-connection.js';
import { readRunFiles, writeRunFiles } from './run-files.js';
import { runStatus } from './run-status.js';
import { logTail, startTrainProcess, type TrainProcess } from './train-process.js';

export interface QueueWorkerOptions {
  /** redis://HOST:PORT */
  url: string;
  /** Runs at a time. */
  jobs: number;
  /** The program and arguments that run `policygrad`. */
  command: readonly string[];
  /** How long a job's lock lasts without renewal, ms: a dead worker's job is handed on about this long after (BullMQ default 30,000). */
  lockMs: number;
  /** Interval of the stalled-job check, ms (BullMQ default 30,000). */
  stalledMs: number;
  /** Times a job may stall (its worker die) before it fails. */
  maxStalled: number;
  /** Interval of the checks for a new checkpoint to copy into Redis, ms. */
  snapshotMs: number;
  /** Told a line at a time what happens. */
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; each running run saves its checkpoint (copied into Redis) and its job goes back to the queue. */
  stop(): Promise<void>;
  /** Resolves when the worker has stopped. */
  readonly closed: Promise<void>;
}

/** Prefix of a worker's temporary folders in the OS's temporary folder; the worker's pid and a dash follow. */
const TEMPORARY_PREFIX = 'policygrad-worker-';
const TEMPORARY_NAME = new RegExp(`^${TEMPORARY_PREFIX}(\\d+)-`);

/**
 * Removes the temporary folders of workers of this host that no longer run, keeping any whose run
 * folder is still locked: a killed worker's train process outlives it while it saves its
 * checkpoint. Returns the folders removed.
 */
export function removeDeadWorkersFolders(parent = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const pid = Number(TEMPORARY_NAME.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processRunning(pid)) continue;
    const base = join(parent, name);
    try {
      if (!statSync(base).isDirectory()) continue;
      // Beside the run folder lie the worker's config.json and train.log.
      const runFolders = readdirSync(base, { withFileTypes: true }).filter((entry) => entry.isDirectory());
      if (runFolders.some((entry) => runLockHolder(join(base, entry.name)) !== undefined)) continue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another worker removed it first
      throw error;
    }
    rmSync(base, { recursive: true, force: true });
    removed.push(base);
  }
  return removed;
}

/** Starts a worker; it runs until {@link QueueWorker.stop}. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const url = checkRedisUrl(options.url, '--queue');
  assertInteger(options.jobs, 'worker options.jobs', 1);
  const { bullmq, Redis } = await loadQueuePackages();
  // Housekeeping: a folder it cannot read or remove is reported, and the worker works all the same.
  try {
    const removed = removeDeadWorkersFolders();
    if (removed.length > 0) options.log(`removed ${removed.length} temporary folders of workers that no longer run`);
  } catch (error) {
    options.log(`could not remove the temporary folders of workers that no longer run: ${(error as Error).message}`);
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const running = new Set<TrainProcess>();
  let stopping = false;
  const who = `${hostname()}:${process.pid}`;

  const processor = async (job: import('bullmq').Job<RunJobData, RunJobResult>, token?: string): Promise<RunJobResult> => {
    const data = job.data;
    const id = job.id!;
    const base = mkdtempSync(join(tmpdir(), `${TEMPORARY_PREFIX}${process.pid}-`));
    const runDir = join(base, data.folder);
    try {
      const snapshot = await redis.hgetallBuffer(snapshotKey(id));
      const resume = snapshot[CHECKPOINT_FILE] !== undefined;
      let configFile: string | undefined;
      if (resume) writeRunFiles(runDir, new Map(Object.entries(snapshot)));
      else {
        configFile = join(base, 'config.json');
        writeFileAtomicSync(configFile, `${JSON.stringify(data.config, null, 2)}\n`);
      }
      options.log(`${resume ? 'resuming' : 'starting'} ${id}`);
      const logFile = join(base, 'train.log');
      const child = startTrainProcess({
        command: options.command, runDir, logFile,
        ...(configFile === undefined ? {} : { configFile }),
        ...(data.checkpointEvery === undefined ? {} : { checkpointEvery: data.checkpointEvery }),
        ...(data.evalEpisodes === undefined ? {} : { evalEpisodes: data.evalEpisodes }),
      });
      running.add(child);
      if (stopping) child.child.kill('SIGTERM');
      else child.start();
      const uploader = new SnapshotUploader(redis, snapshotKey(id), runDir, options.log);
      const timer = setInterval(() => void uploader.check(), options.snapshotMs);
      let code: number;
      try {
        code = await child.exited;
      } finally {
        clearInterval(timer);
        running.delete(child);
      }
      await uploader.check();
      if (code === 0 && runStatus(runDir, data.evalEpisodes) === 'finished') {
        const files = readRunFiles(runDir, MAX_RUN_FILES_BYTES);
        options.log(`finished ${id}`);
        return { files: Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.toString('base64')])) };
      }
      if (stopping) {
        // Back to the queue: another worker (or this one, started again) resumes it from the snapshot.
        await job.moveToWait(token);
        throw new bullmq.WaitingError();
      }
      throw new Error(`${id}: train exited with code ${code} on ${who}; the end of its log:\n${logTail(logFile)}`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };

  const worker = new bullmq.Worker<RunJobData, RunJobResult>(QUEUE_NAME, processor, {
    connection: connectionOptions(url), concurrency: options.jobs,
    lockDuration: options.lockMs, stalledInterval: options.stalledMs, maxStalledCount: options.maxStalled,
  });
  worker.on('error', (error) => options.log(`queue: ${error.message}`));
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  options.log(`worker ${who} takes up to ${options.jobs} runs at a time from ${url} (queue ${QUEUE_NAME})`);
  return {
    closed,
    async stop() {
      if (stopping) return closed;
      stopping = true;
      for (const child of running) child.child.kill('SIGTERM');
      await worker.close();
      redis.disconnect();
      resolveClosed();
      return closed;
    },
  };
}

/**
 * Copies a run folder's files into the Redis hash `key` whenever its checkpoint has changed since
 * the last copy that Redis took (a copy that failed, Redis being away, is tried again at the next check).
 */
class SnapshotUploader {
  private uploaded = '';
  private busy = false;

  constructor(
    private readonly redis: InstanceType<typeof import('ioredis').Redis>,
    private readonly key: string, private readonly runDir: string, private readonly log: (line: string) => void,
  ) {}

  async check(): Promise<void> {
    const path = join(this.runDir, CHECKPOINT_FILE);
    if (this.busy || !existsSync(path)) return;
    const stat = statSync(path);
    const version = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (version === this.uploaded) return;
    this.busy = true;
    try {
      const files = readRunFiles(this.runDir, MAX_RUN_FILES_BYTES);
      await this.redis.multi().del(this.key).hset(this.key, Object.fromEntries(files)).exec();
      this.uploaded = version;
    } catch (error) {
      this.log(`copying the checkpoint of ${this.runDir} into Redis failed (${(error as Error).message}); trying again`);
    } finally {
      this.busy = false;
    }
  }
}
