// Stopping a training run from outside: Ctrl-C (SIGINT), a scheduler's or `kill`'s SIGTERM (a
// preempted batch job), a closed terminal's SIGHUP. The first signal only raises a flag, so that
// the loop can finish its iteration, save a checkpoint and the summary, and exit with 128 + the
// signal's number — the status a shell gives a process that the signal ended, so that a retry loop
// or a scheduler sees a stopped run as stopped, never as finished. A second signal exits at once.
// A run started by `policygrad sweep` or `worker` has an IPC channel to its parent: when the
// channel closes (the parent exited or was killed, even by SIGKILL, which it cannot pass on), the
// run stops as on SIGTERM, so that no run outlives the sweep that started it.
import { constants } from 'node:os';
import { START_MESSAGE } from '../studies/train-process.js';

/** The signals that stop a run cleanly. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** 128 + the signal's number: SIGHUP 129, SIGINT 130, SIGTERM 143 (POSIX numbers). */
export function signalExitCode(signal: NodeJS.Signals): number {
  const number = constants.signals[signal];
  if (number === undefined) throw new RangeError(`signalExitCode: signal must be a signal name such as 'SIGINT', got ${String(signal)}`);
  return 128 + number;
}

export interface InterruptWatch {
  /** True once a signal has arrived: save and stop at the next safe point. */
  readonly requested: boolean;
  /** The signal that arrived, if any. */
  readonly signal: NodeJS.Signals | undefined;
  /** Removes the handlers: signals behave as before. */
  dispose(): void;
}

export interface InterruptOptions {
  /** Default {@link STOP_SIGNALS}. */
  signals?: readonly NodeJS.Signals[];
  /** Told when the first signal arrives (e.g. "saving a checkpoint; Ctrl-C again to quit at once"). */
  onFirst?: (signal: NodeJS.Signals) => void;
}

/**
 * Installs the handlers; call `dispose()` when the run is over. A second signal exits with its
 * {@link signalExitCode}. In a process with an IPC channel (spawned with 'ipc' in its stdio), the
 * channel's 'disconnect' counts as a SIGTERM.
 */
export function watchInterrupts(options: InterruptOptions = {}): InterruptWatch {
  const { signals = STOP_SIGNALS, onFirst } = options;
  let signal: NodeJS.Signals | undefined;
  const handler = (received: NodeJS.Signals) => {
    if (signal !== undefined) process.exit(signalExitCode(received));
    signal = received;
    onFirst?.(received);
  };
  for (const name of signals) process.on(name, handler);
  // Only a process started with an IPC channel has one to lose; listening refs the channel, so the
  // listener is removed by dispose() like the signals' handlers.
  const orphaned = () => handler('SIGTERM');
  const watchesParent = process.channel !== undefined;
  if (watchesParent) process.on('disconnect', orphaned);
  // A parent that died before the handlers were installed: the channel is already closed.
  else if (process.send !== undefined && !process.connected) orphaned();
  return {
    get requested() {
      return signal !== undefined;
    },
    get signal() {
      return signal;
    },
    dispose() {
      for (const name of signals) process.off(name, handler);
      if (watchesParent) process.off('disconnect', orphaned);
    },
  };
}

/**
 * For `train --wait-for-start`: resolves true once the parent sends {@link START_MESSAGE}, false
 * if the channel closes first or there is none (a parent that died before it recorded the start).
 */
export function parentStart(): Promise<boolean> {
  if (process.send === undefined || !process.connected) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (started: boolean) => {
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
      resolve(started);
    };
    const onMessage = (message: unknown) => {
      if (message === START_MESSAGE) done(true);
    };
    const onDisconnect = () => done(false);
    process.on('message', onMessage);
    process.on('disconnect', onDisconnect);
  });
}
