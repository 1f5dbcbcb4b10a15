// A user function applied to every observation of a vector env: Gymnasium 1.x's
// gymnasium.wrappers.vector.TransformObservation (vectorize_observation.py), one row at a time.
import { describe } from '../../util/validate.js';
import type { Box } from '../spaces.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorObservationWrapper } from './vector-observation-wrapper.js';

/**
 * Writes `fn(observation, out)` for every observation: each row of `observations` after a reset
 * or step, and each final observation of an ending episode (see {@link VectorObservationWrapper}).
 * `fn` reads one observation of the inner env and must write every element of `out`, one row of
 * this wrapper's (`observationSpace.size` floats; default the inner env's size); both are views
 * into arrays that are reused, so `fn` should not keep them. Where Gymnasium's takes the whole
 * batch and returns a new one, this works in place so that stepping allocates nothing.
 *
 * Results are only as deterministic as `fn`: a function with randomness or state of its own makes
 * seeded runs differ and a restored run diverge (`markRestored` calls it again on the restored
 * observations). No state.
 *
 * @example
 * // CleanRL's clip of normalised observations to ±10:
 * const envs = new TransformObservationVector(normalized, (o, out) => { for (let j = 0; j < o.length; j++) out[j] = Math.min(Math.max(o[j]!, -10), 10); });
 */
export class TransformObservationVector extends VectorObservationWrapper {
  /**
   * @param env the vector env to wrap
   * @param fn writes the transform of one observation into `out`
   * @param observationSpace the space of `fn`'s results; default the inner env's single observation space
   */
  constructor(env: VectorEnv, private readonly fn: (observation: Float32Array, out: Float32Array) => void, observationSpace?: Box) {
    super(env, 'TransformObservationVector', observationSpace);
    if (typeof fn !== 'function') throw new TypeError(`${this.label}: fn must be a function (observation, out) => void, got ${describe(fn)}`);
  }

  transformObservation(observation: Float32Array, out: Float32Array): void {
    this.fn(observation, out);
  }
}
