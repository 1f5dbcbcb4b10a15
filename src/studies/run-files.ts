// A run folder's files as bytes, to travel through Redis: a worker's snapshot after each
// checkpoint (so that another worker can resume the run) and the finished folder it returns to
// the submitting sweep, which writes each file atomically into its own output folder.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { readFileBounded } from '../io/read-bounded.js';
import { RUN_FILES } from '../io/run-folder.js';
import { isRunLockFile } from '../io/run-lock.js';
import { CHECKPOINT_FILE } from '../train/run-directory.js';

/** A file name of a run folder that travels: no lock, no temporary file, no subfolder. */
function travels(name: string): boolean {
  return !isRunLockFile(name) && !name.startsWith('.') && /^[A-Za-z0-9._-]+$/.test(name);
}

/**
 * The regular files of `dir` (its lock and temporary files aside), the checkpoint read first: the
 * metrics files are made durable before each checkpoint, so read after it they cover it. Throws a
 * RangeError if they hold more than `maxBytes` together.
 */
export function readRunFiles(dir: string, maxBytes: number): Map<string, Buffer> {
  const names = readdirSync(dir).filter((name) => travels(name) && statSync(join(dir, name)).isFile());
  names.sort((a, b) => Number(b === CHECKPOINT_FILE) - Number(a === CHECKPOINT_FILE));
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const name of names) {
    const bytes = readFileBounded(join(dir, name), maxBytes);
    total += bytes.length;
    if (total > maxBytes) throw new RangeError(`${dir}: its files hold more than ${maxBytes} bytes, more than a run's result may`);
    files.set(name, bytes);
  }
  return files;
}

/**
 * Writes `files` into `dir` (created if needed), each atomically, summary.json last: a folder
 * with the summary of a finished run is complete (run-status.ts). A name that does not travel is refused.
 */
export function writeRunFiles(dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  const ordered = [...files].sort(([a], [b]) => Number(a === RUN_FILES.summary) - Number(b === RUN_FILES.summary));
  for (const [name, bytes] of ordered) {
    if (!travels(name)) throw new RangeError(`writeRunFiles: ${JSON.stringify(name)} is not a run folder's file name`);
    writeFileAtomicSync(join(dir, name), bytes);
  }
}
