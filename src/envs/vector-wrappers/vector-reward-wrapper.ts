// The base of the vector wrappers that change rewards, after Gymnasium 1.x's `VectorRewardWrapper`
// (gymnasium/vector/vector_env.py).
import type { VectorEnv } from '../vector-env.js';
import { VectorWrapper } from './vector-wrapper.js';

/**
 * A vector wrapper with rewards of its own: after each `step` of the inner env it writes its
 * `rewards` from the inner env's ({@link transformRewards}); `reset` and `markRestored` set them
 * to 0, as the vector env does. `rawRewards` still reaches the environments' own. Stepping
 * allocates nothing.
 */
export abstract class VectorRewardWrapper extends VectorWrapper {
  private readonly transformed: Float64Array;

  /**
   * @param env the vector env to wrap
   * @param name the wrapper's class name, for error messages
   */
  protected constructor(env: VectorEnv, name: string) {
    super(env, name);
    this.transformed = new Float64Array(env.numEnvs);
  }

  override get rewards(): Float64Array {
    return this.transformed;
  }

  override reset(seed?: number): Float32Array {
    const observations = this.env.reset(seed);
    this.transformed.fill(0);
    return observations;
  }

  override step(actions: ArrayLike<number>): void {
    this.env.step(actions);
    this.transformRewards(this.env.rewards, this.transformed);
  }

  override markRestored(): void {
    this.env.markRestored();
    this.transformed.fill(0);
  }

  /** Writes this wrapper's reward of each sub-env from the inner env's `rewards`, after a step (flags in `this.env`). */
  protected abstract transformRewards(rewards: Float64Array, out: Float64Array): void;
}
