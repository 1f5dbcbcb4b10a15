// `policygrad sweep SPEC --out DIR --queue URL`: each run that DIR does not hold finished becomes
// a BullMQ job (one stopped part way in DIR starts from its checkpoint there) whose id is the run's folder name — submitting the spec again adds no duplicate,
// and a job that finished while no sweep was waiting is collected by the next — and the sweep
// then asks Redis, every `pollMs`, for the jobs that finished: a finished one's files (the job's
// return value) are written into DIR, each atomically, and the job and its snapshot are removed.
// Asking (instead of listening to QueueEvents) rides through a restarted Redis: the state is in
// Redis, and the next question after the restart finds it.
import { join } from 'node:path';
import type { FailedRun, SweepResult } from './local-sweep.js';
import {
  checkRedisUrl, connectionOptions, loadQueuePackages, MAX_RUN_FILES_BYTES, QUEUE_NAME, snapshotKey, type RunJobData, type RunJobResult,
} from './queue-connection.js';
import { readRunFiles, writeRunFiles } from './run-files.js';
import { runStatus } from './run-status.js';
import { appendSweepLog, writeSweepFile } from './sweep-folder.js';
import type { SweepRun, SweepSpec } from './sweep-spec.js';

export interface QueueSweepOptions {
  out: string;
  /** redis://HOST:PORT */
  url: string;
  /** Interval of the questions to Redis, ms. */
  pollMs: number;
  /** Told a line at a time what happens. */
  log: (line: string) => void;
}

/** Enqueues the unfinished runs and waits until each has finished or failed; the results are written into `out`. */
export async function runQueueSweep(spec: readonly SweepSpec[], runs: readonly SweepRun[], options: QueueSweepOptions): Promise<SweepResult> {
  const { out, pollMs, log } = options;
  const url = checkRedisUrl(options.url, '--queue');
  const { bullmq, Redis } = await loadQueuePackages();
  writeSweepFile(out, spec, runs);
  const result: SweepResult = { finished: [], failed: [], stopped: [], skipped: 0 };
  const pending = new Map<string, SweepRun>();
  for (const run of runs) {
    if (runStatus(join(out, run.folder), run.evalEpisodes) === 'finished') {
      result.finished.push(run);
      result.skipped++;
    } else pending.set(run.folder, run);
  }
  if (pending.size === 0) return result;
  const queue = new bullmq.Queue<RunJobData, RunJobResult>(QUEUE_NAME, { connection: connectionOptions(url) });
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  /**
   * Enqueues `run`. One stopped part way in its folder (by a local sweep, say), or trained without
   * the evaluation the spec now asks for, continues from its checkpoint there.
   */
  const enqueue = async (run: SweepRun): Promise<void> => {
    const dir = join(out, run.folder);
    if (runStatus(dir, run.evalEpisodes) === 'resumable' && await redis.exists(snapshotKey(run.folder)) === 0) {
      await redis.hset(snapshotKey(run.folder), Object.fromEntries(readRunFiles(dir, MAX_RUN_FILES_BYTES)));
    }
    await queue.add('train', jobData(run), { jobId: run.folder });
  };
  try {
    for (const run of pending.values()) {
      const existing = await queue.getJob(run.folder);
      if (existing !== undefined && await existing.getState() === 'failed') await existing.retry();
      else if (existing === undefined) await enqueue(run);
    }
    log(`Enqueued ${pending.size} runs on ${url} (queue ${QUEUE_NAME}); waiting for workers (policygrad worker --queue ${url})`);
    while (pending.size > 0) {
      for (const [id, run] of pending) {
        const job = await queue.getJob(id);
        if (job === undefined) {
          // Lost with a Redis that kept no data: enqueue it again (its snapshot went with it).
          log(`run ${id}: its job is gone from Redis; enqueuing it again`);
          await queue.add('train', jobData(run), { jobId: id });
          continue;
        }
        const state = await job.getState();
        if (state === 'completed') {
          // Read again: the job read above may predate its completion, without the result.
          const done = await queue.getJob(id);
          if (done?.returnvalue?.files === undefined) continue;
          const files = new Map(Object.entries(done.returnvalue.files).map(([name, base64]) => [name, Buffer.from(base64, 'base64')]));
          const dir = join(out, run.folder);
          writeRunFiles(dir, files);
          await done.remove();
          await redis.del(snapshotKey(id));
          if (runStatus(dir, run.evalEpisodes) !== 'finished') {
            // A job of an earlier sweep that did not ask for this evaluation, completed after that
            // sweep stopped: the run goes back to the queue from its checkpoint, to be evaluated.
            await enqueue(run);
            log(`run ${id}: trained without the evaluation this sweep asks for; enqueued again to be evaluated`);
            continue;
          }
          appendSweepLog(out, { run: id, event: 'finished', by: 'queue' });
          pending.delete(id);
          result.finished.push(run);
          log(`run ${id} finished (${result.finished.length}/${runs.length})`);
        } else if (state === 'failed') {
          const failure: FailedRun = { run, code: 1, log: job.failedReason ?? '' };
          appendSweepLog(out, { run: id, event: 'failed', by: 'queue' });
          pending.delete(id);
          result.failed.push(failure);
          log(`run ${id} failed`);
        }
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await queue.close();
    redis.disconnect();
  }
  return result;
}

function jobData(run: SweepRun): RunJobData {
  return {
    folder: run.folder, config: run.config,
    ...(run.checkpointEvery === undefined ? {} : { checkpointEvery: run.checkpointEvery }),
    ...(run.evalEpisodes === undefined ? {} : { evalEpisodes: run.evalEpisodes }),
  };
}
