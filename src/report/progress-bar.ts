// Training progress: on a terminal, one line redrawn in place (bar, steps, steps/s, current return,
// ETA) at most every `redrawMs`; elsewhere (a log file, a pipe, CI) a plain line every `lineMs`.

/** Where progress goes: `process.stderr` or `process.stdout`, or a test double. */
export interface ProgressStream {
  write(text: string): unknown;
  /** True on a terminal: redraw in place. */
  isTTY?: boolean;
  /** Terminal width, characters. */
  columns?: number;
}

export interface ProgressOptions {
  /** Steps at which the run is done. */
  totalSteps: number;
  stream: ProgressStream;
  /** Milliseconds, monotonic. Default `performance.now`. */
  now?: () => number;
  /** Minimum interval between redraws on a terminal, ms. Default 100 (10 per second). */
  redrawMs?: number;
  /** Interval between plain lines when not on a terminal, ms. Default 10,000. */
  lineMs?: number;
  /** Steps already done when the bar starts (a resumed run): they count toward the bar, not the rate. */
  startStep?: number;
}

export class ProgressBar {
  private readonly totalSteps: number;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly startTime: number;
  private readonly startStep: number;
  private lastDraw = -Infinity;
  private step = 0;
  private episodicReturn: number | undefined;
  private finished = false;

  constructor(options: ProgressOptions) {
    if (!(Number.isFinite(options.totalSteps) && options.totalSteps > 0)) throw new RangeError(`ProgressBar: totalSteps must be a positive number, got ${options.totalSteps}`);
    this.totalSteps = options.totalSteps;
    this.stream = options.stream;
    this.now = options.now ?? (() => performance.now());
    this.interval = this.stream.isTTY ? options.redrawMs ?? 100 : options.lineMs ?? 10_000;
    this.startTime = this.now();
    this.startStep = options.startStep ?? 0;
    this.step = this.startStep;
  }

  /**
   * Records the global step and, if an episode has ended, the current return (e.g. the mean of
   * recent episodes); draws when the interval has passed. Cheap to call every iteration.
   */
  update(step: number, episodicReturn?: number): void {
    this.step = step;
    if (episodicReturn !== undefined && Number.isFinite(episodicReturn)) this.episodicReturn = episodicReturn;
    const time = this.now();
    if (time - this.lastDraw < this.interval) return;
    this.lastDraw = time;
    this.draw(time);
  }

  /**
   * Writes `text` (whole lines) above the bar: on a terminal the bar's line is cleared, the text
   * written and the bar drawn again below it; elsewhere the text goes between two plain lines.
   */
  printAbove(text: string): void {
    if (!this.stream.isTTY) {
      this.stream.write(text);
      return;
    }
    this.stream.write(`\r\x1b[K${text}`);
    if (!this.finished) this.draw(this.now());
  }

  /** Steps per second since the bar started, the steps it started with not counted. */
  stepsPerSecond(time = this.now()): number {
    const seconds = (time - this.startTime) / 1000;
    return seconds > 0 ? (this.step - this.startStep) / seconds : 0;
  }

  /** Draws the final state and ends the line. Further calls do nothing. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.draw(this.now());
    if (this.stream.isTTY) this.stream.write('\n');
  }

  /** The status line without the bar: `12,288/500,000 steps (2%)  2,673 steps/s  return 21.4  ETA 3m02s`. */
  status(time = this.now()): string {
    const seconds = (time - this.startTime) / 1000;
    const rate = this.stepsPerSecond(time);
    const remaining = Math.max(0, this.totalSteps - this.step);
    const parts = [
      `${groupDigits(this.step)}/${groupDigits(this.totalSteps)} steps (${Math.floor(this.fraction() * 100)}%)`,
      `${groupDigits(Math.round(rate))} steps/s`,
      `return ${this.episodicReturn === undefined ? '—' : formatReturn(this.episodicReturn)}`,
      remaining === 0 ? `done in ${formatDuration(seconds)}` : `ETA ${rate > 0 ? formatDuration(remaining / rate) : '—'}`,
    ];
    return parts.join('  ');
  }

  private fraction(): number {
    return Math.min(1, Math.max(0, this.step / this.totalSteps));
  }

  private draw(time: number): void {
    const status = this.status(time);
    if (!this.stream.isTTY) {
      this.stream.write(`${status}\n`);
      return;
    }
    const columns = this.stream.columns ?? 80;
    const barWidth = Math.max(0, Math.min(30, columns - status.length - 4));
    const filled = Math.round(this.fraction() * barWidth);
    const bar = barWidth > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ` : '';
    // \r returns to the line's start, \x1b[K clears what a longer previous line left behind.
    this.stream.write(`\r${bar}${status}`.slice(0, columns + 1) + '\x1b[K');
  }
}

/** 1234567 as 1,234,567. */
export function groupDigits(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatReturn(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** 42s, 3m02s, 1h05m. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
