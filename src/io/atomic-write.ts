// Files that are either wholly the old version or wholly the new one, whenever the process dies:
// write a temporary file beside the target, fsync it, rename it over the target (atomic on POSIX
// file systems within one directory), then fsync the directory so that the rename itself survives.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` atomically: a reader (or a process started after a crash) sees either
 * the previous file or the complete new one, never a mix. The temporary file lives in the same
 * directory (`.NAME.PID.RANDOM.tmp`) and is removed if anything fails. Synchronous, so that it can
 * run to completion inside a signal handler.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  // TEMPORARY_NAME below must match this name.
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined = openSync(temporary, 'wx', 0o644);
  try {
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone: nothing to clean up.
    }
    throw error;
  }
  syncDirectory(directory);
}

/** The temporary files of writeFileAtomicSync: `.NAME.PID.RANDOM.tmp`, with the writer's process id. */
const TEMPORARY_NAME = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * Removes the temporary files that writes in `directory` left when their process was killed
 * between creating and renaming them. Only names of writeFileAtomicSync's form are touched, and
 * only those whose process is this one (a killed run's id, reused) or no longer running — a live
 * writer's file is left alone. Returns the names removed.
 */
export function removeStaleTemporaryFiles(directory: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(directory)) {
    const pid = TEMPORARY_NAME.exec(name)?.[1];
    if (pid === undefined || (Number(pid) !== process.pid && processRunning(Number(pid)))) continue;
    try {
      unlinkSync(join(directory, name));
      removed.push(name);
    } catch {
      // Removed meanwhile, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes every byte of `bytes` at the descriptor's position: one `write` may write fewer. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** fsync of a directory makes a rename in it durable; some platforms (Windows) cannot open one. */
function syncDirectory(directory: string): void {
  let fd: number;
  try {
    fd = openSync(directory, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Not supported on this file system: the rename is still atomic, only its durability is weaker.
  } finally {
    closeSync(fd);
  }
}
