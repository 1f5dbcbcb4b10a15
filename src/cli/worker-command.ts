// `policygrad worker --queue URL`: trains the runs that `policygrad sweep --queue URL` enqueued,
// on this machine, until stopped (Ctrl-C, SIGTERM, SIGHUP: each run saves its checkpoint, which
// goes into Redis, and its job returns to the queue for any worker to resume).
import { availableParallelism } from 'node:os';
import { startQueueWorker } from '../studies/queue-worker.js';
import { integerFlag, UsageError, type Command } from './command.js';
import { signalExitCode, watchInterrupts } from './interrupt.js';
import { POLICYGRAD_COMMAND } from './sweep-command.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'train the runs of sweeps enqueued on a Redis queue (sweep --queue), on this machine',
  usage: 'policygrad worker --queue redis://HOST:PORT [--jobs N] [--lock-ms MS] [--stalled-ms MS]',
  description: 'Takes runs from the queue, up to --jobs at a time, and trains each as a `policygrad train` process in a temporary\n'
    + 'folder. Every checkpoint is copied into Redis, so that when a worker dies another resumes its run from the last one, once\n'
    + 'the job\'s lock (--lock-ms) has expired and a stalled-job check (every --stalled-ms) has found it. A finished run\'s files\n'
    + 'go back to the sweep through Redis: no shared file system is needed. Runs until Ctrl-C, SIGTERM or SIGHUP, which stop\n'
    + 'each run with its checkpoint and return its job to the queue. Needs the packages bullmq and ioredis.',
  options: {
    queue: { type: 'string', valueName: 'URL', doc: 'redis://HOST:PORT of the sweep\'s Redis (required)' },
    jobs: { type: 'string', short: 'j', valueName: 'N', doc: `runs at a time (default: the number of cores, here ${availableParallelism()})` },
    'lock-ms': { type: 'string', valueName: 'MS', doc: 'how long a job stays with a worker that stopped renewing its lock (default 30000)' },
    'stalled-ms': { type: 'string', valueName: 'MS', doc: 'interval of the checks for jobs whose worker died (default 30000)' },
    'max-stalled': { type: 'string', valueName: 'N', doc: 'times a run may lose its worker before it counts as failed (default 10)' },
    'snapshot-ms': { type: 'string', valueName: 'MS', doc: 'interval of the checks for a new checkpoint to copy into Redis (default 500)' },
  },
  async run({ values }, io) {
    if (typeof values.queue !== 'string') throw new UsageError('--queue redis://HOST:PORT is required');
    const integer = (name: string, fallback: number, min: number) => integerFlag(values[name], name, fallback, min);
    const options = {
      url: values.queue, command: POLICYGRAD_COMMAND, log: (line: string) => io.stderr.write(`${line}\n`),
      jobs: integer('jobs', availableParallelism(), 1),
      lockMs: integer('lock-ms', 30_000, 100),
      stalledMs: integer('stalled-ms', 30_000, 100),
      maxStalled: integer('max-stalled', 10, 1),
      snapshotMs: integer('snapshot-ms', 500, 10),
    };
    const worker = await startQueueWorker(options);
    const interrupts = watchInterrupts({ onFirst: (signal) => {
      io.stderr.write(`Interrupted (${signal}): each run saves its checkpoint and goes back to the queue\n`);
      void worker.stop();
    } });
    try {
      await worker.closed;
    } finally {
      interrupts.dispose();
    }
    return interrupts.signal === undefined ? 0 : signalExitCode(interrupts.signal);
  },
};
