// A callback that evaluates the agent every few iterations and keeps the best, as SB3's
// EvalCallback does (evaluate every eval_freq, save best_model when the mean return improves).
import type { EvaluationResult } from '../train/evaluate.js';
import { assertInteger, assertKnownKeys, describe } from '../util/validate.js';
import type { Callback } from './agent.js';
import type { EnvInput } from './env-input.js';
import { evaluate } from './evaluate.js';

/** What `evalCallback` takes. */
export interface EvalCallbackOptions {
  /** The environment to evaluate on (an id, an Env or a factory); default a fresh one of the agent's (`agent.makeEnv()`) each time. */
  env?: EnvInput;
  /** Iterations between evaluations: after iteration `every`, 2·`every`, … */
  every: number;
  /** Episodes per evaluation. */
  episodes: number;
  /** Seed of each evaluation's first reset, the same every time so that evaluations compare; default 0. */
  seed?: number;
  /** Where to save the agent (`agent.save`, Node) whenever an evaluation's mean return is the best so far. */
  bestPath?: string;
  /** The most likely action (default), or sampled actions. */
  deterministic?: boolean;
}

/** One evaluation of an {@link EvalCallback}: when, and its result. */
export interface EvaluationRecord extends EvaluationResult {
  /** The iteration after which it ran. */
  iteration: number;
  /** The agent's global step then. */
  globalStep: number;
}

/** A callback that evaluates, with what it found. */
export interface EvalCallback extends Callback {
  /** Every evaluation so far, oldest first. */
  readonly evaluations: readonly EvaluationRecord[];
  /** The evaluation with the highest mean return so far (the first of equal ones); undefined before the first. */
  readonly best: EvaluationRecord | undefined;
}

/**
 * Evaluates the agent every `every` iterations on `episodes` episodes (`evaluate`), records each
 * evaluation, and saves the agent to `bestPath`, if given, whenever the mean return beats every
 * earlier one. Never stops training by itself (see `stopOnRewardThreshold`).
 */
export function evalCallback(options: EvalCallbackOptions): EvalCallback {
  if (options === null || typeof options !== 'object') throw new TypeError(`evalCallback: expected { every, episodes, env?, seed?, bestPath?, deterministic? }, got ${describe(options)}`);
  assertKnownKeys(options, ['env', 'every', 'episodes', 'seed', 'bestPath', 'deterministic'], 'evalCallback');
  const { env, every, episodes, seed = 0, bestPath, deterministic = true } = options;
  assertInteger(every, 'evalCallback: every', 1);
  assertInteger(episodes, 'evalCallback: episodes', 1);
  assertInteger(seed, 'evalCallback: seed', 0);
  if (bestPath !== undefined && (typeof bestPath !== 'string' || bestPath.length === 0)) throw new TypeError(`evalCallback: bestPath must be a non-empty string, got ${describe(bestPath)}`);
  const evaluations: EvaluationRecord[] = [];
  let best: EvaluationRecord | undefined;
  const callback: Callback = async ({ iteration, agent }) => {
    if (iteration % every !== 0) return;
    const result = evaluate(agent, env ?? (() => agent.makeEnv()), episodes, { seed, deterministic });
    const record: EvaluationRecord = { iteration, globalStep: agent.globalStep, ...result };
    evaluations.push(record);
    if (best === undefined || record.mean > best.mean) {
      best = record;
      if (bestPath !== undefined) await agent.save(bestPath);
    }
  };
  return Object.defineProperties(callback, {
    evaluations: { get: () => evaluations, enumerable: true },
    best: { get: () => best, enumerable: true },
  }) as EvalCallback;
}
