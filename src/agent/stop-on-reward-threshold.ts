// A callback that stops training once the return reaches a threshold, as SB3's
// StopTrainingOnRewardThreshold does: by default on the training episodes' mean return over the
// last 100 (Gymnasium's "solved" criterion, `episodic_return`), or, given an evalCallback, on its
// latest evaluation's mean (SB3's use, as EvalCallback's callback_on_new_best).
import { rewardThreshold } from '../envs/registry.js';
import { assertFiniteNumber, assertKnownKeys, describe, quote } from '../util/validate.js';
import type { Callback } from './agent.js';
import type { EvalCallback } from './eval-callback.js';

/** What `stopOnRewardThreshold` takes besides the threshold. */
export interface StopOnRewardThresholdOptions {
  /** Stop on this callback's latest evaluation instead of the training return; list it before this one. */
  evaluation?: EvalCallback;
}

/**
 * Stops training after the first iteration at which the return reaches `threshold` (default: the
 * environment's `rewardThreshold`, Gymnasium's reward_threshold, e.g. 475 for CartPole-v1): the
 * mean return of the last 100 training episodes, or the latest evaluation's mean with `evaluation`.
 */
export function stopOnRewardThreshold(threshold?: number, options: StopOnRewardThresholdOptions = {}): Callback {
  if (threshold !== undefined) assertFiniteNumber(threshold, 'stopOnRewardThreshold: threshold');
  if (options === null || typeof options !== 'object') throw new TypeError(`stopOnRewardThreshold: options must be an object { evaluation? }, got ${describe(options)}`);
  assertKnownKeys(options, ['evaluation'], 'stopOnRewardThreshold options');
  const { evaluation } = options;
  if (evaluation !== undefined && !Array.isArray(evaluation.evaluations)) throw new TypeError(`stopOnRewardThreshold: evaluation must be an evalCallback(…), got ${describe(evaluation)}`);
  return ({ metrics, agent }) => {
    const target = threshold ?? rewardThreshold(agent.env);
    if (target === undefined) throw new RangeError(`stopOnRewardThreshold: ${quote(agent.env)} has no reward threshold; give one`);
    const value = evaluation === undefined ? metrics.episodic_return : evaluation.evaluations.at(-1)?.mean;
    return !(value !== undefined && value >= target);
  };
}
