// A file that grows by whole records, each appended in one write: what metrics.jsonl and
// progress.csv are. Opening it cuts an existing file back to the length its reader says to keep
// (its complete records, or the first n of them on resume), so that new records never continue a
// torn one.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync } from 'node:fs';
import { writeAll } from './atomic-write.js';
import { MAX_METRICS_FILE_BYTES, readFileBounded } from './read-bounded.js';

export class AppendFile {
  private fd: number | undefined;

  /**
   * Opens `path` for appending, creating it if needed; an existing file (a regular file of at
   * most {@link MAX_METRICS_FILE_BYTES}) is cut back to `keepBytes(itsBytes)` bytes.
   */
  constructor(readonly path: string, keepBytes: (bytes: Uint8Array) => number) {
    const keep = existsSync(path) ? keepBytes(readFileBounded(path, MAX_METRICS_FILE_BYTES)) : 0;
    this.fd = openSync(path, 'a');
    ftruncateSync(this.fd, keep);
  }

  /** Writes `text` (UTF-8) in one write; it is in the file (the OS's cache) when this returns. */
  append(text: string): void {
    writeAll(this.openFd(), Buffer.from(text, 'utf8'));
  }

  /** Flushes what was written so far to the disk (fsync): after a power loss it is still there. */
  sync(): void {
    fsyncSync(this.openFd());
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    return this.fd;
  }
}
