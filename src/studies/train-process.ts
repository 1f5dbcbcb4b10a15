// One run of a sweep as a `policygrad train` child process, which brings every durability feature
// of a single run: atomic files, the folder's lock, checkpoints, exact resume, clean stops on a
// signal. The child gets an IPC channel to this process, and the train command stops (saving its
// checkpoint) when the channel closes: a sweep or worker killed even by SIGKILL leaves no run
// behind it still training. Its output goes to a log file, not to a pipe, so that a child whose
// parent died can still write (a pipe without a reader would fail its writes) and its last lines
// tell why a run failed.
//
// The child starts with --wait-for-start: it touches nothing until this process sends it
// START_MESSAGE, which the caller does once it has recorded the start (the sweep's log, with the
// child's pid). A sweep killed between the spawn and that record then leaves no run started that
// the next sweep does not know of: the child sees its channel close first and exits untouched.
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export interface TrainProcessOptions {
  /** The program and arguments that run `policygrad`, e.g. `[process.execPath, '…/cli/main.js']`. */
  command: readonly string[];
  /** The run folder. */
  runDir: string;
  /** A new run: the config file (a run's config.json) it starts from; absent: resume `runDir`. */
  configFile?: string;
  /** `train --checkpoint-every`; train's default if absent. */
  checkpointEvery?: number;
  /** `train --eval-episodes`; train's default if absent. */
  evalEpisodes?: number;
  /** The child's stdout and stderr are appended here. */
  logFile: string;
}

/** What the parent sends a `train --wait-for-start` child to let it begin. */
export const START_MESSAGE = 'start';

export interface TrainProcess {
  child: ChildProcess;
  /** Lets the child begin (sends {@link START_MESSAGE}); until then it has touched nothing. */
  start(): void;
  /** The exit code, or 128 + the signal's number if a signal ended it. */
  exited: Promise<number>;
}

/** The `policygrad train` arguments of a run: a new one from its config file, or a resume. */
export function trainArguments(options: Omit<TrainProcessOptions, 'command' | 'logFile'>): string[] {
  const args = options.configFile === undefined
    ? ['train', '--resume', options.runDir]
    : ['train', '--config', options.configFile, '--preset', 'defaults', '--out', options.runDir];
  if (options.checkpointEvery !== undefined) args.push('--checkpoint-every', String(options.checkpointEvery));
  if (options.evalEpisodes !== undefined) args.push('--eval-episodes', String(options.evalEpisodes));
  // No table of metrics: a sweep's log says what happened, metrics.jsonl holds the numbers.
  args.push('--log-interval', '0', '--wait-for-start');
  return args;
}

/**
 * Starts the run. The child is the leader of its own process group, so that a terminal's Ctrl-C
 * reaches the sweep only, which passes one SIGTERM to each child: a second signal would make a
 * child quit without its checkpoint.
 */
export function startTrainProcess(options: TrainProcessOptions): TrainProcess {
  const [program, ...prefix] = options.command;
  if (program === undefined) throw new TypeError('startTrainProcess: options.command must name the program that runs policygrad');
  const log = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(program, [...prefix, ...trainArguments(options)], { stdio: ['ignore', log, log, 'ipc'], detached: true });
  } finally {
    closeSync(log);
  }
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal] ?? 0)));
  });
  // A child that already died (its channel closed) needs no message: its exit is reported by `exited`.
  const start = () => {
    if (child.connected) child.send(START_MESSAGE);
  };
  return { child, start, exited };
}

/** The last `maxBytes` of a log file (its last lines: why a run failed), '' if there is none. */
export function logTail(path: string, maxBytes = 2000): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trim();
  } finally {
    closeSync(fd);
  }
}
