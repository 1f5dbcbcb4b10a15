// progress.csv end to end: `policygrad train` in a child process, the file read by pandas.read_csv
// (Debian's python3-pandas, float_precision='round_trip') and compared with metrics.jsonl value by
// value — the same columns in the same order, every finite number the same double, NaN exactly
// where metrics.jsonl has null. A run stopped with Ctrl-C (with rows written after its checkpoint
// and a torn row added to the file) and resumed has the CSV of an uninterrupted run, apart from the
// timing column sps; so has a resumed run whose progress.csv was missing (rebuilt from metrics.jsonl).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { pandasInstalled, readCsvWithPandas, type PandasFrame } from '../helpers/pandas.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('csv-run');
// Pendulum's episodes last 200 steps: with 64-step batches the first iterations have no return (NaN).
const ARGS = ['train', '--algo', 'trpo', '--env', 'Pendulum-v1', '--steps', '3200', '--seed', '3', '--set', 'numEnvs=2', '--set', 'stepsPerEnv=32',
  '--set', 'hiddenSizes=16,16', '--set', 'criticMinibatchSize=32', '--checkpoint-every', '1000'];

function policygrad(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
  });
}

/** Runs ARGS into `out`, stopped with SIGINT once it has written more than 4 iterations. */
async function stoppedRun(out: string): Promise<number> {
  const child = spawn(process.execPath, [main, ...ARGS, '--out', out], { cwd: folder, stdio: 'ignore' });
  const exited = new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  let running = true;
  void exited.then(() => (running = false));
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const path = join(out, 'metrics.jsonl');
      if (!running || (existsSync(path) && readFileSync(path, 'utf8').split('\n').length > 5)) {
        clearInterval(timer);
        child.kill('SIGINT');
        resolve();
      }
    }, 5);
  });
  return exited;
}

const frameOf = (out: string) => readCsvWithPandas(join(out, 'progress.csv'), { float_precision: 'round_trip' });

/** Every value of `frame` against `records` (metrics.jsonl): [] when all agree. */
function differences(frame: PandasFrame, records: Record<string, number | null>[]): string[] {
  const columns = Object.keys(records[0]!);
  if (JSON.stringify(frame.columns) !== JSON.stringify(columns)) return [`columns ${frame.columns} against ${columns}`];
  const found: string[] = [];
  columns.forEach((name, c) => {
    const read = frame.values[c]!;
    if (read.length !== records.length) found.push(`${name}: ${read.length} rows against ${records.length}`);
    records.forEach((record, i) => {
      const expected = record[name];
      const ok = expected === null ? Number.isNaN(read[i]) : read[i] === expected;
      if (!ok) found.push(`${name}[${i}]: ${read[i]} against ${expected}`);
    });
  });
  return found;
}

const withoutSps = (frame: PandasFrame) => {
  const keep = frame.columns.map((name, i) => [name, i] as const).filter(([name]) => name !== 'sps');
  return { columns: keep.map(([name]) => name), values: keep.map(([, i]) => frame.values[i]!.map((v) => (Number.isNaN(v) ? 'NaN' : v))) };
};

const whole = join(folder, 'whole');

test('pandas reads progress.csv with metrics.jsonl\'s columns and values, NaN where it has null', async () => {
  if (!pandasInstalled('the pandas check of progress.csv')) return;
  const run = await policygrad(...ARGS, '--out', whole);
  assert.is(run.code, 0, run.stderr);
  const records = readJsonLines(join(whole, 'metrics.jsonl')) as Record<string, number | null>[];
  assert.is(records.length, 50);
  assert.ok(records[0]!.episodic_return === null, 'the first iteration has no finished episode: NaN in the CSV');
  const frame = frameOf(whole);
  assert.equal(differences(frame, records), []);
  assert.is(frame.dtypes[frame.columns.indexOf('iteration')], 'int64');
});

test('stopped (rows after the checkpoint and a torn row added) and resumed: the CSV of the uninterrupted run, apart from sps', async () => {
  if (!pandasInstalled('the pandas check of a resumed progress.csv')) return;
  const parted = join(folder, 'parted');
  assert.is(await stoppedRun(parted), 130);
  // What a run killed after its checkpoint leaves: a row the checkpoint does not cover, and a torn one.
  const rows = readFileSync(join(parted, 'progress.csv'), 'utf8').split('\r\n');
  appendFileSync(join(parted, 'progress.csv'), `${rows[1]}\r\n${rows[2]!.slice(0, 10)}`);
  const resumed = await policygrad('train', '--resume', parted);
  assert.is(resumed.code, 0, resumed.stderr);
  const frame = frameOf(parted);
  assert.equal(differences(frame, readJsonLines(join(parted, 'metrics.jsonl')) as Record<string, number | null>[]), []);
  assert.equal(withoutSps(frame), withoutSps(frameOf(whole)));
});

test('a resumed run without progress.csv gets the rows before its checkpoint from metrics.jsonl', async () => {
  if (!pandasInstalled('the pandas check of a rebuilt progress.csv')) return;
  const rebuilt = join(folder, 'rebuilt');
  assert.is(await stoppedRun(rebuilt), 130);
  rmSync(join(rebuilt, 'progress.csv'));
  const resumed = await policygrad('train', '--resume', rebuilt);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.equal(withoutSps(frameOf(rebuilt)), withoutSps(frameOf(whole)));
});

test.run();
