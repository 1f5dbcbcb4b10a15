// A synchronous vector environment with same-step automatic reset.
import { Random } from '../random/prng.js';
import { assertInteger, describe, isNumericArray } from '../util/validate.js';
import { isDeferredStepEnv, isInPlaceEnv, type Action, type DeferredStepEnv, type Env, type InPlaceEnv, type ResetResult, type StepResult } from './env.js';
import { make } from './registry.js';
import { actionSizeOf, type Box, type Discrete } from './spaces.js';

/**
 * What the collector steps: a {@link SyncVectorEnv}, or a stack of vector wrappers over one
 * (`src/envs/vector-wrappers/`), each presenting the same arrays after its own changes. The arrays
 * belong to the env, stay the same objects for its lifetime, and are overwritten by every
 * `reset`, `step` and `markRestored`.
 */
export interface VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Box;
  readonly singleActionSpace: Discrete | Box;
  /** Floats per observation. */
  readonly observationSize: number;
  /** Numbers per action: 1 for a Discrete space, the Box's size otherwise. */
  readonly actionSize: number;
  /** Current observations, [numEnvs][observationSize]. */
  readonly observations: Float32Array;
  /** Rewards of the latest step, [numEnvs]. */
  readonly rewards: Float64Array;
  /** 1 where the latest step terminated the episode, [numEnvs]. */
  readonly terminated: Uint8Array;
  /** 1 where the latest step truncated the episode (time limit), [numEnvs]. */
  readonly truncated: Uint8Array;
  /** Last observations of the episodes that the latest step ended; rows where neither flag is set are stale. */
  readonly finalObservations: Float32Array;
  /** The rewards as the environments gave them, before any wrapper changed them (episode statistics count these). */
  readonly rawRewards: Float64Array;
  /** The SyncVectorEnv at the bottom of the stack (itself, for a SyncVectorEnv). */
  readonly unwrapped: SyncVectorEnv;
  /** Resets every sub-env (seeded from `seed` if given) and returns `observations`. */
  reset(seed?: number): Float32Array;
  /** Steps every sub-env with its row of `actions` ([numEnvs][actionSize]); results land in the arrays. */
  step(actions: ArrayLike<number>): void;
  /** After the sub-envs were restored from snapshots: the arrays from their states, ready to step (statistics are not updated). */
  markRestored(): void;
}

/**
 * Steps `numEnvs` environments one after another and resets each as soon as its episode ends.
 *
 * Reset semantics (same-step autoreset, as Gymnasium 0.26–0.29 and Stable-Baselines3): when
 * sub-env i terminates or is truncated, `step` copies its last observation into row i of
 * `finalObservations`, resets it at once, and row i of `observations` holds the first observation
 * of the new episode. So every observation in `observations` is one to act on, and the final
 * observation of a truncated episode stays available for bootstrapping its value. `rewards`,
 * `terminated` and `truncated` describe the step that just ended the episode.
 *
 * Seeding: `reset(seed)` seeds sub-env i with `Random.derive(seed, i).nextUint32()`, so one seed
 * fixes every sub-env; later automatic resets continue each sub-env's own generator. Not
 * Gymnasium's seed + i, so that runs with neighbouring seeds share no sub-env's stream; a built-in
 * sub-env replays in Python with `gymnasium.make(id).reset(seed=SyncVectorEnv.subEnvSeed(seed, i))`.
 *
 * All result arrays are owned by the vector env and overwritten by every `reset` and `step`;
 * stepping allocates nothing (for user envs without the in-place protocol, their own `step`
 * allocates).
 */
