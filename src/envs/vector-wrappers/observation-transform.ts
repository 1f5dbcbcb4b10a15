// One observation through a vector stack's observation wrappers, statistics frozen: how a trained
// policy sees an observation at evaluation and prediction.
import { describe } from '../../util/validate.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorObservationWrapper } from './vector-observation-wrapper.js';
import { VectorWrapper } from './vector-wrapper.js';

/**
 * The observation wrappers of the stack `envs`, from the innermost out, as one function of a
 * single observation (as a sub-env gives it): what the policy would be shown for it, with every
 * running statistic frozen — so evaluation and prediction see observations exactly as training
 * did, normalised by the training statistics, which they leave unchanged. For the agent's stack
 * that is the normalisation and the clip to ±10 (see `normalizeVectorEnv`).
 *
 * The function returns an array of its own, overwritten by the next call — or `observation`
 * itself when the stack has no observation wrapper — and throws on an observation of the wrong
 * length. The statistics are read at each call, so it follows a stack that keeps training.
 *
 * @example
 * const observe = observationTransform(agent.envs);
 * const input = observe(env.reset({ seed: 0 })[0]);
 */
export function observationTransform(envs: VectorEnv): (observation: Float32Array) => Float32Array {
  const chain: VectorObservationWrapper[] = [];
  for (let env: VectorEnv = envs; env instanceof VectorWrapper; env = env.env) {
    if (env instanceof VectorObservationWrapper) chain.unshift(env);
  }
  const size = envs.unwrapped.observationSize;
  const outputs = chain.map((wrapper) => new Float32Array(wrapper.observationSize));
  return (observation) => {
    if (!(observation instanceof Float32Array) || observation.length !== size) {
      throw new RangeError(`observation must be a Float32Array of ${size} numbers, got ${describe(observation)}${observation instanceof Float32Array ? ` of length ${observation.length}` : ''}`);
    }
    let current = observation;
    chain.forEach((wrapper, i) => {
      wrapper.transformObservation(current, outputs[i]!);
      current = outputs[i]!;
    });
    return current;
  };
}
