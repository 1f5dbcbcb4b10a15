// Gymnasium's TransformObservation (gymnasium/wrappers/transform_observation.py): a user function
// applied to every observation.
import { describe, isNumericArray } from '../../util/validate.js';
import type { Action, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

/**
 * Returns `fn(observation)` for every observation of `reset` and `step`, as Gymnasium 1.x's
 * `TransformObservation(env, func, observation_space)`. `fn` gets the inner env's observation (a
 * fresh array it may keep or change) and returns the new one: any array of
 * `observationSpace.size` numbers, copied into a fresh Float32Array. `observationSpace` is the
 * space of what `fn` returns; by default the inner env's.
 *
 * Results are only as deterministic as `fn`: a function that draws random numbers or keeps state
 * of its own makes seeded runs, `checkEnv`'s determinism check and restored snapshots differ (the
 * snapshot has no state of this wrapper's; `fn`'s own is not in it).
 *
 * @example
 * const env = new TransformObservation(make('CartPole-v1'), (o) => o.map((x) => Math.min(Math.max(x, -10), 10)));
 */
export class TransformObservation extends Wrapper {
  private readonly space: Box;

  /**
   * @param env the environment to wrap
   * @param fn maps an observation of the inner env to this wrapper's
   * @param observationSpace the Box that `fn`'s results lie in; default the inner env's observation space
   */
  constructor(env: Env, private readonly fn: (observation: Float32Array) => ArrayLike<number>, observationSpace?: Box) {
    super(env, 'TransformObservation');
    if (typeof fn !== 'function') throw new TypeError(`${this.label}: fn must be a function (observation) => observation, got ${describe(fn)}`);
    if (observationSpace !== undefined && !(observationSpace instanceof Box)) throw new TypeError(`${this.label}: observationSpace must be a Box, got ${describe(observationSpace)}`);
    this.space = observationSpace ?? env.observationSpace;
  }

  override get observationSpace(): Box {
    return this.space;
  }

  override reset(args?: ResetArgs): ResetResult {
    const [observation, info] = this.env.reset(args);
    return [this.transform(observation), info];
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    return [this.transform(observation), reward, terminated, truncated, info];
  }

  private transform(observation: Float32Array): Float32Array {
    const result = this.fn(observation);
    if (!isNumericArray(result) || result.length !== this.space.size) {
      throw new TypeError(`${this.label}: fn must return an array of ${this.space.size} numbers, got ${describe(result)}${isNumericArray(result) ? ` of length ${result.length}` : ''}`);
    }
    return Float32Array.from(result);
  }
}
