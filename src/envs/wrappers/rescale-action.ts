// Gymnasium's RescaleAction (gymnasium/wrappers/transform_action.py, with rescale_box from
// gymnasium/wrappers/utils.py): an affine map from [minAction, maxAction] onto the env's Box.
import { describe, isNumericArray } from '../../util/validate.js';
import type { Env } from '../env.js';
import { Box } from '../spaces.js';
import { BoxActionWrapper } from './box-action-wrapper.js';

/**
 * Presents the action space Box(minAction, maxAction) and maps an action a affinely onto the
 * inner env's bounded Box [low, high], as Gymnasium 1.x's `RescaleAction`: with
 * g = (max − min) / (high − low) and b = g·(−low) + min, both rounded to float32 as Gymnasium
 * stores them (g, then g·(−low), then b), the inner env receives (a − b) / g, computed in float64
 * (Gymnasium's arithmetic for a float64 action). So min ↦ low and max ↦ high, up to that
 * rounding. An action outside [minAction, maxAction] is mapped as it is, outside [low, high], and
 * the inner env decides (the built-in ones clip it, or throw with `strictActions`); wrap this in
 * a {@link ClipAction} to clip it first. Non-finite and misshapen actions throw. No state.
 *
 * Gymnasium also rescales unbounded elements (a shift); this wrapper asks for finite bounds
 * on both sides, in the env and in the arguments.
 *
 * @example
 * const env = new RescaleAction(make('Pendulum-v1'), -1, 1); // a = ±1 is a torque of ±2
 */
export class RescaleAction extends BoxActionWrapper {
  protected readonly space: Box;
  /** g per element, float32 values. */
  private readonly gradient: Float64Array;
  /** b per element, float32 values. */
  private readonly intercept: Float64Array;

  /**
   * @param env the environment to wrap; its action space must be a Box with finite bounds
   * @param minAction the new lower bound: one number for every element, or one per element
   * @param maxAction the new upper bound, likewise; each above its `minAction`
   */
  constructor(env: Env, minAction: number | ArrayLike<number>, maxAction: number | ArrayLike<number>) {
    super(env, 'RescaleAction', false);
    const { low, high, size, shape } = this.innerActionSpace;
    if (!this.innerActionSpace.isBounded()) throw new RangeError(`${this.label}: the action space ${this.innerActionSpace} must have finite bounds`);
    const min = boundArray(minAction, size, `${this.label}: minAction`);
    const max = boundArray(maxAction, size, `${this.label}: maxAction`);
    min.forEach((m, j) => {
      if (!(m < max[j]!)) throw new RangeError(`${this.label}: minAction[${j}] = ${m} must be below maxAction[${j}] = ${max[j]}`);
    });
    this.space = new Box(min, max, shape);
    this.gradient = min.map((m, j) => Math.fround((max[j]! - m) / (high[j]! - low[j]!)));
    this.intercept = min.map((m, j) => Math.fround(Math.fround(this.gradient[j]! * -low[j]!) + m));
  }

  protected mapAction(action: ArrayLike<number>, out: Float64Array): void {
    for (let j = 0; j < out.length; j++) out[j] = (action[j]! - this.intercept[j]!) / this.gradient[j]!;
  }
}

/** A bound given as one number or one per element, as `size` finite float64 numbers. */
function boundArray(bound: number | ArrayLike<number>, size: number, what: string): Float64Array {
  const values = typeof bound === 'number' ? new Float64Array(size).fill(bound) : isNumericArray(bound) && bound.length === size ? Float64Array.from(bound) : undefined;
  if (values === undefined) throw new TypeError(`${what} must be a number or an array of ${size} numbers, got ${describe(bound)}`);
  const bad = values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new RangeError(`${what} must be finite, got ${values[bad]}${typeof bound === 'number' ? '' : ` at element ${bad}`}`);
  return values;
}
