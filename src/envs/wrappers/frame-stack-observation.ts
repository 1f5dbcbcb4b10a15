// Gymnasium's FrameStackObservation (gymnasium/wrappers/stateful_observation.py; FrameStack
// before Gymnasium 1.0): the last few observations, stacked.
import { assertInteger, assertKnownKeys, describe } from '../../util/validate.js';
import type { Action, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

export interface FrameStackObservationOptions {
  /**
   * What fills the stack at reset besides the reset observation (Gymnasium's `padding_type`):
   * `'reset'` (default) repeats the reset observation; `'zero'` is the observation space's zero
   * (0 clipped into its bounds, Gymnasium's `create_zero_array`); an observation of the inner
   * env's observation space is used as it is.
   */
  padding?: 'reset' | 'zero' | ArrayLike<number>;
}

/**
 * Stacks the last `stackSize` observations into one, oldest first, as Gymnasium 1.x's
 * `FrameStackObservation` (the FrameStack of Gymnasium 0.x, renamed in 1.0, without LazyFrames).
 * An observation of shape S becomes one of shape [stackSize, …S], row-major, in a Box whose bounds
 * repeat the inner one's. After `reset` the stack is `stackSize − 1` paddings and the reset
 * observation; each step drops the oldest frame and appends the new observation. The snapshot
 * holds the frames.
 *
 * @example
 * const env = new FrameStackObservation(make('CartPole-v1'), 4); // observations of 16 floats
 */
export class FrameStackObservation extends Wrapper {
  private readonly space: Box;
  private readonly padding: 'reset' | Float32Array;
  /** The frames, oldest first. */
  private frames: Float32Array[];

  /**
   * @param env the environment to wrap
   * @param stackSize frames per observation, an integer ≥ 1 (Gymnasium's `stack_size`)
   * @param options see {@link FrameStackObservationOptions}
   */
  constructor(env: Env, readonly stackSize: number, options: FrameStackObservationOptions = {}) {
    super(env, 'FrameStackObservation');
    assertInteger(stackSize, `${this.label}: stackSize`, 1);
    assertKnownKeys(options, ['padding'], `${this.label} options`);
    const inner = env.observationSpace;
    const padding = options.padding ?? 'reset';
    const zero = Float32Array.from(inner.low, (low, j) => (low > 0 ? low : inner.high[j]! < 0 ? inner.high[j]! : 0));
    if (padding === 'reset') {
      this.padding = 'reset';
    } else if (padding === 'zero') {
      this.padding = zero;
    } else if (inner.contains(padding)) {
      this.padding = Float32Array.from(padding);
    } else {
      throw new RangeError(`${this.label} options.padding must be 'reset', 'zero' or an observation of ${inner}, got ${describe(padding)}${typeof padding === 'object' ? `: ${inner.explain(padding)}` : ''}`);
    }
    const repeat = (bound: Float64Array) => Array.from({ length: stackSize }, () => Array.from(bound)).flat();
    this.space = new Box(repeat(inner.low), repeat(inner.high), [stackSize, ...inner.shape]);
    // Before the first reset the stack holds paddings, the zero for 'reset' (Gymnasium's deque).
    const initial = this.padding === 'reset' ? zero : this.padding;
    this.frames = Array.from({ length: stackSize }, () => initial);
  }

  override get observationSpace(): Box {
    return this.space;
  }

  override reset(args?: ResetArgs): ResetResult {
    const [observation, info] = this.env.reset(args);
    const padding = this.padding === 'reset' ? observation : this.padding;
    this.frames = [...Array.from({ length: this.stackSize - 1 }, () => padding), observation.slice()];
    return [this.stacked(), info];
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    this.frames = [...this.frames.slice(1), observation.slice()];
    return [this.stacked(), reward, terminated, truncated, info];
  }

  protected override wrapperState(): unknown {
    return { frames: this.frames.map((frame) => Array.from(frame)) };
  }

  protected override restoreWrapperState(state: unknown): void {
    const { frames } = this.stateObject(state);
    const size = this.env.observationSpace.size;
    if (!Array.isArray(frames) || frames.length !== this.stackSize || !frames.every((f) => Array.isArray(f) && f.length === size && f.every((x) => typeof x === 'number' && Number.isFinite(x)))) {
      throw new RangeError(`${this.label}.restore: wrapper.frames must be ${this.stackSize} arrays of ${size} finite numbers, got ${describe(frames)}`);
    }
    this.frames = frames.map((frame: number[]) => Float32Array.from(frame));
  }

  private stacked(): Float32Array {
    const size = this.env.observationSpace.size;
    const out = new Float32Array(this.stackSize * size);
    this.frames.forEach((frame, k) => out.set(frame, k * size));
    return out;
  }
}