export class SyncVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Box;
  readonly singleActionSpace: Discrete | Box;
  /** Floats per observation. */
  readonly observationSize: number;
  /** Numbers per action: 1 for a Discrete space, the Box's size otherwise. */
  readonly actionSize: number;
  /** Current observations, [numEnvs][observationSize]. */
  readonly observations: Float32Array;
  /** Rewards of the latest step, [numEnvs]. */
  readonly rewards: Float64Array;
  /** 1 where the latest step terminated the episode, [numEnvs]. */
  readonly terminated: Uint8Array;
  /** 1 where the latest step truncated the episode (time limit), [numEnvs]. */
  readonly truncated: Uint8Array;
  /** Last observations of the episodes that the latest step ended; rows where neither flag is set are stale. */
  readonly finalObservations: Float32Array;
  private readonly envs: InPlaceEnv[];
  /** One float64 action vector per Box sub-env, so that actions reach each env unrounded and unallocated. */
  private readonly boxActions: Float64Array[];
  private readonly discrete: boolean;
  /** Per sub-env, whether its steps run on another thread ({@link DeferredStepEnv}). */
  private readonly deferred: boolean[];
  private ready = false;

  /** @param envs the sub-environments, with equal observation and action spaces (sizes and kind). */
  constructor(envs: readonly Env[]) {
    if (!Array.isArray(envs) || envs.length === 0) throw new RangeError(`SyncVectorEnv: envs must be a non-empty array of environments, got ${describe(envs)}`);
    const first = envs[0]!;
    this.numEnvs = envs.length;
    this.singleObservationSpace = first.observationSpace;
    this.singleActionSpace = first.actionSpace;
    this.observationSize = first.observationSpace.size;
    this.discrete = 'n' in first.actionSpace;
    this.actionSize = actionSizeOf(first.actionSpace);
    envs.forEach((env, i) => {
      if (env.observationSpace.size !== this.observationSize || String(env.actionSpace) !== String(first.actionSpace)) {
        throw new RangeError(`SyncVectorEnv: envs[${i}] (${env.id}) has spaces ${env.observationSpace} / ${env.actionSpace}, unlike envs[0] (${first.id}): ${first.observationSpace} / ${first.actionSpace}`);
      }
    });
    this.envs = envs.map((env) => (isInPlaceEnv(env) ? env : new InPlaceAdapter(env)));
    this.observations = new Float32Array(this.numEnvs * this.observationSize);
    this.finalObservations = new Float32Array(this.numEnvs * this.observationSize);
    this.rewards = new Float64Array(this.numEnvs);
    this.terminated = new Uint8Array(this.numEnvs);
    this.truncated = new Uint8Array(this.numEnvs);
    this.boxActions = this.discrete ? [] : this.envs.map(() => new Float64Array(this.actionSize));
    this.deferred = this.envs.map((env) => isDeferredStepEnv(env));
  }

  /**
   * The seed that `reset(seed)` gives sub-env `index`: an unsigned 32-bit integer, the seed that
   * Gymnasium's `reset(seed=…)` needs to start that sub-env's episodes in Python.
   * @param seed the vector env's seed, an integer
   * @param index the sub-env, from 0
   */
  static subEnvSeed(seed: number, index: number): number {
    return Random.derive(seed, index).nextUint32();
  }

  /**
   * Resets every sub-env (seeded from `seed` if given, see the class doc) and returns
   * `observations`.
   */
  reset(seed?: number): Float32Array {
    if (seed !== undefined) assertInteger(seed, 'SyncVectorEnv.reset: seed');
    for (let i = 0; i < this.numEnvs; i++) {
      const env = this.envs[i]!;
      env.resetInPlace(seed === undefined ? undefined : SyncVectorEnv.subEnvSeed(seed, i));
      this.observations.set(env.observation, i * this.observationSize);
    }
    this.rewards.fill(0);
    this.terminated.fill(0);
    this.truncated.fill(0);
    this.ready = true;
    return this.observations;
  }

  /** The rewards as the environments gave them: here `rewards` itself (a wrapper may change its own `rewards`). */
  get rawRewards(): Float64Array {
    return this.rewards;
  }

  get unwrapped(): SyncVectorEnv {
    return this;
  }

  /** The sub-environments, in order. */
  get subEnvs(): readonly InPlaceEnv[] {
    return this.envs;
  }

  /** After the sub-envs were restored from snapshots: current observations from them, ready to step. */
  markRestored(): void {
    this.envs.forEach((env, i) => this.observations.set(env.observation, i * this.observationSize));
    this.rewards.fill(0);
    this.terminated.fill(0);
    this.truncated.fill(0);
    this.ready = true;
  }

  /**
   * Steps every sub-env with its action: `actions[i]` (integers) for a Discrete space, row i of
   * `actions` [numEnvs][actionSize] for a Box space. Results land in the result arrays.
   */
  step(actions: ArrayLike<number>): void {
    if (!this.ready) throw new Error('SyncVectorEnv: call reset() before step()');
    const expected = this.numEnvs * this.actionSize;
    if (!isNumericArray(actions) || actions.length !== expected) {
      throw new RangeError(`SyncVectorEnv.step: actions must be an array or typed array of ${expected} numbers (${this.numEnvs} envs × ${this.actionSize}), got ${describe(actions)}${isNumericArray(actions) ? ` of length ${actions.length}` : ''}`);
    }
    const size = this.observationSize;
    // Sub-envs stepped on another thread start first, so that they run while this one steps the rest.
    for (let i = 0; i < this.numEnvs; i++) if (this.deferred[i]) (this.envs[i] as DeferredStepEnv).startStep(this.actionOf(actions, i));
    for (let i = 0; i < this.numEnvs; i++) {
      const env = this.envs[i]!;
      if (this.deferred[i]) (env as DeferredStepEnv).finishStep();
      else env.stepInPlace(this.actionOf(actions, i));
      this.rewards[i] = env.reward;
      const terminated = env.terminated;
      const truncated = env.truncated;
      this.terminated[i] = terminated ? 1 : 0;
      this.truncated[i] = truncated ? 1 : 0;
      if (terminated || truncated) {
        this.finalObservations.set(env.observation, i * size);
        env.resetInPlace();
      }
      this.observations.set(env.observation, i * size);
    }
  }

  /** Sub-env i's action: `actions[i]` for a Discrete space; for a Box, row i copied into its own float64 vector. */
  private actionOf(actions: ArrayLike<number>, i: number): Action {
    if (this.discrete) return actions[i]!;
    const action = this.boxActions[i]!;
    for (let j = 0; j < this.actionSize; j++) action[j] = actions[i * this.actionSize + j]!;
    return action;
  }
}

