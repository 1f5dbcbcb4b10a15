// Gymnasium's RecordEpisodeStatistics (gymnasium/wrappers/common.py): each episode's return,
// length and duration in `info.episode` at its end, and the last few in queues.
import { assertFiniteArray, assertFiniteNumber, assertInteger, assertKnownKeys } from '../../util/validate.js';
import type { Action, Env, Info, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Wrapper } from './wrapper.js';

export interface RecordEpisodeStatisticsOptions {
  /** Episodes kept in `returnQueue`, `lengthQueue` and `timeQueue` (Gymnasium's `buffer_length`). Default 100. */
  bufferLength?: number;
}

/** What `info.episode` holds on the step that ends an episode. */
export interface EpisodeStatistics {
  /** The episode's return: the sum of its rewards as this wrapper received them. */
  r: number;
  /** Its length in steps. */
  l: number;
  /**
   * Wall-clock seconds from the reset to the end of the episode, rounded to microseconds
   * (Gymnasium's `round(time.perf_counter() - start, 6)`). It measures the machine, not the
   * episode: no result of this library depends on it, and a restored snapshot keeps only the
   * time already elapsed.
   */
  t: number;
}

/**
 * Adds `info.episode = { r, l, t }` ({@link EpisodeStatistics}) to the info of the step that ends
 * an episode (terminated or truncated), and keeps the last `bufferLength` episodes' values in
 * `returnQueue`, `lengthQueue` and `timeQueue`, as Gymnasium 1.x's `RecordEpisodeStatistics`. As
 * there, the running return and length restart at `reset()`, and an info that already has an
 * `episode` entry is an error. The info is a new object; the inner env's is left as it was. The
 * snapshot holds the running return, length, the episode count and the queues.
 */
export class RecordEpisodeStatistics extends Wrapper {
  readonly bufferLength: number;
  /** Episodes ended so far. */
  episodeCount = 0;
  /** The return of the episode in progress (Gymnasium's `episode_returns`). */
  episodeReturn = 0;
  /** Steps of the episode in progress (Gymnasium's `episode_lengths`). */
  episodeLength = 0;
  /** Returns of the last `bufferLength` episodes, oldest first. */
  readonly returnQueue: number[] = [];
  /** Lengths of the last `bufferLength` episodes, oldest first. */
  readonly lengthQueue: number[] = [];
  /** Durations `t` of the last `bufferLength` episodes, oldest first (wall-clock: see {@link EpisodeStatistics.t}). */
  readonly timeQueue: number[] = [];
  private episodeStart = now();

  /**
   * @param env the environment to wrap
   * @param options see {@link RecordEpisodeStatisticsOptions}
   */
  constructor(env: Env, options: RecordEpisodeStatisticsOptions = {}) {
    super(env, 'RecordEpisodeStatistics');
    assertKnownKeys(options, ['bufferLength'], `${this.label} options`);
    this.bufferLength = options.bufferLength ?? 100;
    assertInteger(this.bufferLength, `${this.label} options.bufferLength`, 1);
  }

  override reset(args?: ResetArgs): ResetResult {
    const result = this.env.reset(args);
    this.episodeStart = now();
    this.episodeReturn = 0;
    this.episodeLength = 0;
    return result;
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    this.episodeReturn += reward;
    this.episodeLength++;
    if (!(terminated || truncated)) return [observation, reward, terminated, truncated, info];
    if ('episode' in info) throw new Error(`${this.label}: the inner env's info already has an 'episode' entry, which this wrapper writes`);
    const episode: EpisodeStatistics = { r: this.episodeReturn, l: this.episodeLength, t: Math.round((now() - this.episodeStart) * 1e6) / 1e6 };
    this.push(this.returnQueue, episode.r);
    this.push(this.lengthQueue, episode.l);
    this.push(this.timeQueue, episode.t);
    this.episodeCount++;
    this.episodeStart = now();
    const withEpisode: Info = { ...info, episode };
    return [observation, reward, terminated, truncated, withEpisode];
  }

  protected override wrapperState(): unknown {
    return {
      episodeCount: this.episodeCount, episodeReturn: this.episodeReturn, episodeLength: this.episodeLength,
      elapsedSeconds: now() - this.episodeStart, returnQueue: [...this.returnQueue], lengthQueue: [...this.lengthQueue], timeQueue: [...this.timeQueue],
    };
  }

  protected override restoreWrapperState(state: unknown): void {
    const what = `${this.label}.restore: wrapper`;
    const s = this.stateObject(state);
    const finite = (key: string): number => {
      const value = s[key];
      assertFiniteNumber(value, `${what}.${key}`);
      return value;
    };
    const queue = (key: string): number[] => {
      const value = s[key];
      assertFiniteArray(value, `${what}.${key}`);
      if (value.length > this.bufferLength) throw new RangeError(`${what}.${key} holds ${value.length} episodes, more than bufferLength = ${this.bufferLength}`);
      return Array.from(value);
    };
    assertInteger(s.episodeCount, `${what}.episodeCount`, 0);
    assertInteger(s.episodeLength, `${what}.episodeLength`, 0);
    const [returns, lengths, times] = [queue('returnQueue'), queue('lengthQueue'), queue('timeQueue')];
    this.episodeReturn = finite('episodeReturn');
    this.episodeStart = now() - finite('elapsedSeconds');
    this.episodeCount = s.episodeCount;
    this.episodeLength = s.episodeLength;
    this.returnQueue.splice(0, Infinity, ...returns);
    this.lengthQueue.splice(0, Infinity, ...lengths);
    this.timeQueue.splice(0, Infinity, ...times);
  }

  private push(queue: number[], value: number): void {
    queue.push(value);
    if (queue.length > this.bufferLength) queue.shift();
  }
}

/** Seconds on a monotonic clock (Gymnasium's `time.perf_counter()`). */
function now(): number {
  return performance.now() / 1000;
}
