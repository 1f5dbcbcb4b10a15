// Gymnasium's environment API in TypeScript, and the base of the classic-control environments.
import { assertSeed, NumpyGenerator } from '../random/numpy-generator.js';
import { assertBoolean, assertFiniteArray, assertFiniteNumber, assertInteger, assertKnownKeys, describe } from '../util/validate.js';
import { Box, Discrete, entropySeed } from './spaces.js';

/** Extra information returned by `reset` and `step` (Gymnasium's `info` dict). */
export type Info = Record<string, unknown>;

/** An action: an integer for a Discrete space, an array of numbers for a Box space. */
export type Action = number | ArrayLike<number>;

/** The option every built-in environment takes in `make`. */
export interface TimeLimitOptions {
  /** Steps after which an episode is truncated (Gymnasium's `max_episode_steps`); default per env. */
  maxEpisodeSteps?: number;
}

/** The option of the built-in environments with a Box action space (Pendulum-v1, MountainCarContinuous-v0). */
export interface BoxActionOptions {
  /**
   * Throw on an action outside the action space's bounds. Default false: the action reaches the
   * dynamics, which clip it exactly as Gymnasium's do (each env's doc says how). Non-finite and
   * misshapen actions throw either way.
   */
  strictActions?: boolean;
}

export interface ResetArgs {
  /** Reseeds the environment's generator; without it the generator continues (Gymnasium's rule). */
  seed?: number;
  /** Per-environment reset options, e.g. `{ low, high }` bounds of the initial state. */
  options?: Record<string, unknown>;
}

/** `[observation, info]`, as Gymnasium's `reset` returns. */
export type ResetResult = [observation: Float32Array, info: Info];

/** `[observation, reward, terminated, truncated, info]`, as Gymnasium's `step` returns. */
export type StepResult = [observation: Float32Array, reward: number, terminated: boolean, truncated: boolean, info: Info];

/**
 * An environment with Gymnasium's API. Observations are float32 vectors in a Box; actions are
 * integers of a Discrete space or float vectors of a Box space. `terminated` means the MDP reached
 * a terminal state (no bootstrap); `truncated` means it was cut short (time limit: bootstrap).
 *
 * `reset` and `step` are enough to train and evaluate. To checkpoint a run and resume it exactly,
 * an environment also needs `snapshot` and `restore`.
 */
export interface Env<A extends Action = Action> {
  /** The registered id, e.g. `'CartPole-v1'`; used in error messages and recorded in checkpoints. */
  readonly id: string;
  readonly observationSpace: Box;
  readonly actionSpace: A extends number ? Discrete : Box;
  reset(args?: ResetArgs): ResetResult;
  step(action: A): StepResult;
  /**
   * Optional: everything the next steps depend on — the state, the step count of the episode, the
   * state of the random generator (its `getState()`) — as JSON data (numbers, strings, booleans,
   * arrays and objects of them), taken between two steps. A checkpoint stores it; the built-in
   * environments return an {@link EnvSnapshot}.
   */
  snapshot?(): unknown;
  /**
   * Optional: sets the environment back to a {@link snapshot}'s state, so that its next steps are
   * those the snapshotted one would have taken. It receives the data `snapshot` returned, after a
   * round trip through JSON, and should reject data it cannot restore from (throw, naming the field).
   */
  restore?(snapshot: unknown): void;
}

/**
 * The allocation-free side of an environment, used by the vector env: `resetInPlace` and
 * `stepInPlace` overwrite `observation`, `reward`, `terminated` and `truncated` in place.
 * A user environment that lacks it still works in a vector env, through its `step`.
 */
export interface InPlaceEnv<A extends Action = Action> extends Env<A> {
  /** The latest observation; overwritten by the next reset or step. */
  readonly observation: Float32Array;
  readonly reward: number;
  readonly terminated: boolean;
  readonly truncated: boolean;
  resetInPlace(seed?: number, options?: Record<string, unknown>): void;
  stepInPlace(action: A): void;
}

export function isInPlaceEnv<A extends Action>(env: Env<A>): env is InPlaceEnv<A> {
  const candidate = env as Partial<InPlaceEnv<A>>;
  return typeof candidate.stepInPlace === 'function' && typeof candidate.resetInPlace === 'function' && candidate.observation instanceof Float32Array;
}

/**
 * An in-place environment whose steps run elsewhere (on another thread): `startStep(action)` hands
 * the action over and returns at once; `finishStep()` waits for that step and leaves its results
 * as `stepInPlace` would have. The vector env starts these before it steps the others, so that
 * they run meanwhile.
 */
export interface DeferredStepEnv<A extends Action = Action> extends InPlaceEnv<A> {
  startStep(action: A): void;
  finishStep(): void;
}

