// JSON Lines (one JSON document per line), as metrics.jsonl uses it. Each record goes to the file
// in one write of a whole line, so a killed process leaves complete lines, except perhaps a torn
// last one without its newline: the reader skips it and the writer cuts it off before appending.
import { closeSync, readSync } from 'node:fs';
import { parseJsonWithin } from '../util/json-limits.js';
import { AppendFile } from './append-file.js';
import { MAX_METRICS_FILE_BYTES, openRegularFile, readFileBounded } from './read-bounded.js';

/**
 * The records of a JSON Lines file, in order. A final line without its newline is a write that
 * was cut short and is skipped; a malformed complete line (or one nested deeper than 128 levels)
 * is an error naming its line number. Blank lines are ignored. Only a regular file of at most
 * `maxBytes` is read (default {@link MAX_METRICS_FILE_BYTES}).
 */
export function readJsonLines(path: string, maxBytes = MAX_METRICS_FILE_BYTES): unknown[] {
  return parseJsonLines(readFileBounded(path, maxBytes).toString('utf8'), path);
}

/** {@link readJsonLines} on text already read; `source` names it in errors. */
export function parseJsonLines(text: string, source = 'JSON Lines'): unknown[] {
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a torn line
  const records: unknown[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(parseJsonWithin(line));
    } catch (error) {
      throw new Error(`${source}: line ${index + 1} is not valid JSON (${(error as Error).message})`);
    }
  });
  return records;
}

/** Bytes read at a time by {@link forEachJsonLine}. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `visit` with each record of a JSON Lines file, in order, reading it a chunk at a time: the
 * memory it needs is that of its longest line, however long the file. Same rules as
 * {@link readJsonLines}: only a regular file of at most `maxBytes`, and of it the bytes it had
 * when opened; a torn last line is skipped, a malformed complete line is an error naming its line
 * number, blank lines are ignored.
 */
export function forEachJsonLine(path: string, visit: (record: unknown, line: number) => void, maxBytes = MAX_METRICS_FILE_BYTES): void {
  const { fd, size } = openRegularFile(path, maxBytes);
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let pending: Buffer = Buffer.alloc(0);
    let line = 0;
    let left = size;
    for (let read: number; left > 0 && (read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, left), null)) > 0; left -= read) {
      let start = 0;
      for (let newline: number; (newline = chunk.indexOf(0x0a, start)) >= 0 && newline < read; start = newline + 1) {
        const piece = chunk.subarray(start, newline);
        const text = (pending.length > 0 ? Buffer.concat([pending, piece]) : piece).toString('utf8');
        pending = Buffer.alloc(0);
        line++;
        if (text.trim() === '') continue;
        let record: unknown;
        try {
          record = parseJsonWithin(text);
        } catch (error) {
          throw new Error(`${path}: line ${line} is not valid JSON (${(error as Error).message})`);
        }
        visit(record, line);
      }
      // The rest of the chunk starts a line that the next chunk continues (or a torn last line).
      pending = Buffer.concat([pending, chunk.subarray(start, read)]);
    }
  } finally {
    closeSync(fd);
  }
}

export interface JsonLinesWriterOptions {
  /**
   * Keep only the first `keepLines` complete lines of an existing file and drop the rest — on
   * resume, the lines written after the checkpoint that the run continues from. Default: keep all.
   */
  keepLines?: number;
}

/** Appends records to a JSON Lines file, one complete line per write. */
export class JsonLinesWriter {
  private readonly file: AppendFile;

  /**
   * Opens `path` for appending, creating it if needed. An existing file is cut back to its last
   * complete line (or to `keepLines` lines), so that new records never continue a torn one.
   */
  constructor(readonly path: string, options: JsonLinesWriterOptions = {}) {
    this.file = new AppendFile(path, (bytes) => completeLinesLength(bytes, options.keepLines));
  }

  /** Writes `record` as one line; it is in the file (the OS's cache) when this returns. */
  append(record: unknown): void {
    const line = JSON.stringify(record);
    if (line === undefined) throw new TypeError(`JsonLinesWriter: cannot write ${typeof record} as JSON`);
    this.file.append(`${line}\n`);
  }

  /**
   * Flushes the lines written so far to the disk (fsync): after a power loss they are still there.
   * The trainer calls it before each checkpoint, so that no checkpoint covers lines that were lost.
   */
  sync(): void {
    this.file.sync();
  }

  close(): void {
    this.file.close();
  }
}

/** Bytes up to the end of the `keepLines`-th complete line, or of the last complete line. */
function completeLinesLength(bytes: Uint8Array, keepLines = Infinity): number {
  let end = 0;
  for (let lines = 0; lines < keepLines; lines++) {
    const newline = bytes.indexOf(0x0a, end);
    if (newline < 0) break;
    end = newline + 1;
  }
  return end;
}
