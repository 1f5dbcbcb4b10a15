// The run record (src/train/run-record.ts) that keeps summary.json about the whole run across
// resumes, on a fake clock whose readings the test sets: the reference is the arithmetic of those
// readings, exact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRunRecord, RunRecord } from '../../src/train/run-record.js';

function clock(...readings: number[]) {
  return () => readings.shift()!;
}

test('a new run: wall seconds are the session\'s up to the last iteration; first solved is the first iteration at the threshold', () => {
  const record = new RunRecord(undefined, clock(1000, 3000, 5000, 9000));
  record.startSession();
  record.iterationDone(64, 400, 475);
  record.iterationDone(128, 475, 475);
  record.iterationDone(192, 500, 475);
  assert.equal(record.toJSON(), { wallSeconds: 8, firstSolved: { step: 128, seconds: 4 }, evalEpisodes: 0, evaluation: null });
});

test('a resumed run continues the saved record: time adds up, the first solved step and the evaluation stay', () => {
  const saved = { wallSeconds: 10, firstSolved: { step: 128, seconds: 4 }, evalEpisodes: 5, evaluation: null };
  const record = new RunRecord(saved, clock(0, 2500));
  record.startSession();
  record.iterationDone(256, 500, 475);
  assert.equal(record.toJSON(), { wallSeconds: 12.5, firstSolved: { step: 128, seconds: 4 }, evalEpisodes: 5, evaluation: null });
  const unsolved = new RunRecord({ ...saved, firstSolved: null }, clock(0, 1000));
  unsolved.startSession();
  unsolved.iterationDone(256, 480, 475);
  assert.equal(unsolved.firstSolved, { step: 256, seconds: 11 }, 'seconds into the whole run');
});

test('resuming a finished run (no iteration) adds no time', () => {
  const saved = { wallSeconds: 9.25, firstSolved: null, evalEpisodes: 0, evaluation: null };
  const record = new RunRecord(saved, clock(0));
  record.startSession();
  assert.equal(record.toJSON(), saved);
});

test('a stored record is checked field by field; none (an older checkpoint) is undefined', () => {
  assert.is(parseRunRecord(undefined, 'c'), undefined);
  const good = { wallSeconds: 1, firstSolved: { step: 2, seconds: 0.5, extra: 1 }, evalEpisodes: 3, evaluation: { episodes: 3, mean: 1, std: 0 } };
  assert.equal(parseRunRecord(good, 'c'), { ...good, firstSolved: { step: 2, seconds: 0.5 } });
  assert.throws(() => parseRunRecord({ ...good, wallSeconds: -1 }, 'ckpt'), /ckpt: run record field 'wallSeconds' must be a finite number ≥ 0, got -1/);
  assert.throws(() => parseRunRecord({ ...good, evalEpisodes: 1.5 }, 'c'), /'evalEpisodes' must be an integer ≥ 0/);
  assert.throws(() => parseRunRecord({ ...good, firstSolved: { step: 'x' } }, 'c'), /'firstSolved' must be null or/);
  assert.throws(() => parseRunRecord({ ...good, evaluation: 3 }, 'c'), /'evaluation' must be null or/);
});

test.run();