export function isDeferredStepEnv<A extends Action>(env: InPlaceEnv<A>): env is DeferredStepEnv<A> {
  const candidate = env as Partial<DeferredStepEnv<A>>;
  return typeof candidate.startStep === 'function' && typeof candidate.finishStep === 'function';
}

/** A built-in environment's full dynamic state (see `ClassicControlEnv.snapshot`). */
export interface EnvSnapshot {
  /** The physical state, float64, in Gymnasium's order. */
  state: number[];
  /** Steps since the last reset. */
  elapsedSteps: number;
  /** numpy's PCG64 state (`NumpyGenerator.getState()`): eight unsigned 32-bit words. */
  random: number[];
}

/**
 * Base of the classic-control environments: the internal state in float64, the observation in
 * float32, the seeded generator and the time limit (Gymnasium's `TimeLimit` wrapper, built in:
 * `truncated` becomes true on the step that reaches `maxEpisodeSteps`). The generator is
 * Gymnasium's `np_random`, numpy's `Generator(PCG64(SeedSequence(seed)))`, so that
 * `reset({ seed })` draws the initial state Gymnasium draws for the same seed.
 *
 * `reset` and `step` return a fresh observation array each call, as Gymnasium does; the
 * `*InPlace` methods reuse `observation` and allocate nothing.
 */
export abstract class ClassicControlEnv<A extends Action> implements InPlaceEnv<A> {
  abstract readonly observationSpace: Box;
  abstract readonly actionSpace: A extends number ? Discrete : Box;
  /** The physical state, float64, in Gymnasium's order (see each environment's doc). */
  readonly state: Float64Array;
  readonly observation: Float32Array;
  reward = 0;
  terminated = false;
  truncated = false;
  /** Steps since the last reset. */
  elapsedSteps = 0;
  /** numpy's generator, Gymnasium's `np_random`: it draws the initial states (see {@link drawInitialState}). */
  protected random = new NumpyGenerator(entropySeed());
  /** False until the first reset or setState, so that a step without one fails clearly. */
  protected ready = false;
  /**
   * Whether a Box action outside the bounds throws. True unless the subclass's dynamics clip the
   * action and its constructor says so through {@link readBoxActionOptions} (the built-in Box envs).
   */
  protected strictActions = true;

  constructor(
    readonly id: string,
    stateSize: number,
    observationSize: number,
    /** The time limit: Gymnasium's `max_episode_steps` for this id unless overridden in `make`. */
    readonly maxEpisodeSteps: number,
  ) {
    assertInteger(maxEpisodeSteps, `${id}: maxEpisodeSteps`, 1);
    this.state = new Float64Array(stateSize);
    this.observation = new Float32Array(observationSize);
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (typeof args !== 'object' || args === null) throw new TypeError(`${this.id}.reset: expected an object { seed?, options? }, got ${describe(args)}`);
    assertKnownKeys(args, ['seed', 'options'], `${this.id}.reset`);
    this.resetInPlace(args.seed, args.options);
    return [this.observation.slice(), {}];
  }

