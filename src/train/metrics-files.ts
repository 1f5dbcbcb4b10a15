// The iteration records of a run folder, written twice as they arrive: metrics.jsonl (one JSON
// object per line) and progress.csv (the same records as rows, for pandas.read_csv and
// spreadsheets). Both grow by whole records, are flushed together before each checkpoint and are
// cut back together on resume, so that a resumed run's files equal an uninterrupted run's.
import { join } from 'node:path';
import type { MetricsRecord } from '../algos/algorithm.js';
import { CsvWriter } from '../io/csv.js';
import { JsonLinesWriter } from '../io/json-lines.js';
import { forEachRunMetric, RUN_FILES } from '../io/run-folder.js';

export class MetricsFiles {
  private readonly jsonLines: JsonLinesWriter;
  private readonly csv: CsvWriter;

  /**
   * Opens both files of `runDir` for appending. `keepRecords` (on resume: the checkpoint's
   * iteration) cuts each back to that many records. A progress.csv with fewer rows than
   * metrics.jsonl keeps (a folder written before progress.csv existed) gets the missing rows
   * from metrics.jsonl, where a non-finite number was written as null: those rows have NaN (an
   * empty field) for it.
   */
  constructor(runDir: string, keepRecords?: number) {
    const keep = keepRecords === undefined ? {} : { keepLines: keepRecords };
    this.jsonLines = new JsonLinesWriter(join(runDir, RUN_FILES.metrics), keep);
    this.csv = new CsvWriter(join(runDir, RUN_FILES.progress), keepRecords === undefined ? {} : { keepRows: keepRecords });
    if (keepRecords !== undefined && this.csv.rows < keepRecords) {
      let index = 0;
      const have = this.csv.rows;
      forEachRunMetric(runDir, (record) => {
        if (index++ >= have) this.csv.append(record as MetricsRecord);
      });
    }
  }

  /** Appends one iteration's record to both files. */
  append(record: MetricsRecord): void {
    this.jsonLines.append(record);
    this.csv.append(record);
  }

  /** Flushes both files to the disk; before each checkpoint, so that no checkpoint covers records that a power loss took. */
  sync(): void {
    this.jsonLines.sync();
    this.csv.sync();
  }

  close(): void {
    this.jsonLines.close();
    this.csv.close();
  }
}
