// Ctrl-C during training: the first SIGINT (or SIGTERM) only raises a flag, so that the loop can
// finish its iteration, save a checkpoint and exit cleanly; a second one exits at once.

export interface InterruptWatch {
  /** True once a signal has arrived: save and stop at the next safe point. */
  readonly requested: boolean;
  /** The signal that arrived, if any. */
  readonly signal: NodeJS.Signals | undefined;
  /** Removes the handlers: signals behave as before. */
  dispose(): void;
}

export interface InterruptOptions {
  signals?: readonly NodeJS.Signals[];
  /** Told when the first signal arrives (e.g. "saving a checkpoint; Ctrl-C again to quit at once"). */
  onFirst?: (signal: NodeJS.Signals) => void;
  /** Exit code for a second signal. Default 130, the shell's code for death by SIGINT. */
  forcedExitCode?: number;
}

/** Installs the handlers; call `dispose()` when the loop is over. */
export function watchInterrupts(options: InterruptOptions = {}): InterruptWatch {
  const { signals = ['SIGINT', 'SIGTERM'], onFirst, forcedExitCode = 130 } = options;
  let signal: NodeJS.Signals | undefined;
  const handler = (received: NodeJS.Signals) => {
    if (signal !== undefined) process.exit(forcedExitCode);
    signal = received;
    onFirst?.(received);
  };
  for (const name of signals) process.on(name, handler);
  return {
    get requested() {
      return signal !== undefined;
    },
    get signal() {
      return signal;
    },
    dispose() {
      for (const name of signals) process.off(name, handler);
    },
  };
}
