// Gymnasium's ClipAction (gymnasium/wrappers/transform_action.py): actions clipped into the Box.
import type { Env } from '../env.js';
import { Box } from '../spaces.js';
import { BoxActionWrapper } from './box-action-wrapper.js';

/**
 * Clips each action element into the inner env's bounds, `min(max(a, low), high)`, before the
 * inner env steps with it (Gymnasium's `np.clip(action, low, high)`). As in Gymnasium 1.x, the
 * wrapper's own action space is the unbounded Box of the same shape, Box(−∞, ∞): any number is a
 * valid action (±Infinity clips to a bound); NaN and misshapen actions throw. No state.
 *
 * @example
 * const env = new ClipAction(make('MountainCarContinuous-v0'));
 * env.reset({ seed: 0 });
 * env.step([3]); // the car is pushed with force 1, and charged −0.1·1²
 */
export class ClipAction extends BoxActionWrapper {
  protected readonly space: Box;

  /** @param env the environment to wrap; its action space must be a Box. */
  constructor(env: Env) {
    super(env, 'ClipAction', true);
    this.space = new Box(-Infinity, Infinity, this.innerActionSpace.shape);
  }

  protected mapAction(action: ArrayLike<number>, out: Float64Array): void {
    const { low, high } = this.innerActionSpace;
    for (let j = 0; j < out.length; j++) out[j] = Math.min(Math.max(action[j]!, low[j]!), high[j]!);
  }
}
