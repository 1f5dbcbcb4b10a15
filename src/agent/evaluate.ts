// Evaluating an agent on any environment, as SB3's evaluate_policy does: whole episodes, the
// environment seeded once, the most likely action by default (src/train/evaluate.ts, which
// `policygrad eval` runs too).
import { evaluateAgent, type EvaluationResult } from '../train/evaluate.js';
import type { AlgorithmName } from '../train/settings.js';
import { assertKnownKeys, describe } from '../util/validate.js';
import type { Agent } from './agent.js';
import { evaluationEnv, type EnvInput } from './env-input.js';

/** What `evaluate` takes besides the agent, the environment and the episodes. */
export interface EvaluateOptions {
  /** Seeds the environment's first reset (later episodes continue its generator) and the sampling of actions; default 0. */
  seed?: number;
  /** The most likely action (default), or a sample from the policy. */
  deterministic?: boolean;
}

/**
 * Runs `episodes` whole episodes of `env` — a registered id (`make(id)`), an Env instance or a
 * factory (called once) with the agent's spaces — acting as `agent.predict` does, and returns
 * every return and length with the mean and the population standard deviation of the returns.
 * Observations are normalised with the training statistics, frozen; rewards are the environment's own.
 */
export function evaluate<A extends AlgorithmName>(agent: Agent<A>, env: EnvInput, episodes: number, options: EvaluateOptions = {}): EvaluationResult {
  if (options === null || typeof options !== 'object') throw new TypeError(`evaluate: options must be an object { seed?, deterministic? }, got ${describe(options)}`);
  assertKnownKeys(options, ['seed', 'deterministic'], 'evaluate options');
  const { seed = 0, deterministic = true } = options;
  if (typeof deterministic !== 'boolean') throw new TypeError(`evaluate: deterministic must be a boolean, got ${describe(deterministic)}`);
  return evaluateAgent(agent.trainer.agent, evaluationEnv(env, 'evaluate: env'), episodes, seed, deterministic);
}
