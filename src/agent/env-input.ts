// What the high-level API takes as an environment — a registered id, an Env instance or a factory
// of them — and what each gives a run: its id, an instance whose spaces size the networks, and
// the sub-environments to train on.
import type { Env } from '../envs/env.js';
import { make } from '../envs/registry.js';
import type { Box, Discrete } from '../envs/spaces.js';
import { describe } from '../util/validate.js';

/**
 * An environment, as `Agent.create`, `Agent.load`, `evaluate` and `evalCallback` take it:
 * - a registered id (`'CartPole-v1'`, or one of yours after `register`): `make(id)` builds each;
 * - an {@link Env} instance: that one environment (so a run on it has `numEnvs` 1);
 * - a factory `() => Env`, called once for each environment needed (`numEnvs` to train on, one
 *   more for each evaluation that needs a fresh one).
 */
export type EnvInput = string | Env | (() => Env);

/** An {@link EnvInput} taken apart for a run. */
export interface EnvSource {
  /** The environment's id: the string given, or the instance's `id`. */
  readonly id: string;
  /** An instance (of an Env or a factory's first), whose spaces decide defaults and networks; none for an id. */
  readonly probe?: Env;
  /** False for an Env instance: one environment, which cannot be copied. */
  readonly repeatable: boolean;
  /**
   * Builds the sub-environments of a run, one per call: the probe first, then new ones. None for
   * an id: the trainer makes them (`make(id)`, and may make some on a worker thread).
   */
  readonly makeEnv?: () => Env;
}

/** Takes `input` apart; `what` names the argument in errors. */
export function envSource(input: EnvInput, what: string): EnvSource {
  if (typeof input === 'string') {
    if (input.length === 0) throw new TypeError(`${what}: expected an environment id, an Env or a factory () => Env, got ''`);
    return { id: input, repeatable: true };
  }
  if (typeof input === 'function') {
    const factory = () => checkedEnv(input(), `${what} (the factory's result)`);
    let first: Env | undefined = factory();
    const probe = first;
    return {
      id: probe.id,
      probe,
      repeatable: true,
      makeEnv: () => {
        const env = first ?? factory();
        first = undefined;
        return env;
      },
    };
  }
  const env = checkedEnv(input, what);
  let taken = false;
  return {
    id: env.id,
    probe: env,
    repeatable: false,
    makeEnv: () => {
      if (taken) throw new RangeError(`${what}: an Env instance is one environment and cannot be used twice; pass a factory () => Env instead`);
      taken = true;
      return env;
    },
  };
}

/** One environment of `input` to evaluate on: `make(id)`, the instance itself, or a new one of the factory. */
export function evaluationEnv(input: EnvInput, what: string): Env {
  if (typeof input === 'string') return make(input);
  return checkedEnv(typeof input === 'function' ? input() : input, what);
}

/**
 * `value`, if it has an Env's members: an id, a Box observation space, a Discrete or Box action
 * space, reset and step. Spaces are checked by their shape (size, n), as the vector env reads them.
 */
function checkedEnv(value: unknown, what: string): Env {
  const env = value as Partial<Env> | null;
  const isBox = (space: unknown) => space !== null && typeof space === 'object' && typeof (space as Box).size === 'number' && 'low' in space && 'high' in space;
  const isDiscrete = (space: unknown) => space !== null && typeof space === 'object' && typeof (space as Discrete).n === 'number';
  const problem = env === null || typeof env !== 'object' ? `got ${describe(value)}`
    : typeof env.id !== 'string' || env.id.length === 0 ? `its id must be a non-empty string, got ${describe(env.id)}`
      : !isBox(env.observationSpace) ? `${env.id}: its observationSpace must be a Box, got ${describe(env.observationSpace)}`
        : !(isDiscrete(env.actionSpace) || isBox(env.actionSpace)) ? `${env.id}: its actionSpace must be a Discrete or a Box, got ${describe(env.actionSpace)}`
          : typeof env.reset !== 'function' || typeof env.step !== 'function' ? `${env.id}: it must have reset() and step()`
            : undefined;
  if (problem !== undefined) throw new TypeError(`${what}: expected an environment id, an Env or a factory () => Env; ${problem}`);
  return env as Env;
}
