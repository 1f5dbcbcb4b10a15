// An environment checker after Gymnasium's `check_env` and Stable-Baselines3's: a user runs it on
// their own environment before training. It collects every problem instead of stopping at the first.
import { Random } from '../random/prng.js';
import { assertInteger, assertKnownKeys, describe } from '../util/validate.js';
import type { Action, Env, ResetResult, StepResult } from './env.js';
import { Box, Discrete } from './spaces.js';

export interface EnvCheckReport {
  /** Violations of the API: the env will not work with the vector env, collector or learners. */
  errors: string[];
  /** Legal but suspicious choices (unbounded spaces, an unnormalised action box, accepted invalid actions, …). */
  warnings: string[];
}

export interface CheckEnvOptions {
  /** Steps taken in the determinism check (each run). Default 50. */
  steps?: number;
}

/**
 * Checks that `env` follows the API this library expects: a Box observation space and a Discrete
 * or Box action space; `reset` returning `[Float32Array observation, info]` and `step` returning
 * `[observation, reward, terminated, truncated, info]` with the right types, float32 observations
 * inside the observation space and finite rewards; that the same seed gives the same
 * observations, rewards and flags step by step; and that invalid actions are rejected. The env is
 * reset and stepped along the way.
 *
 * @example
 * const { errors, warnings } = checkEnv(new MyEnv());
 * if (errors.length > 0) throw new Error(errors.join('\n'));
 */
export function checkEnv(env: Env, options: CheckEnvOptions = {}): EnvCheckReport {
  assertKnownKeys(options, ['steps'], 'checkEnv options');
  const steps = options.steps ?? 50;
  assertInteger(steps, 'checkEnv options.steps', 1);
  const report: EnvCheckReport = { errors: [], warnings: [] };
  if (typeof env !== 'object' || env === null) {
    report.errors.push(`the environment must be an object, got ${describe(env)}`);
    return report;
  }
  const name = typeof env.id === 'string' && env.id.length > 0 ? env.id : 'the environment';
  const error = (message: string) => report.errors.push(`${name}: ${message}`);
  const warn = (message: string) => report.warnings.push(`${name}: ${message}`);
  if (name === 'the environment') error(`id must be a non-empty string, got ${describe(env.id)}`);

  const spacesOk = checkSpaces(env, error, warn);
  if (typeof env.reset !== 'function') error('reset must be a method');
  if (typeof env.step !== 'function') error('step must be a method');
  if (!spacesOk || report.errors.length > 0) return report;

  const reset = (args: Parameters<Env['reset']>[0], call: string): ResetResult | undefined => attempt(call, error, () => checkResetResult(env, env.reset(args), call, error));
  if (reset(undefined, 'reset()') === undefined) return report;
  const first = reset({ seed: 123 }, 'reset({ seed: 123 })');
  const again = reset({ seed: 123 }, 'reset({ seed: 123 }) again');
  if (first && again && !sameArray(first[0], again[0])) error('reset({ seed: 123 }) twice gave different observations: seeding is not deterministic');
  const other = reset({ seed: 456 }, 'reset({ seed: 456 })');
  if (first && other && sameArray(first[0], other[0])) warn('reset({ seed: 456 }) gave the same observation as seed 123: is the seed used?');
  reset({ options: {} }, 'reset({ options: {} })');

  const runA = attempt('stepping from reset({ seed: 7 })', error, () => rollout(env, steps, error));
  const runB = attempt('stepping from reset({ seed: 7 }) again', error, () => rollout(env, steps, () => undefined));
  if (runA && runB) {
    const differs = runA.findIndex((value, i) => !Object.is(value, runB[i]));
    if (differs >= 0 || runA.length !== runB.length) error(`with reset({ seed: 7 }) and the same actions, two runs differ (at recorded value ${differs}): stepping is not deterministic under a seed`);
  }
  checkRejectsInvalidActions(env, warn);
  return report;
}

function checkSpaces(env: Env, error: (m: string) => void, warn: (m: string) => void): boolean {
  let ok = true;
  if (!(env.observationSpace instanceof Box)) {
    error(`observationSpace must be a Box (float32 vector observations), got ${describe(env.observationSpace)}`);
    ok = false;
  } else if (!env.observationSpace.isBounded()) {
    warn(`observationSpace ${env.observationSpace} has infinite bounds; observation normalisation is advisable`);
  }
  const actionSpace: unknown = env.actionSpace;
  if (actionSpace instanceof Box) {
    const symmetric = Array.from(actionSpace.low).every((low, i) => low === -actionSpace.high[i]! || low === 0);
    const normalised = Array.from(actionSpace.low).every((low, i) => low >= -1 && actionSpace.high[i]! <= 1);
    if (!symmetric || !normalised) warn(`actionSpace ${actionSpace} is not normalised to [−1, 1] or [0, 1]; Gaussian policies learn best with a symmetric, normalised action box`);
  } else if (!(actionSpace instanceof Discrete)) {
    error(`actionSpace must be a Discrete or a Box, got ${describe(actionSpace)}`);
    ok = false;
  }
  return ok;
}