/**
 * Why `envs` (a vector env's sub-envs) cannot be checkpointed or restored (`doing`), naming the
 * first that lacks `snapshot()` and `restore()` and saying what to add; undefined when every one has them.
 */
export function snapshotProblem(envs: readonly InPlaceEnv[], doing: 'checkpoint' | 'restore'): string | undefined {
  const index = envs.findIndex((env) => !hasSnapshots(env));
  if (index < 0) return undefined;
  return `cannot ${doing} sub-env ${index} (${envs[index]!.id}): it has no snapshot() and restore(). `
    + 'Add snapshot(), returning as JSON data everything its next steps depend on (its state, the step count, its random generator\'s getState()), '
    + 'and restore(snapshot), setting them back (see "Your own environment" in docs/environments.md)';
}

/** The sub-envs' snapshots, for an exact resume; every sub-env must have snapshot() and restore() ({@link snapshotProblem}). */
export function snapshotVectorEnv(vector: SyncVectorEnv): unknown[] {
  const problem = snapshotProblem(vector.subEnvs, 'checkpoint');
  if (problem !== undefined) throw new Error(problem);
  return vector.subEnvs.map((env) => (env as SnapshotEnv).snapshot());
}

/** Restores snapshots from {@link snapshotVectorEnv} and the current observations from them. */
export function restoreVectorEnv(vector: SyncVectorEnv, snapshots: readonly unknown[]): void {
  if (snapshots.length !== vector.numEnvs) throw new RangeError(`restore: ${snapshots.length} snapshots for ${vector.numEnvs} sub-envs`);
  const problem = snapshotProblem(vector.subEnvs, 'restore');
  if (problem !== undefined) throw new Error(problem);
  vector.subEnvs.forEach((env, i) => (env as SnapshotEnv).restore(snapshots[i]));
  vector.markRestored();
}

type SnapshotEnv = InPlaceEnv & { snapshot(): unknown; restore(snapshot: unknown): void };

