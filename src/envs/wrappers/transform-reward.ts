// Gymnasium's TransformReward (gymnasium/wrappers/transform_reward.py): a user function applied
// to every reward.
import { describe } from '../../util/validate.js';
import type { Action, Env, StepResult } from '../env.js';
import { Wrapper } from './wrapper.js';

/**
 * Returns `fn(reward)` for every reward of `step`, as Gymnasium 1.x's `TransformReward(env, func)`;
 * the result must be a finite number. Results are only as deterministic as `fn` (see
 * {@link TransformObservation}). No state.
 *
 * @example
 * const env = new TransformReward(make('Pendulum-v1'), (r) => 0.1 * r);
 */
export class TransformReward extends Wrapper {
  /**
   * @param env the environment to wrap
   * @param fn maps the inner env's reward to this wrapper's
   */
  constructor(env: Env, private readonly fn: (reward: number) => number) {
    super(env, 'TransformReward');
    if (typeof fn !== 'function') throw new TypeError(`${this.label}: fn must be a function (reward) => reward, got ${describe(fn)}`);
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    const transformed = this.fn(reward);
    if (typeof transformed !== 'number' || !Number.isFinite(transformed)) throw new RangeError(`${this.label}: fn(${reward}) must return a finite number, got ${describe(transformed)}`);
    return [observation, transformed, terminated, truncated, info];
  }
}
