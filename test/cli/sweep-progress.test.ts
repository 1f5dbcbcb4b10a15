// The sweep's progress line (src/cli/sweep-progress.ts) on a clock the test moves by hand: the
// counts as given, steps and percentage of all runs, the rate over the steps trained since the
// sweep started (not those of runs finished before), and the ETA from them — hand-computed
// values, exact; a terminal gets one line redrawn at most every 100 ms, a log a line every 10 s.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProgressStream } from '../../src/report/progress-bar.js';
import { SweepProgressLine } from '../../src/cli/sweep-progress.js';
import type { SweepProgress } from '../../src/studies/local-sweep.js';

function fixture(isTTY: boolean) {
  const writes: string[] = [];
  const stream: ProgressStream = { write: (text) => writes.push(text), isTTY, columns: 200 };
  let time = 0;
  return { writes, stream, now: () => time, advance: (ms: number) => (time += ms) };
}

/** 12 runs of 10,000 steps; 3 done (2 of them before the sweep), 2 running at 5,000 each. */
const MIDWAY: SweepProgress = { runs: 12, done: 3, running: 2, queued: 7, failed: 0, totalSteps: 120_000, doneSteps: 40_000, sessionSteps: 20_000 };

test('counts, steps of all runs, the rate of this sweep\'s steps, and the ETA', () => {
  const { stream, now, advance } = fixture(false);
  const line = new SweepProgressLine({ stream, now });
  advance(10_000);
  // 20,000 steps in 10 s: 2,000 steps/s; 80,000 steps left: 40 s.
  assert.is(line.status(MIDWAY), 'sweep: 3/12 done, 2 running, 7 queued, 0 failed  40,000/120,000 steps (33%)  2,000 steps/s  ETA 40s');
  assert.is(line.status({ ...MIDWAY, done: 12, running: 0, queued: 0, doneSteps: 120_000, sessionSteps: 100_000 }),
    'sweep: 12/12 done, 0 running, 0 queued, 0 failed  120,000/120,000 steps (100%)  10,000 steps/s  done in 10s');
});

test('a terminal: redrawn in place at most every 100 ms; a log: a line every 10 s', () => {
  const tty = fixture(true);
  const onTerminal = new SweepProgressLine({ stream: tty.stream, now: tty.now });
  tty.advance(1000);
  onTerminal.update(MIDWAY);
  tty.advance(50);
  onTerminal.update(MIDWAY);
  assert.is(tty.writes.length, 1);
  assert.ok(tty.writes[0]!.startsWith('\rsweep: 3/12 done') && tty.writes[0]!.endsWith('\x1b[K'));
  onTerminal.finish();
  assert.equal(tty.writes.slice(-1), ['\n']);

  const log = fixture(false);
  const inLog = new SweepProgressLine({ stream: log.stream, now: log.now });
  inLog.update(MIDWAY);
  log.advance(9_999);
  inLog.update(MIDWAY);
  log.advance(1);
  inLog.update(MIDWAY);
  assert.is(log.writes.length, 2);
  assert.ok(log.writes.every((text) => text.startsWith('sweep: ') && text.endsWith('\n')));
});

test.run();
