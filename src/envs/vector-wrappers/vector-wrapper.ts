// The base of the vector wrappers, after Gymnasium 1.x's `VectorWrapper`
// (gymnasium/vector/vector_env.py): a vector env around a vector env, forwarding what it does not
// change.
import { describe } from '../../util/validate.js';
import type { Box, Discrete } from '../spaces.js';
import type { SyncVectorEnv, VectorEnv } from '../vector-env.js';

/**
 * A {@link VectorEnv} around another one, `env`, forwarding every array and method; each wrapper
 * overrides what it changes (its own observations, rewards or actions). The wrappers keep the
 * vector env's same-step autoreset: an ending episode's last observation is in
 * `finalObservations`, already transformed by every observation wrapper below.
 */
export abstract class VectorWrapper implements VectorEnv {
  /** The wrapper's class name, for error messages. */
  protected readonly label: string;

  /**
   * @param env the vector env to wrap
   * @param name the wrapper's class name, for error messages
   */
  protected constructor(readonly env: VectorEnv, name: string) {
    const candidate = env as Partial<VectorEnv> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.step !== 'function' || typeof candidate.reset !== 'function' || typeof candidate.markRestored !== 'function') {
      throw new TypeError(`${name}: env must be a vector env (a SyncVectorEnv or a vector wrapper), got ${describe(env)}`);
    }
    this.label = name;
  }

  get numEnvs(): number {
    return this.env.numEnvs;
  }
  get singleObservationSpace(): Box {
    return this.env.singleObservationSpace;
  }
  get singleActionSpace(): Discrete | Box {
    return this.env.singleActionSpace;
  }
  get observationSize(): number {
    return this.env.observationSize;
  }
  get actionSize(): number {
    return this.env.actionSize;
  }
  get observations(): Float32Array {
    return this.env.observations;
  }
  get rewards(): Float64Array {
    return this.env.rewards;
  }
  get terminated(): Uint8Array {
    return this.env.terminated;
  }
  get truncated(): Uint8Array {
    return this.env.truncated;
  }
  get finalObservations(): Float32Array {
    return this.env.finalObservations;
  }
  get rawRewards(): Float64Array {
    return this.env.rawRewards;
  }
  get unwrapped(): SyncVectorEnv {
    return this.env.unwrapped;
  }

  reset(seed?: number): Float32Array {
    this.env.reset(seed);
    return this.observations;
  }

  step(actions: ArrayLike<number>): void {
    this.env.step(actions);
  }

  markRestored(): void {
    this.env.markRestored();
  }
}

/**
 * The outermost wrapper of class `type` in the stack `envs` (envs itself included), or undefined
 * if there is none — Gymnasium's way of reaching a wrapper's attributes through a stack.
 *
 * @example
 * const statistics = findVectorWrapper(agent.envs, NormalizeObservationVector)?.statistics;
 */
export function findVectorWrapper<T extends VectorWrapper>(envs: VectorEnv, type: abstract new (...args: never[]) => T): T | undefined {
  for (let env: VectorEnv = envs; env instanceof VectorWrapper; env = env.env) {
    if (env instanceof type) return env;
  }
  return undefined;
}
