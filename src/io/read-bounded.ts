// Reading a file that someone else may have written, within a size cap. readFileSync reads until
// the end of the input, and some inputs have none: `eval --checkpoint /dev/zero` grew past 8.9 GB
// before this, and a FIFO or /dev/urandom do the same. So only regular files are read, and at
// most `maxBytes` of them — plus one byte, to notice a file that grew after its size was taken.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Cap of a checkpoint or another binary file: 1 GiB, some hundred times policygrad's largest. */
export const MAX_BINARY_FILE_BYTES = 2 ** 30;
/** Cap of a JSON configuration file (`--config`, a run folder's config.json): 16 MiB. */
export const MAX_CONFIG_FILE_BYTES = 2 ** 24;
/** Cap of a run's metrics.jsonl: 1 GiB, some million iterations of metrics. */
export const MAX_METRICS_FILE_BYTES = 2 ** 30;

/** A file that is not a regular file, or larger than its cap; `code` says which. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(message: string, readonly code: 'ENOENT' | 'EISDIR' | 'ENOTREG' | 'EFBIG') {
    super(message);
  }
}

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them.
 *
 * @throws FileReadError naming the path and, for a path that is not a regular file, what it is
 *   (a directory, a FIFO, a character device, …), or, for a larger file, its size and the cap;
 *   errors of the file system (EACCES, …) as they come.
 */
export function readFileBounded(path: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFile(path, maxBytes);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(path, `more than ${maxBytes} bytes (it grew while being read)`, maxBytes);
        break;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    // A file that grew by less than the spare byte is read to the size it had when opened, plus that byte.
    return buffer.subarray(0, Math.min(length, size));
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the regular file at `path` for reading, after the checks of {@link readFileBounded}; the
 * caller reads at most `size` bytes (its size when opened) and closes `fd`.
 */
export function openRegularFile(path: string, maxBytes: number): { fd: number; size: number } {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`readFileBounded: maxBytes must be a non-negative integer, got ${maxBytes}`);
  let stats: Stats;
  try {
    // stat before open: opening a FIFO for reading waits for a writer.
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileReadError(`${path}: no such file`, 'ENOENT');
    throw error;
  }
  checkRegular(path, stats, maxBytes);
  // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open does not wait;
  // fstat of the open descriptor then refuses it.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    checkRegular(path, opened, maxBytes);
    return { fd, size: opened.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function checkRegular(path: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) {
    const kind = stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a FIFO (named pipe)' : stats.isCharacterDevice() ? 'a character device'
      : stats.isBlockDevice() ? 'a block device' : stats.isSocket() ? 'a socket' : 'not a file';
    throw new FileReadError(`${path} is ${kind}, not a regular file`, stats.isDirectory() ? 'EISDIR' : 'ENOTREG');
  }
  if (stats.size > maxBytes) throw tooLarge(path, `${stats.size} bytes`, maxBytes);
}

function tooLarge(path: string, size: string, maxBytes: number): FileReadError {
  return new FileReadError(`${path} is ${size}, more than the ${maxBytes} bytes accepted for it`, 'EFBIG');
}
