// Actions clipped into a vector env's Box: Gymnasium 1.x's gymnasium.wrappers.vector.ClipAction
// (vectorize_action.py), as CleanRL's continuous-control PPO applies it.
import { describe, isNumericArray } from '../../util/validate.js';
import { Box } from '../spaces.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorWrapper } from './vector-wrapper.js';

/**
 * Clips every action element into the single action space's bounds, `min(max(a, low), high)`,
 * before the inner env steps with it. The caller keeps its own unclipped actions (the collector
 * stores them: they are what the policy's log-probabilities refer to); the environments receive
 * the clipped ones. As in Gymnasium 1.x, the wrapper's `singleActionSpace` is the unbounded Box
 * of the same shape; the environments' bounds are `env.singleActionSpace` (or
 * `unwrapped.singleActionSpace`). NaN passes through the clip and the environment rejects it.
 * Stepping allocates nothing. No state.
 */
export class ClipActionVector extends VectorWrapper {
  private readonly space: Box;
  private readonly bounds: Box;
  /** The clipped actions, [numEnvs][actionSize]. */
  private readonly clipped: Float64Array;

  /** @param env the vector env to wrap; its single action space must be a Box. */
  constructor(env: VectorEnv) {
    super(env, 'ClipActionVector');
    const space = env.singleActionSpace;
    if (!(space instanceof Box)) throw new TypeError(`${this.label}: the single action space must be a Box, got ${String(space)}`);
    this.bounds = space;
    this.space = new Box(-Infinity, Infinity, space.shape);
    this.clipped = new Float64Array(env.numEnvs * env.actionSize);
  }

  override get singleActionSpace(): Box {
    return this.space;
  }

  override step(actions: ArrayLike<number>): void {
    const out = this.clipped;
    if (!isNumericArray(actions) || actions.length !== out.length) {
      throw new RangeError(`${this.label}.step: actions must be an array or typed array of ${out.length} numbers (${this.numEnvs} envs × ${this.actionSize}), got ${describe(actions)}${isNumericArray(actions) ? ` of length ${actions.length}` : ''}`);
    }
    const { low, high } = this.bounds;
    const size = low.length;
    for (let i = 0; i < out.length; i++) out[i] = Math.min(Math.max(actions[i]!, low[i % size]!), high[i % size]!);
    this.env.step(out);
  }
}
