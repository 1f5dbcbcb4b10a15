// A user function applied to every reward of a vector env: Gymnasium 1.x's
// gymnasium.wrappers.vector.TransformReward (vectorize_reward.py), one sub-env at a time.
import { describe } from '../../util/validate.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorRewardWrapper } from './vector-reward-wrapper.js';

/**
 * Sets each sub-env's reward to `fn(reward)` after every step (Gymnasium's takes the batch; this
 * applies `fn` to each sub-env's reward in turn, allocating nothing). `rawRewards` still reaches
 * the environments' own. Results are only as deterministic as `fn`. No state.
 *
 * @example
 * // CleanRL's clip of scaled rewards to ±10:
 * const envs = new TransformRewardVector(scaled, (r) => Math.min(Math.max(r, -10), 10));
 */
export class TransformRewardVector extends VectorRewardWrapper {
  /**
   * @param env the vector env to wrap
   * @param fn maps one sub-env's reward to this wrapper's
   */
  constructor(env: VectorEnv, private readonly fn: (reward: number) => number) {
    super(env, 'TransformRewardVector');
    if (typeof fn !== 'function') throw new TypeError(`${this.label}: fn must be a function (reward) => reward, got ${describe(fn)}`);
  }

  protected transformRewards(rewards: Float64Array, out: Float64Array): void {
    for (let e = 0; e < out.length; e++) out[e] = this.fn(rewards[e]!);
  }
}