function checkResetResult(env: Env, result: unknown, call: string, error: (m: string) => void): ResetResult | undefined {
  if (!Array.isArray(result) || result.length !== 2) {
    error(`${call} must return [observation, info], got ${describe(result)}`);
    return undefined;
  }
  checkObservation(env, result[0], call, error);
  if (!isPlainObject(result[1])) error(`${call} must return an info object as its second element, got ${describe(result[1])}`);
  // A copy, so that an env reusing its observation array cannot hide a difference between calls.
  return result[0] instanceof Float32Array ? [result[0].slice(), result[1]] : undefined;
}

function checkStepResult(env: Env, result: unknown, call: string, error: (m: string) => void): StepResult | undefined {
  if (!Array.isArray(result) || result.length !== 5) {
    error(`${call} must return [observation, reward, terminated, truncated, info], got ${describe(result)}`);
    return undefined;
  }
  const [observation, reward, terminated, truncated, info] = result as unknown[];
  checkObservation(env, observation, call, error);
  if (typeof reward !== 'number' || !Number.isFinite(reward)) error(`${call}: reward must be a finite number, got ${describe(reward)}`);
  if (typeof terminated !== 'boolean') error(`${call}: terminated must be a boolean, got ${describe(terminated)}`);
  if (typeof truncated !== 'boolean') error(`${call}: truncated must be a boolean, got ${describe(truncated)}`);
  if (!isPlainObject(info)) error(`${call}: info must be an object, got ${describe(info)}`);
  return result as StepResult;
}

function checkObservation(env: Env, observation: unknown, call: string, error: (m: string) => void): void {
  if (!(observation instanceof Float32Array)) {
    error(`${call}: the observation must be a Float32Array, got ${describe(observation)}`);
    return;
  }
  const problem = env.observationSpace.explain(observation);
  if (problem !== undefined) error(`${call}: the observation is not in observationSpace ${env.observationSpace}: ${problem}`);
}

/**
 * Resets with seed 7 and takes `steps` steps with actions from a generator seeded alike,
 * resetting when an episode ends; returns every observation element, reward and flag in order.
 */
function rollout(env: Env, steps: number, error: (m: string) => void): number[] {
  const recorded: number[] = [];
  let [observation] = env.reset({ seed: 7 });
  recorded.push(...observation);
  const random = new Random(7);
  for (let t = 0; t < steps; t++) {
    const action = sampleAction(env.actionSpace, random);
    const call = `step(${typeof action === 'number' ? action : `[${Array.from(action).join(', ')}]`}) at step ${t}`;
    const result = checkStepResult(env, env.step(action), call, error);
    if (result === undefined) return recorded;
    if (result[0] === observation) error(`${call} returned the same observation array as the previous call; return a fresh array (copy it), since learners keep observations`);
    observation = result[0];
    recorded.push(...observation, result[1], Number(result[2]), Number(result[3]));
    if (result[2] || result[3]) {
      [observation] = env.reset();
      recorded.push(...observation);
    }
  }
  return recorded;
}

/** A uniformly random element of the space from `random` (the space's own generator is left alone). */
function sampleAction(space: Discrete | Box, random: Random): Action {
  if (space instanceof Discrete) return random.integer(space.n);
  return Array.from(space.low, (low, i) => {
    const high = space.high[i]!;
    return Math.fround(Number.isFinite(low) && Number.isFinite(high) ? random.uniformIn(low, high) : random.normal());
  });
}

function checkRejectsInvalidActions(env: Env, warn: (m: string) => void): void {
  const space = env.actionSpace;
  const invalid: unknown[] = space instanceof Discrete ? [space.n, -1, 0.5, Number.NaN, '0'] : [Array.from({ length: space.size }, () => Number.NaN), [], 'a'];
  for (const action of invalid) {
    try {
      env.reset({ seed: 0 });
      env.step(action as Action);
      warn(`step(${describe(action)}) was accepted, but it is not in actionSpace ${space}; throw an error naming the env and the space`);
    } catch {
      // Rejected, as it should be.
    }
  }
}

function attempt<T>(call: string, error: (m: string) => void, run: () => T): T | undefined {
  try {
    return run();
  } catch (thrown) {
    error(`${call} threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    return undefined;
  }
}

function sameArray(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
