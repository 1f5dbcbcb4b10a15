// Gymnasium's TimeLimit (gymnasium/wrappers/common.py): truncation after a number of steps.
import { assertInteger } from '../../util/validate.js';
import type { Action, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Wrapper } from './wrapper.js';

/**
 * Sets `truncated` on the step that brings the steps since the last reset to `maxEpisodeSteps`,
 * as Gymnasium's `TimeLimit` does (`terminated` is left alone: a time limit is no terminal state).
 * The built-in environments already have one (`make(id, { maxEpisodeSteps })`); over them this
 * wrapper adds a second limit, and the shorter one truncates. Stepping before the first reset
 * throws. The snapshot holds the step counter.
 *
 * @example
 * const env = new TimeLimit(make('Pendulum-v1'), 50); // episodes of 50 steps
 */
export class TimeLimit extends Wrapper {
  private steps: number | undefined;

  /**
   * @param env the environment to wrap
   * @param maxEpisodeSteps the steps after which an episode is truncated (an integer ≥ 1;
   *   Gymnasium's `max_episode_steps`)
   */
  constructor(env: Env, readonly maxEpisodeSteps: number) {
    super(env, 'TimeLimit');
    assertInteger(maxEpisodeSteps, `${this.label}: maxEpisodeSteps`, 1);
  }

  /** Steps since the last reset; undefined before the first (Gymnasium's `_elapsed_steps`). */
  get elapsedSteps(): number | undefined {
    return this.steps;
  }

  override reset(args?: ResetArgs): ResetResult {
    const result = this.env.reset(args);
    this.steps = 0;
    return result;
  }

  override step(action: Action): StepResult {
    if (this.steps === undefined) throw new Error(`${this.label}: call reset() before step()`);
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    this.steps++;
    return [observation, reward, terminated, truncated || this.steps >= this.maxEpisodeSteps, info];
  }

  protected override wrapperState(): unknown {
    return { elapsedSteps: this.steps ?? null };
  }

  protected override restoreWrapperState(state: unknown): void {
    const { elapsedSteps } = this.stateObject(state);
    if (elapsedSteps !== null) assertInteger(elapsedSteps, `${this.label}.restore: wrapper.elapsedSteps`, 0, this.maxEpisodeSteps);
    this.steps = elapsedSteps === null ? undefined : elapsedSteps;
  }
}
