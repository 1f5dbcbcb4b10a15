// CSV (RFC 4180) as progress.csv uses it: a header of column names, then one row per record, each
// row appended in one write and ended by CRLF. Numbers are written so that a reader gets the same
// double back: finite ones as JavaScript's shortest round-trip form (String(x), e.g. 0.1, 1e-7,
// 1.5e+21; -0 as -0), NaN as an empty field, ±Infinity as inf and -inf — what pandas.read_csv,
// Python's float() and R's read.csv parse. A field that holds a comma, a quote, CR or LF is
// quoted, its quotes doubled (RFC 4180 §2.6–2.7); so is every string value, so that a string never
// reads as a number. A killed process leaves complete rows and perhaps a torn last one without its
// line end; the writer cuts it off before appending, as for metrics.jsonl.
import { describe, quote } from '../util/validate.js';
import { AppendFile } from './append-file.js';

/** What a cell may hold; null and undefined are empty, like NaN. */
export type CsvValue = number | string | boolean | null | undefined;

/** A number as a CSV field that parses back to the same double (see the file's header). */
export function formatCsvNumber(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return Object.is(value, -0) ? '-0' : String(value);
}

/** `text` as a field: quoted, with its quotes doubled, if `always` or if it must be. */
export function quoteCsv(text: string, always = false): string {
  return always || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One value as a field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatCsvNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quoteCsv(value, true);
  throw new TypeError(`CSV: cannot write ${describe(value)} as a field`);
}

/** The fields of one CSV record (without its line end), unquoted. */
export function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * The end offsets (after CRLF or LF) of the complete records of CSV `bytes`, at most `limit`: a
 * line end inside a quoted field does not end a record.
 */
function recordEnds(bytes: Uint8Array, limit: number): number[] {
  const ends: number[] = [];
  let quoted = false;
  for (let i = 0; i < bytes.length && ends.length < limit; i++) {
    if (bytes[i] === 0x22) quoted = !quoted; // a doubled quote toggles twice
    else if (bytes[i] === 0x0a && !quoted) ends.push(i + 1);
  }
  return ends;
}

export interface CsvWriterOptions {
  /**
   * Keep the header and only the first `keepRows` complete rows of an existing file — on resume,
   * the rows written up to the checkpoint that the run continues from. Default: keep all.
   */
  keepRows?: number;
}

/**
 * Appends records (objects) to a CSV file as rows. The columns are those of the existing file's
 * header, or else the keys of the first record, written as the header before its row. A record
 * lacking a column has an empty field there; one with a key that is not a column is refused.
 */
export class CsvWriter {
  private readonly file: AppendFile;
  private header: string[] | undefined;
  private count = 0;

  /** Opens `path` for appending, creating it if needed; an existing file is cut back to its header and complete (or `keepRows`) rows. */
  constructor(readonly path: string, options: CsvWriterOptions = {}) {
    this.file = new AppendFile(path, (bytes) => {
      const ends = recordEnds(bytes, 1 + (options.keepRows ?? Infinity));
      if (ends.length === 0) return 0;
      this.header = parseCsvRecord(Buffer.from(bytes.subarray(0, ends[0]!)).toString('utf8').replace(/\r?\n$/, ''));
      this.count = ends.length - 1;
      return ends[ends.length - 1]!;
    });
  }

  /** The columns, once known (from the file's header or the first record). */
  get columns(): readonly string[] | undefined {
    return this.header;
  }

  /** Rows in the file: those kept when it was opened and those appended since. */
  get rows(): number {
    return this.count;
  }

  /** Writes `record` as one row (the header first, if the file has none); in the file (the OS's cache) when this returns. */
  append(record: Readonly<Record<string, CsvValue>>): void {
    let text = '';
    if (this.header === undefined) {
      this.header = Object.keys(record);
      text = `${this.header.map((name) => quoteCsv(name)).join(',')}\r\n`;
    }
    const columns = this.header;
    for (const key of Object.keys(record)) {
      if (!columns.includes(key)) {
        const shown = columns.slice(0, 50).map((name) => quote(name, 40)).join(', ');
        throw new Error(`${this.path}: ${quote(key)} is not one of its columns (${shown}${columns.length > 50 ? `, and ${columns.length - 50} more` : ''})`);
      }
    }
    this.file.append(`${text}${columns.map((name) => csvField(record[name])).join(',')}\r\n`);
    this.count++;
  }

  /** Flushes the rows written so far to the disk (fsync). */
  sync(): void {
    this.file.sync();
  }

  close(): void {
    this.file.close();
  }
}