function hasSnapshots(env: InPlaceEnv): env is SnapshotEnv {
  return typeof env.snapshot === 'function' && typeof env.restore === 'function';
}

/**
 * Builds `numEnvs` copies of the environment `id` (each `make(id, options)`) in a
 * {@link SyncVectorEnv}.
 */
export function makeVec(id: string, numEnvs: number, options: Record<string, unknown> = {}): SyncVectorEnv {
  assertInteger(numEnvs, `makeVec('${id}'): numEnvs`, 1);
  return new SyncVectorEnv(Array.from({ length: numEnvs }, () => make(id, options)));
}

/**
 * Gives a user env that only has Gymnasium's `reset`/`step` the in-place protocol, checking what it
 * returns. An env with `snapshot()` and `restore()` keeps them: the adapter's snapshot is the env's
 * with the adapter's current observation, which `restore` sets back beside the env's own state.
 */
class InPlaceAdapter implements InPlaceEnv {
  readonly observation: Float32Array;
  reward = 0;
  terminated = false;
  truncated = false;
  readonly snapshot?: () => AdapterSnapshot;
  readonly restore?: (snapshot: unknown) => void;

  constructor(private readonly env: Env) {
    this.observation = new Float32Array(env.observationSpace.size);
    if (typeof env.snapshot === 'function' && typeof env.restore === 'function') {
      const { snapshot, restore } = env as Required<Pick<Env, 'snapshot' | 'restore'>>;
      this.snapshot = () => ({ env: snapshot.call(env), observation: Array.from(this.observation) });
      this.restore = (saved) => {
        const { env: state, observation } = (saved ?? {}) as Partial<AdapterSnapshot>;
        if (!Array.isArray(observation) || observation.length !== this.observation.length || !observation.every((x) => typeof x === 'number' && Number.isFinite(x))) {
          throw new RangeError(`${this.id}.restore: the snapshot's observation must be ${this.observation.length} finite numbers, got ${describe(observation)}`);
        }
        restore.call(env, state);
        this.observation.set(observation);
      };
    }
  }

  get id(): string {
    return this.env.id;
  }
  get observationSpace(): Box {
    return this.env.observationSpace;
  }
  get actionSpace(): Discrete | Box {
    return this.env.actionSpace;
  }
  reset(args?: Parameters<Env['reset']>[0]): ResetResult {
    return this.env.reset(args);
  }
  step(action: Action): StepResult {
    return this.env.step(action);
  }

  resetInPlace(seed?: number): void {
    const result = this.env.reset(seed === undefined ? {} : { seed });
    if (!Array.isArray(result)) throw new TypeError(`${this.id}.reset must return [observation, info], got ${describe(result)}`);
    this.setObservation(result[0], 'reset');
  }

  stepInPlace(action: Action): void {
    const result = this.env.step(action);
    if (!Array.isArray(result) || result.length !== 5) throw new TypeError(`${this.id}.step must return [observation, reward, terminated, truncated, info], got ${describe(result)}`);
    const [observation, reward, terminated, truncated] = result;
    if (typeof reward !== 'number' || !Number.isFinite(reward)) throw new RangeError(`${this.id}.step: reward must be a finite number, got ${describe(reward)}`);
    if (typeof terminated !== 'boolean' || typeof truncated !== 'boolean') {
      throw new TypeError(`${this.id}.step: terminated and truncated must be booleans, got ${describe(terminated)} and ${describe(truncated)}`);
    }
    this.setObservation(observation, 'step');
    this.reward = reward;
    this.terminated = terminated;
    this.truncated = truncated;
  }

  private setObservation(observation: unknown, method: string): void {
    if (!(observation instanceof Float32Array) || observation.length !== this.observation.length) {
      throw new TypeError(`${this.id}.${method}: observation must be a Float32Array of length ${this.observation.length}, got ${describe(observation)}${isNumericArray(observation) ? ` of length ${observation.length}` : ''}`);
    }
    this.observation.set(observation);
  }
}

/** What an adapted env's snapshot holds: the env's own, and the observation the adapter holds. */
interface AdapterSnapshot {
  env: unknown;
  observation: number[];
}
