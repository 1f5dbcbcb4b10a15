// One writer per run folder: `run.lock` names the process that owns the folder (pid, host, start
// time) for as long as it runs. Two `train` processes on one folder interleave metrics and
// overwrite each other's checkpoints, so the second one must stop before it writes anything.
//
// The lock is created complete or not at all: its contents go to a temporary file, which is then
// hard-linked to `run.lock` — `link` fails with EEXIST when the lock exists, so it is an exclusive
// create like open(…, 'wx'), and a reader never sees a half-written lock (which it could not tell
// from a lock left by a process that died while writing it).
//
// A lock whose process has died (SIGKILL, a crash, a power cut) is stale and is taken over: it is
// renamed aside (one rename of a given file succeeds), checked to be the same stale lock that was
// read, and only then removed; if another process took the folder over in between, its lock is
// linked back. A lock from another host cannot be checked and counts as live.
//
// A RunLock is Disposable, so that `using lock = acquireRunLock(dir)` releases it however the
// scope ends (return, throw); the lib reference below declares Symbol.dispose, which Node has.
/// <reference lib="esnext.disposable" />
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { processRunning } from '../util/process-running.js';
import { writeAll } from './atomic-write.js';

export const RUN_LOCK_FILE = 'run.lock';

/**
 * Exit code of a command refused because another process holds the run folder: 75, EX_TEMPFAIL
 * of sysexits.h, "try again later" — the folder is fine, it is only busy, so a batch system or a
 * retry loop can tell it apart from a failed run (1) and a bad command line (2).
 */
export const RUN_IN_USE_EXIT_CODE = 75;

/** What `run.lock` holds. */
export interface RunLockOwner {
  pid: number;
  host: string;
  /** ISO 8601 time the owner took the lock. */
  started: string;
}

/** Another live process holds the run folder. */
export class RunFolderInUseError extends Error {
  override name = 'RunFolderInUseError';
  constructor(readonly folder: string, readonly owner: RunLockOwner | undefined) {
    const who = owner === undefined ? 'another process' : `process ${owner.pid} on ${owner.host} (since ${owner.started})`;
    super(`${folder} is in use by ${who}: one process writes a run folder at a time. `
      + `If that process is not a policygrad run, delete ${join(folder, RUN_LOCK_FILE)} and try again.`);
  }
}

export interface RunLock extends Disposable {
  readonly path: string;
  readonly owner: RunLockOwner;
  /** Removes the lock if it is still this process's; safe to call more than once. */
  release(): void;
}

/** The locks this process holds: a lock with this process's own pid is live only if listed here. */
const heldLocks = new Set<string>();

/** Whether `name`, an entry of a run folder, is its lock or a lock in the making or being cleared. */
export function isRunLockFile(name: string): boolean {
  return name === RUN_LOCK_FILE || name.startsWith(`.${RUN_LOCK_FILE}.`) || name.startsWith(`${RUN_LOCK_FILE}.`);
}

/**
 * Takes the lock of `folder` (which must exist), taking over a stale one. Throws
 * RunFolderInUseError if a live process holds it. The lock is also released when the process
 * exits through `process.exit` (a second Ctrl-C), where no `finally` runs.
 */
export function acquireRunLock(folder: string): RunLock {
  const path = join(folder, RUN_LOCK_FILE);
  const owner: RunLockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const text = `${JSON.stringify(owner)}\n`;
  const temporary = join(folder, `.${RUN_LOCK_FILE}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // Two attempts: the second after a stale lock has been cleared away.
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temporary, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = readLock(path);
      if (held === undefined) continue; // released between our link and our read
      if (attempt > 0 || isLive(held.owner, path)) throw new RunFolderInUseError(folder, held.owner);
      removeStaleLock(path, held.text);
    }
  } finally {
    unlinkQuietly(temporary);
  }
  heldLocks.add(resolve(path));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    heldLocks.delete(resolve(path));
    if (readLock(path)?.text === text) unlinkQuietly(path);
  };
  process.on('exit', release);
  return { path, owner, release, [Symbol.dispose]: release };
}

/**
 * Whether a live process holds `folder`'s lock, and which (undefined for an unreadable lock).
 * A folder with no lock, or a stale one, is free.
 */
export function runLockHolder(folder: string): { owner: RunLockOwner | undefined } | undefined {
  const path = join(folder, RUN_LOCK_FILE);
  const held = readLock(path);
  return held !== undefined && isLive(held.owner, path) ? { owner: held.owner } : undefined;
}

/** The lock's text and its owner (undefined if unreadable as one); undefined if there is no lock. */
function readLock(path: string): { text: string; owner: RunLockOwner | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<RunLockOwner>;
    if (Number.isInteger(value.pid) && (value.pid as number) > 0 && typeof value.host === 'string' && typeof value.started === 'string') {
      return { text, owner: value as RunLockOwner };
    }
  } catch {
    // Not a lock this code wrote: reported as held by an unknown process.
  }
  return { text, owner: undefined };
}

/**
 * Whether the owner may still be running (util/process-running.ts). An unreadable lock, or one
 * from another host, cannot be checked and counts as live. A pid reused by an unrelated process
 * also looks live: the error message says which lock file to delete then.
 */
function isLive(owner: RunLockOwner | undefined, path: string): boolean {
  if (owner === undefined || owner.host !== hostname()) return true;
  // Our own pid: a lock we hold, or one left by an earlier process that had the same pid.
  if (owner.pid === process.pid) return heldLocks.has(resolve(path));
  return processRunning(owner.pid);
}

/** Clears away the stale lock whose text is `staleText`, leaving any newer lock in place. */
function removeStaleLock(path: string, staleText: string): void {
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process cleared it first
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    // Another process took the folder over between our read and our rename: give its lock back.
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkQuietly(aside);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