  /**
   * Gymnasium's `Env.reset` with its seeding rule: a `seed` (a non-negative safe integer, as
   * Gymnasium requires) makes a fresh `np_random`; without one the generator continues.
   */
  resetInPlace(seed?: number, options?: Record<string, unknown>): void {
    if (seed !== undefined) {
      assertSeed(seed, `${this.id}.reset: seed`);
      this.random = new NumpyGenerator(seed);
    }
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError(`${this.id}.reset: options must be an object, got ${describe(options)}`);
    }
    this.drawInitialState(options ?? {});
    this.elapsedSteps = 0;
    this.reward = 0;
    this.terminated = false;
    this.truncated = false;
    this.ready = true;
    this.writeObservation();
  }

  step(action: A): StepResult {
    this.stepInPlace(action);
    return [this.observation.slice(), this.reward, this.terminated, this.truncated, {}];
  }

  /**
   * Advances one step: validates the action, integrates the dynamics and sets `observation`,
   * `reward`, `terminated` and `truncated`. Each environment writes it in full, so that the hot
   * path makes no polymorphic calls.
   */
  abstract stepInPlace(action: A): void;

  /** A copy of the physical state. */
  getState(): Float64Array {
    return this.state.slice();
  }

  /**
   * Sets the physical state (finite numbers, Gymnasium's order) and the observation from it, so
   * that dynamics can be checked step by step. The step counter and the generator are unchanged.
   */
  setState(state: ArrayLike<number>): void {
    assertFiniteArray(state, `${this.id}.setState: state`, this.state.length);
    this.state.set(state);
    this.ready = true;
    this.writeObservation();
  }

  /**
   * Everything the next steps depend on — the state, the step count, the generator — so that a
   * checkpointed run resumes exactly.
   */
  snapshot(): EnvSnapshot {
    return { state: Array.from(this.state), elapsedSteps: this.elapsedSteps, random: this.random.getState() };
  }

  /**
   * Restores a {@link snapshot} (and the observation from it). Every field is checked before
   * anything changes; an error names the field.
   */
  restore(snapshot: EnvSnapshot): void {
    if (snapshot === null || typeof snapshot !== 'object') throw new TypeError(`${this.id}.restore: expected a snapshot { state, elapsedSteps, random }, got ${describe(snapshot)}`);
    assertFiniteArray(snapshot.state, `${this.id}.restore: state`, this.state.length);
    assertInteger(snapshot.elapsedSteps, `${this.id}.restore: elapsedSteps`, 0, this.maxEpisodeSteps);
    if (Array.isArray(snapshot.random) && snapshot.random.length === 4) {
      // The one malformed state a real snapshot has: one taken before these envs seeded as Gymnasium does.
      throw new RangeError(`${this.id}.restore: random has 4 words, the xoshiro128** state that the classic-control environments drew initial states from before they seeded as Gymnasium does; numpy's PCG64 state has 8, and the one cannot be turned into the other`);
    }
    this.random.setState(snapshot.random, `${this.id}.restore: random`);
    this.setState(snapshot.state);
    this.elapsedSteps = snapshot.elapsedSteps;
    this.reward = 0;
    this.terminated = false;
    this.truncated = false;
  }

  /**
   * Draws the initial state with `this.random`, given the reset options: exactly the draws of
   * Gymnasium's `reset` for this env, in its order and shapes, so that a seed gives its state.
   */
  protected abstract drawInitialState(options: Record<string, unknown>): void;

  /** Writes `observation` (float32) from `state`. */
  protected abstract writeObservation(): void;

  /** The error for an action outside the action space, naming the env, the space and why. */
  protected invalidAction(action: unknown, reason = this.actionSpace.explain(action) ?? 'rejected'): Error {
    return new RangeError(`${this.id}: invalid action for action space ${this.actionSpace}: ${reason}`);
  }

  /** Throws unless the env has been reset; called first in every `stepInPlace`. */
  protected assertReady(): void {
    if (!this.ready) throw new Error(`${this.id}: call reset() before step()`);
  }

  /**
   * {@link assertReady}, then checks `action` (the Discrete envs inline a faster test): against the
   * whole action space, or for a Box space without `strictActions` only its length and finiteness,
   * since the dynamics clip it.
   */
  protected assertReadyFor(action: A): void {
    this.assertReady();
    const space: Discrete | Box = this.actionSpace;
    if (space instanceof Discrete) {
      if (space.explain(action) !== undefined) throw this.invalidAction(action);
      return;
    }
    if (!this.strictActions && space.isFiniteFloat32(action)) return; // the hot path: 10 ns a step less
    const shape = space.explainShape(action);
    if (shape !== undefined) throw this.invalidAction(action, shape);
    const range = this.strictActions ? space.explain(action) : undefined;
    if (range !== undefined) throw this.invalidAction(action, `${range} (strictActions is on; without it the env clips the action, as Gymnasium's does)`);
  }

  /**
   * For a subclass whose dynamics clip out-of-range actions as Gymnasium's do: validates the
   * {@link BoxActionOptions} given to its constructor and sets `strictActions` from them (default false).
   */
  protected readBoxActionOptions(options: BoxActionOptions): void {
    if (options.strictActions !== undefined) assertBoolean(options.strictActions, `${this.id} options.strictActions`);
    this.strictActions = options.strictActions ?? false;
  }

  /** Advances the step counter and sets `truncated` at the time limit. */
  protected countStep(): void {
    this.elapsedSteps++;
    this.truncated = this.elapsedSteps >= this.maxEpisodeSteps;
  }

  /**
   * Uniform bounds of the initial state from reset options `{ low, high }`, Gymnasium's
   * `maybe_parse_reset_bounds`: defaults where absent, an error when low > high, and when
   * high − low overflows (numpy's `uniform` raises OverflowError).
   */
  protected resetBounds(options: Record<string, unknown>, defaultLow: number, defaultHigh: number): [number, number] {
    assertKnownKeys(options, ['low', 'high'], `${this.id}.reset options`);
    const low = options.low ?? defaultLow;
    const high = options.high ?? defaultHigh;
    assertFiniteNumber(low, `${this.id}.reset options.low`);
    assertFiniteNumber(high, `${this.id}.reset options.high`);
    if (low > high) throw new RangeError(`${this.id}.reset: options.low (${low}) must not exceed options.high (${high})`);
    if (!Number.isFinite(high - low)) throw new RangeError(`${this.id}.reset: options.high − options.low must be finite, as numpy's uniform requires; got ${high} − ${low}`);
    return [low, high];
  }
}
