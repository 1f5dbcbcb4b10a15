// The base of the single-environment wrappers, after Gymnasium's `gymnasium.Wrapper`
// (gymnasium/core.py): a wrapper is an Env around an Env, forwarding what it does not change.
// Unlike Gymnasium's, it also passes snapshots through, so that a wrapped env resumes exactly.
import { describe } from '../../util/validate.js';
import type { Action, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import type { Box, Discrete } from '../spaces.js';

/**
 * A wrapped env's snapshot: the inner env's snapshot (`env`, itself a WrapperSnapshot when the
 * inner env is a wrapper) and the wrapper's own state (`wrapper`: its step counter, running
 * statistics, frame queue, …; null for a wrapper without state). Plain JSON data.
 */
export interface WrapperSnapshot {
  env: unknown;
  wrapper: unknown;
}

/** An env with `snapshot()` and `restore()` (the classic-control envs, and wrappers over them). */
interface SnapshotEnv extends Env {
  snapshot(): unknown;
  restore(snapshot: unknown): void;
}

function hasSnapshot(env: Env): env is SnapshotEnv {
  const candidate = env as Partial<SnapshotEnv>;
  return typeof candidate.snapshot === 'function' && typeof candidate.restore === 'function';
}

/**
 * An environment around another one, `env`. By default it forwards `id`, the spaces, `reset` and
 * `step`; each wrapper overrides what it changes. `unwrapped` is the innermost env.
 *
 * Snapshots pass through: when the inner env has `snapshot()` and `restore()`, so does the
 * wrapper, and its snapshot is the inner env's plus the wrapper's own state
 * ({@link WrapperSnapshot}), so a stack of wrappers restored from one continues bit for bit as
 * the original would have. When the inner env has none, neither has the wrapper (the properties
 * are absent), so a vector env asked to checkpoint it still says which env cannot.
 */
export abstract class Wrapper implements Env {
  /** The snapshot of the whole stack below and of this wrapper; present when the inner env has one. */
  readonly snapshot?: () => WrapperSnapshot;
  /** Restores a {@link snapshot} of an identically built stack; present when the inner env has one. */
  readonly restore?: (snapshot: WrapperSnapshot) => void;
  /** The wrapper and the env's id, e.g. `TimeLimit(CartPole-v1)`, for error messages. */
  protected readonly label: string;

  /**
   * @param env the environment to wrap
   * @param name the wrapper's class name, for error messages
   */
  protected constructor(readonly env: Env, name: string) {
    if (typeof env !== 'object' || env === null || typeof env.reset !== 'function' || typeof env.step !== 'function') {
      throw new TypeError(`${name}: env must be an environment (an object with reset and step), got ${describe(env)}`);
    }
    this.label = `${name}(${env.id})`;
    if (hasSnapshot(env)) {
      this.snapshot = () => ({ env: env.snapshot(), wrapper: this.wrapperState() });
      this.restore = (snapshot) => {
        if (typeof snapshot !== 'object' || snapshot === null || !('env' in snapshot) || !('wrapper' in snapshot)) {
          throw new TypeError(`${this.label}.restore: expected a snapshot { env, wrapper } from snapshot(), got ${describe(snapshot)}`);
        }
        env.restore(snapshot.env);
        this.restoreWrapperState(snapshot.wrapper);
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

  /** The innermost environment, below every wrapper (Gymnasium's `env.unwrapped`). */
  get unwrapped(): Env {
    return this.env instanceof Wrapper ? this.env.unwrapped : this.env;
  }

  reset(args?: ResetArgs): ResetResult {
    return this.env.reset(args);
  }

  step(action: Action): StepResult {
    return this.env.step(action);
  }

  /** The wrapper's own state, as plain JSON data; null for a wrapper without state. */
  protected wrapperState(): unknown {
    return null;
  }

  /** Restores {@link wrapperState}, validating it. */
  protected restoreWrapperState(_state: unknown): void {}

  /** `state` as an object whose fields a subclass's {@link restoreWrapperState} reads; throws if it is none. */
  protected stateObject(state: unknown): Record<string, unknown> {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new TypeError(`${this.label}.restore: the wrapper's state must be an object, got ${describe(state)}`);
    return state as Record<string, unknown>;
  }
}
