// `policygrad sweep SPEC --out DIR`: every run of a sweep spec (studies/sweep-spec.ts), on this
// machine's cores (--jobs) or through a Redis queue that `policygrad worker` processes take runs
// from (--queue). Started again on the same folder it skips the finished runs and resumes the
// others; Ctrl-C, SIGTERM and SIGHUP stop every run at its next iteration with its checkpoint.
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CONFIG_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { LocalSweep, type SweepResult } from '../studies/local-sweep.js';
import { runQueueSweep } from '../studies/queue-sweep.js';
import { parseSweepSpec } from '../studies/sweep-spec.js';
import { requireEnvModule } from './env-module.js';
import { prepareIfRegistered } from '../envs/registry.js';
import { parseJsonWithin } from '../util/json-limits.js';
import { ConfigError } from '../util/settings-schema.js';
import { integerFlag, UsageError, type Command, type CommandIO } from './command.js';
import { signalExitCode, watchInterrupts } from './interrupt.js';
import { SweepProgressLine } from './sweep-progress.js';

/** How `policygrad` runs itself for each run: this Node, this package's command line. */
export const POLICYGRAD_COMMAND: readonly string[] = [process.execPath, fileURLToPath(new URL('./main.js', import.meta.url))];

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run every run of a sweep spec (algorithms × environments × seeds × settings), on local cores or a Redis queue',
  usage: 'policygrad sweep SPEC.json --out DIR [--jobs N]\n       policygrad sweep SPEC.json --out DIR --queue redis://HOST:PORT',
  description: 'SPEC.json: {"algorithms": ["ppo"], "environments": ["CartPole-v1"], "seeds": [1, 2], "steps": 20000}, with optional\n'
    + '"settings" (a grid: {"learningRate": [3e-4, 1e-3]}), "preset" (zoo, defaults or both), "checkpointEvery", "evalEpisodes",\n'
    + '"envModule" (a module that registers your environments, as train --env-module; relative to the spec\'s folder).\n'
    + 'Every problem of the spec and of every run\'s settings is reported at once (exit code 2). Each run trains as a\n'
    + '`policygrad train` process in DIR/ALGO-ENV-seedS-ID (ID: a hash of its resolved settings). Run again on the same DIR,\n'
    + 'the sweep skips finished runs and resumes stopped ones from their checkpoint. A failing run is reported with the end\n'
    + 'of its log and the others go on; the exit code is then 1. With --queue, the runs are jobs of a Redis queue that\n'
    + '`policygrad worker` processes on any machines train, and their folders are written into DIR as they finish.',
  positionals: true,
  options: {
    out: { type: 'string', short: 'o', valueName: 'DIR', doc: 'the sweep\'s output folder (required); the same folder again resumes the sweep' },
    jobs: { type: 'string', short: 'j', valueName: 'N', doc: `runs at a time on this machine (default: the number of cores, here ${availableParallelism()})` },
    queue: { type: 'string', valueName: 'URL', doc: 'redis://HOST:PORT: enqueue the runs for `policygrad worker` processes and wait for their results (needs bullmq and ioredis)' },
    'poll-ms': { type: 'string', valueName: 'MS', doc: 'with --queue: how often to ask Redis for finished runs (default 1000)' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(`expected one SPEC.json, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
    if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
    const { spec, runs } = await readSweepSpec(positionals[0]!);
    const out = values.out;
    if (typeof values.queue === 'string') {
      if (values.jobs !== undefined) throw new UsageError('--jobs is for a local sweep; with --queue, each worker has its own --jobs');
      const pollMs = integerFlag(values['poll-ms'], 'poll-ms', 1000, 1);
      const result = await runQueueSweep(spec, runs, { out, url: values.queue, pollMs, log: (line) => io.stderr.write(`${line}\n`) });
      return report(result, out, io);
    }
    const jobs = integerFlag(values.jobs, 'jobs', availableParallelism(), 1);
    const progress = new SweepProgressLine({ stream: io.stderr });
    const sweep = new LocalSweep(spec, runs, {
      out, jobs, command: POLICYGRAD_COMMAND,
      onRun: (run, event) => {
        if (event === 'failed') progress.printAbove(`run ${run.folder} failed; its log: ${out}/logs/${run.folder}.log\n`);
      },
    });
    const interrupts = watchInterrupts({ onFirst: (signal) => {
      progress.printAbove(`\nInterrupted (${signal}): each run saves its checkpoint and stops; run the same command again to resume\n`);
      sweep.stop();
    } });
    const timer = setInterval(() => progress.update(sweep.progress()), 100);
    let result: SweepResult;
    try {
      result = await sweep.run();
    } finally {
      clearInterval(timer);
      progress.update(sweep.progress());
      progress.finish();
      interrupts.dispose();
    }
    const code = report(result, out, io);
    return interrupts.signal === undefined ? code : signalExitCode(interrupts.signal);
  },
};

/**
 * The spec file read and checked: a ConfigError (exit code 2) lists every problem. Its
 * environment modules (envModule, relative to the spec's folder) are imported first, so that the
 * runs' environments are registered when their settings are resolved.
 */
async function readSweepSpec(path: string): Promise<ReturnType<typeof parseSweepSpec>> {
  let json: unknown;
  try {
    json = parseJsonWithin(readFileBounded(path, MAX_CONFIG_FILE_BYTES).toString('utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`${path}: ${code === 'ENOENT' ? 'no such file' : code !== undefined ? (error as Error).message : `cannot read it as JSON (${(error as Error).message})`}`]);
  }
  for (const part of Array.isArray(json) ? json : [json]) {
    if (typeof part !== 'object' || part === null || typeof (part as { envModule?: unknown }).envModule !== 'string') continue;
    const withModule = part as { envModule: string };
    withModule.envModule = resolve(dirname(resolve(path)), withModule.envModule);
    await requireEnvModule(withModule.envModule, `${path}: envModule`);
  }
  for (const part of Array.isArray(json) ? json : [json]) {
    const environments = typeof part === 'object' && part !== null ? (part as { environments?: unknown }).environments : undefined;
    if (Array.isArray(environments)) for (const env of environments) await prepareIfRegistered(env);
  }
  return parseSweepSpec(json, path);
}

/** Prints what the sweep did; 1 if a run failed. */
function report(result: SweepResult, out: string, io: CommandIO): number {
  for (const { run, code, log } of result.failed) {
    io.stderr.write(`Run ${run.folder} failed (exit code ${code}); the end of ${out}/logs/${run.folder}.log:\n${log.split('\n').map((line) => `  ${line}`).join('\n')}\n`);
  }
  const runs = result.finished.length + result.failed.length + result.stopped.length;
  io.stdout.write(`Sweep ${out}: ${result.finished.length} of ${runs} runs finished (${result.skipped} before this sweep), `
    + `${result.failed.length} failed, ${result.stopped.length} stopped\n`);
  if (result.stopped.length > 0) io.stdout.write('Run the same command again to resume the stopped runs.\n');
  return result.failed.length > 0 ? 1 : 0;
}

