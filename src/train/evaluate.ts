// Evaluation of a trained policy: whole episodes on an environment, seeded once (later episodes
// continue its generator, as Gymnasium's do), observations normalised with the frozen training
// statistics, rewards as the environment gives them. Deterministic by default — the most likely
// action (SB3's evaluate_policy default) — or sampled.
import type { Env } from '../envs/env.js';
import { observationTransform } from '../envs/vector-wrappers/observation-transform.js';
import type { TrainingAgent } from './training-agent.js';
import { Random } from '../random/prng.js';
import { assertInteger } from '../util/validate.js';
import { mean } from '../algos/statistics.js';

export interface EvaluationResult {
  /** Each episode's return: the sum of the environment's own rewards. */
  returns: number[];
  /** Each episode's length, steps. */
  lengths: number[];
  /** Mean of the returns. */
  mean: number;
  /** Population standard deviation of the returns (SB3 reports np.std). */
  std: number;
}

/**
 * Evaluates `agent` on `episodes` episodes of `env` (see the file's header); `seed` seeds the
 * environment once and the sampling of actions when not `deterministic`.
 */
export function evaluateAgent(agent: TrainingAgent, env: Env, episodes: number, seed: number, deterministic = true): EvaluationResult {
  const returns: number[] = [];
  const lengths: number[] = [];
  for (const episode of evaluationEpisodes(agent, env, episodes, seed, deterministic)) {
    returns.push(episode.return);
    lengths.push(episode.length);
  }
  return evaluationResult(returns, lengths);
}

/**
 * The episodes of {@link evaluateAgent} one at a time, so that a caller can stop between two (the
 * command line does, when a signal arrives during a long evaluation). `env` must have the spaces
 * the agent was trained with.
 */
export function* evaluationEpisodes(agent: TrainingAgent, env: Env, episodes: number, seed: number, deterministic = true): Generator<{ return: number; length: number }> {
  assertInteger(episodes, 'episodes', 1);
  assertInteger(seed, 'seed', 0);
  const trained = agent.envs.unwrapped; // the environments' own spaces (the stack's Box action space is unbounded)
  if (env.observationSpace.size !== trained.observationSize || String(env.actionSpace) !== String(trained.singleActionSpace)) {
    throw new RangeError(`evaluation env ${env.id} has spaces ${env.observationSpace} / ${env.actionSpace}, but the agent was trained on ${agent.settings.env} with ${trained.singleObservationSpace} / ${trained.singleActionSpace}`);
  }
  const act = policyActions(agent, deterministic ? undefined : Random.derive(seed, 4));
  let [observation] = env.reset({ seed });
  for (let episode = 0; episode < episodes; episode++) {
    let total = 0;
    let length = 0;
    for (;;) {
      const [next, reward, terminated, truncated] = (env.step as (a: number | Float64Array) => ReturnType<typeof env.step>)(act(observation));
      total += reward;
      length++;
      observation = next;
      if (terminated || truncated) break;
    }
    yield { return: total, length };
    [observation] = env.reset();
  }
}

/**
 * How evaluation acts: an observation as the environment gives it → the action to step with.
 * The observation goes through the training stack's observation wrappers with their statistics
 * frozen (`observationTransform(agent.envs)`: normalised and clipped to ±10 if the run
 * normalises); the action is the policy's most likely one — the argmax of the logits, or the
 * Gaussian's mean — or, given `random`, a sample drawn with it; a continuous action is clipped to
 * the environment's action space. The returned function reuses one Float64Array for continuous
 * actions: copy it to keep it.
 */
export function policyActions(agent: TrainingAgent, random?: Random): (observation: Float32Array) => number | Float64Array {
  const { actor: network, distribution, extra } = agent.actorCritic;
  const space = agent.envs.unwrapped.singleActionSpace;
  const discrete = 'n' in space;
  const actions = discrete ? new Int32Array(1) : new Float32Array(space.size);
  const clipped = new Float64Array(actions.length);
  const observe = observationTransform(agent.envs);
  return (observation) => {
    const outputs = network.forward(observe(observation), 1);
    if (random === undefined) distribution.mode(outputs, 1, actions);
    else distribution.sample(outputs, extra, 1, random, actions);
    if (discrete) return actions[0]!;
    for (let j = 0; j < clipped.length; j++) clipped[j] = Math.min(Math.max(actions[j]!, space.low[j]!), space.high[j]!);
    return clipped;
  };
}

/** Mean and population standard deviation of the returns of the episodes evaluated. */
export function evaluationResult(returns: number[], lengths: number[]): EvaluationResult {
  const m = mean(returns);
  return { returns, lengths, mean: m, std: Math.sqrt(mean(returns.map((r) => (r - m) * (r - m)))) };
}
