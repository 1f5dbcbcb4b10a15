// The base of the vector wrappers that change observations, after Gymnasium 1.x's
// `VectorObservationWrapper` (gymnasium/vector/vector_env.py), for same-step autoreset.
import { Box } from '../spaces.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorWrapper } from './vector-wrapper.js';

/**
 * A vector wrapper with observations of its own: after each `reset` and `step` of the inner env
 * it transforms every row of the inner `observations` into its own, and after a step, first, the
 * rows of `finalObservations` whose episodes just ended — each row in sub-env order, before the
 * batch of current observations, so that a stateful transform sees an ending episode's last
 * observation before the next episode's first, as a per-env Gymnasium wrapper would. (Gymnasium
 * 1.x's vector wrappers, with next-step autoreset, see the last observation in the batch of the
 * ending step and the first in the batch of the next.)
 *
 * A subclass defines the transform of one observation, {@link transformObservation}, and, if it
 * keeps statistics, {@link observe}, called with the rows about to be transformed. Stepping
 * allocates nothing.
 */
export abstract class VectorObservationWrapper extends VectorWrapper {
  private readonly space: Box;
  private readonly transformed: Float32Array;
  private readonly transformedFinal: Float32Array;
  /** Views of one row each: the inner env's observations and final observations, and this wrapper's. */
  private readonly rows: { inner: Float32Array[]; innerFinal: Float32Array[]; own: Float32Array[]; ownFinal: Float32Array[] };

  /**
   * @param env the vector env to wrap
   * @param name the wrapper's class name, for error messages
   * @param observationSpace the space of one transformed observation; default the inner env's
   */
  protected constructor(env: VectorEnv, name: string, observationSpace?: Box) {
    super(env, name);
    if (observationSpace !== undefined && !(observationSpace instanceof Box)) throw new TypeError(`${name}: observationSpace must be a Box, got ${String(observationSpace)}`);
    this.space = observationSpace ?? env.singleObservationSpace;
    const { numEnvs, observationSize } = env;
    const size = this.space.size;
    this.transformed = new Float32Array(numEnvs * size);
    this.transformedFinal = new Float32Array(numEnvs * size);
    const views = (array: Float32Array, rowSize: number) => Array.from({ length: numEnvs }, (_, e) => array.subarray(e * rowSize, (e + 1) * rowSize));
    this.rows = {
      inner: views(env.observations, observationSize),
      innerFinal: views(env.finalObservations, observationSize),
      own: views(this.transformed, size),
      ownFinal: views(this.transformedFinal, size),
    };
  }

  override get singleObservationSpace(): Box {
    return this.space;
  }
  override get observationSize(): number {
    return this.space.size;
  }
  override get observations(): Float32Array {
    return this.transformed;
  }
  override get finalObservations(): Float32Array {
    return this.transformedFinal;
  }

  override reset(seed?: number): Float32Array {
    this.env.reset(seed);
    this.transformCurrent(true);
    return this.transformed;
  }

  override step(actions: ArrayLike<number>): void {
    const { env, rows } = this;
    env.step(actions);
    const { terminated, truncated } = env;
    for (let e = 0; e < env.numEnvs; e++) {
      if (!(terminated[e] || truncated[e])) continue;
      this.observe(rows.innerFinal[e]!, 1);
      this.transformObservation(rows.innerFinal[e]!, rows.ownFinal[e]!);
    }
    this.transformCurrent(true);
  }

  /** Transforms the restored observations without {@link observe}: statistics stay as restored. */
  override markRestored(): void {
    this.env.markRestored();
    this.transformCurrent(false);
  }

  /**
   * Writes the transform of one observation of the inner env (`observation`, a row of its
   * observations) into `out` (one row of this wrapper's), changing no statistics. It is also how
   * a single observation is transformed for prediction ({@link observationTransform}).
   */
  abstract transformObservation(observation: Float32Array, out: Float32Array): void;

  /** Called with `count` rows of inner observations before they are transformed: where running statistics are updated. Default: nothing. */
  protected observe(_rows: Float32Array, _count: number): void {}

  private transformCurrent(observe: boolean): void {
    const { env, rows } = this;
    if (observe) this.observe(env.observations, env.numEnvs);
    for (let e = 0; e < env.numEnvs; e++) this.transformObservation(rows.inner[e]!, rows.own[e]!);
  }
}
