// A sweep's one progress display, in the style of a run's (report/progress-bar.ts): on a terminal one line
// redrawn in place at most every `redrawMs`, elsewhere a plain line every `lineMs` —
// `sweep: 3/12 done, 2 running, 7 queued, 0 failed  45,000/120,000 steps (37%)  2,673 steps/s  ETA 3m02s`.
import type { SweepProgress } from '../studies/local-sweep.js';
import { formatDuration, groupDigits, type ProgressStream } from '../report/progress-bar.js';

export interface SweepProgressOptions {
  stream: ProgressStream;
  /** Milliseconds, monotonic. Default `performance.now`. */
  now?: () => number;
  /** Default 100 ms on a terminal. */
  redrawMs?: number;
  /** Default 10,000 ms elsewhere. */
  lineMs?: number;
}

export class SweepProgressLine {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly startTime: number;
  private lastDraw = -Infinity;
  private last: SweepProgress | undefined;

  constructor(options: SweepProgressOptions) {
    this.stream = options.stream;
    this.now = options.now ?? (() => performance.now());
    this.interval = this.stream.isTTY ? options.redrawMs ?? 100 : options.lineMs ?? 10_000;
    this.startTime = this.now();
  }

  /** Takes the sweep's state; draws when the interval has passed. */
  update(progress: SweepProgress): void {
    this.last = progress;
    const time = this.now();
    if (time - this.lastDraw < this.interval) return;
    this.lastDraw = time;
    this.draw(time);
  }

  /** Writes whole lines above the display (a run that failed, say). */
  printAbove(text: string): void {
    this.stream.write(this.stream.isTTY ? `\r\x1b[K${text}` : text);
    if (this.stream.isTTY && this.last !== undefined) this.draw(this.now());
  }

  /** Draws the last state once more and ends the line. */
  finish(): void {
    if (this.last === undefined) return;
    this.draw(this.now());
    if (this.stream.isTTY) this.stream.write('\n');
    this.last = undefined;
  }

  /** The status line of `progress` at `time` (ms on the display's clock). */
  status(progress: SweepProgress, time = this.now()): string {
    const seconds = (time - this.startTime) / 1000;
    const rate = seconds > 0 ? progress.sessionSteps / seconds : 0;
    const remaining = Math.max(0, progress.totalSteps - progress.doneSteps);
    const percent = progress.totalSteps > 0 ? Math.floor((100 * progress.doneSteps) / progress.totalSteps) : 100;
    return [
      `sweep: ${progress.done}/${progress.runs} done, ${progress.running} running, ${progress.queued} queued, ${progress.failed} failed`,
      `${groupDigits(progress.doneSteps)}/${groupDigits(progress.totalSteps)} steps (${percent}%)`,
      `${groupDigits(Math.round(rate))} steps/s`,
      progress.running + progress.queued === 0 ? `done in ${formatDuration(seconds)}` : `ETA ${rate > 0 ? formatDuration(remaining / rate) : '—'}`,
    ].join('  ');
  }

  private draw(time: number): void {
    const status = this.status(this.last!, time);
    if (this.stream.isTTY) this.stream.write(`\r${status}`.slice(0, (this.stream.columns ?? 80) + 1) + '\x1b[K');
    else this.stream.write(`${status}\n`);
  }
}
