// The progress bar of `policygrad train` and `agent.learn({ progress })`, on a stream double and a
// clock moved by hand: when it draws (on a terminal, in place at most every 100 ms; elsewhere a
// plain line every 10 s), what a line says, text printed above it, and durations. Reference: the
// lines written out by hand; exact string comparison, no tolerance.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, ProgressBar, type ProgressStream } from '../../src/report/progress-bar.js';

/** A stream that records writes, and a clock the test moves by hand. */
function fixture(isTTY: boolean) {
  const writes: string[] = [];
  const stream: ProgressStream = { write: (text) => writes.push(text), isTTY, columns: 120 };
  let time = 0;
  return { writes, stream, now: () => time, advance: (ms: number) => (time += ms) };
}

test('on a terminal: redrawn in place at most every 100 ms, with bar, steps, rate, return and ETA', () => {
  const { writes, stream, now, advance } = fixture(true);
  const bar = new ProgressBar({ totalSteps: 10_000, stream, now });
  advance(1000);
  bar.update(1000, 21.5); // 1000 steps in 1 s → 1,000 steps/s, 9,000 left → ETA 9 s
  assert.is(writes.length, 1);
  assert.ok(writes[0]!.startsWith('\r['), 'carriage return, then the bar');
  assert.ok(writes[0]!.endsWith('\x1b[K'), 'clears the rest of the line');
  assert.match(writes[0]!, /\[###-+\] 1,000\/10,000 steps \(10%\) {2}1,000 steps\/s {2}return 21\.5 {2}ETA 9s/);
  for (let k = 0; k < 9; k++) {
    advance(10);
    bar.update(1000 + k);
  }
  assert.is(writes.length, 1, '90 ms later: not redrawn yet');
  advance(10);
  bar.update(1100);
  assert.is(writes.length, 2, 'redrawn after 100 ms');
  assert.match(writes[1]!, /return 21\.5/, 'the last return is kept when no episode ended');
  bar.finish();
  assert.is(writes.at(-1), '\n', 'finish ends the line');
  bar.finish();
  assert.is(writes.at(-1), '\n', 'a second finish writes nothing');
});

test('not a terminal: a plain line every 10 s, no control characters, and a final line', () => {
  const { writes, stream, now, advance } = fixture(false);
  const bar = new ProgressBar({ totalSteps: 1000, stream, now });
  for (let t = 1; t <= 25; t++) {
    advance(1000);
    bar.update(t * 40, -t);
  }
  assert.is(writes.length, 3, 'at 1 s, 11 s and 21 s');
  for (const line of writes) {
    assert.ok(line.endsWith('\n'));
    assert.not.match(line, /[\r\x1b]/);
  }
  bar.update(1000, 480);
  bar.finish();
  assert.match(writes.at(-1)!, /^1,000\/1,000 steps \(100%\) {2}40 steps\/s {2}return 480 {2}done in 25s\n$/);
});

test('a resumed run counts its earlier steps toward the bar but not toward the rate', () => {
  const { writes, stream, now, advance } = fixture(false);
  const bar = new ProgressBar({ totalSteps: 2000, stream, now, startStep: 1000 });
  advance(2000);
  bar.update(1500);
  assert.match(writes[0]!, /1,500\/2,000 steps \(75%\) {2}250 steps\/s {2}return — {2}ETA 2s/);
});

test('text printed above the bar: on a terminal the bar line is cleared, the text written, the bar drawn again below it', () => {
  const { writes, stream, now, advance } = fixture(true);
  const bar = new ProgressBar({ totalSteps: 10_000, stream, now });
  advance(1000);
  bar.update(1000, 21.5);
  bar.printAbove('| table |\n');
  assert.is(writes[1], '\r\x1b[K| table |\n', 'the bar\'s line cleared, then the text');
  assert.ok(writes[2]!.startsWith('\r[') && writes[2]!.includes('1,000/10,000 steps'), 'the bar again, below');
  assert.is(writes.length, 3);
  assert.is(bar.stepsPerSecond(), 1000, '1,000 steps in 1 s');
});

test('text printed above the bar elsewhere: just the text, between two plain lines', () => {
  const { writes, stream, now, advance } = fixture(false);
  const bar = new ProgressBar({ totalSteps: 1000, stream, now });
  advance(1000);
  bar.update(40);
  bar.printAbove('| table |\n');
  assert.is(writes.length, 2);
  assert.is(writes[1], '| table |\n');
});

test('durations read as seconds, minutes and hours', () => {
  assert.equal([formatDuration(42.4), formatDuration(182), formatDuration(3900)], ['42s', '3m02s', '1h05m']);
  assert.throws(() => new ProgressBar({ totalSteps: 0, stream: { write: () => {} } }), /totalSteps must be a positive number/);
});

test.run();
