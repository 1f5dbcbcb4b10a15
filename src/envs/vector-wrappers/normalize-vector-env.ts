// The training loop's observation normalisation and reward scaling, built from the vector
// wrappers as CleanRL's ppo_continuous_action.py builds it from Gymnasium's (NormalizeObservation,
// TransformObservation clip, NormalizeReward, TransformReward clip), with statistics shared by
// all sub-envs as in SB3's VecNormalize; and its state, in the form that checkpoints keep.
import { assertFiniteNumber } from '../../util/validate.js';
import type { RunningMeanStdState } from '../running-mean-std.js';
import { Box } from '../spaces.js';
import type { VectorEnv } from '../vector-env.js';
import { NormalizeObservationVector } from './normalize-observation-vector.js';
import { NormalizeRewardVector } from './normalize-reward-vector.js';
import { TransformObservationVector } from './transform-observation-vector.js';
import { TransformRewardVector } from './transform-reward-vector.js';
import { findVectorWrapper } from './vector-wrapper.js';

export interface NormalizationOptions {
  /** Normalise observations (then clip them to ±{@link NORMALIZATION_CLIP}). */
  observations: boolean;
  /** Scale rewards by the spread of the discounted return (then clip them to ±{@link NORMALIZATION_CLIP}). */
  rewards: boolean;
  /** γ of the discounted return whose spread scales the rewards. */
  gamma: number;
}

/** The normalisation's state as a checkpoint stores it (`obs_rms.*`, `return_rms.*`, and the returns in its JSON). */
export interface NormalizationState {
  /** The observation statistics, when observations are normalised. */
  observations?: RunningMeanStdState;
  /** The statistics of the discounted return, when rewards are scaled. */
  rewards?: RunningMeanStdState;
  /** Each sub-env's discounted return; zeros when rewards are not scaled. */
  discountedReturns: number[];
}

/** The ε under the square roots: √(σ² + ε). */
export const NORMALIZATION_EPSILON = 1e-8;
/** The bound to which normalised observations and scaled rewards are clipped (CleanRL's 10). */
export const NORMALIZATION_CLIP = 10;

/**
 * Wraps `env` in what `options` asks for, innermost first:
 * {@link NormalizeObservationVector} and a {@link TransformObservationVector} that clips to
 * ±10 when `observations`; {@link NormalizeRewardVector} (γ = `gamma`) and a
 * {@link TransformRewardVector} that clips to ±10 when `rewards`; ε = 1e-8 in both. With neither,
 * `env` itself. The agent puts a ClipActionVector below this for a Box action space.
 *
 * @example
 * const envs = normalizeVectorEnv(new ClipActionVector(makeVec('Pendulum-v1', 4)), { observations: true, rewards: true, gamma: 0.99 });
 */
export function normalizeVectorEnv(env: VectorEnv, options: NormalizationOptions): VectorEnv {
  assertFiniteNumber(options.gamma, 'normalizeVectorEnv: options.gamma');
  let envs = env;
  if (options.observations) {
    envs = new NormalizeObservationVector(envs, { epsilon: NORMALIZATION_EPSILON });
    const clipped = new Box(-NORMALIZATION_CLIP, NORMALIZATION_CLIP, envs.singleObservationSpace.shape);
    envs = new TransformObservationVector(envs, clipObservation, clipped);
  }
  if (options.rewards) {
    envs = new NormalizeRewardVector(envs, { gamma: options.gamma, epsilon: NORMALIZATION_EPSILON });
    envs = new TransformRewardVector(envs, clipReward);
  }
  return envs;
}

/**
 * The state of the stack's normalisation wrappers ({@link NormalizeObservationVector},
 * {@link NormalizeRewardVector}), or undefined when it has neither.
 */
export function normalizationState(envs: VectorEnv): NormalizationState | undefined {
  const observations = findVectorWrapper(envs, NormalizeObservationVector);
  const rewards = findVectorWrapper(envs, NormalizeRewardVector);
  if (observations === undefined && rewards === undefined) return undefined;
  return {
    ...(observations ? { observations: observations.statistics.getState() } : {}),
    ...(rewards ? { rewards: rewards.statistics.getState() } : {}),
    discountedReturns: rewards ? Array.from(rewards.discountedReturns) : new Array<number>(envs.numEnvs).fill(0),
  };
}

/**
 * Restores a {@link normalizationState} into the stack's normalisation wrappers. Call
 * `envs.markRestored()` afterwards (after the sub-envs are restored), so that the current
 * observations are normalised again with the restored statistics.
 */
export function restoreNormalization(envs: VectorEnv, state: NormalizationState): void {
  const observations = findVectorWrapper(envs, NormalizeObservationVector);
  const rewards = findVectorWrapper(envs, NormalizeRewardVector);
  if (observations && state.observations) observations.statistics.setState(state.observations);
  if (rewards && state.rewards) rewards.statistics.setState(state.rewards);
  rewards?.setDiscountedReturns(state.discountedReturns);
}

function clipObservation(observation: Float32Array, out: Float32Array): void {
  for (let j = 0; j < out.length; j++) out[j] = Math.min(Math.max(observation[j]!, -NORMALIZATION_CLIP), NORMALIZATION_CLIP);
}

function clipReward(reward: number): number {
  return Math.min(Math.max(reward, -NORMALIZATION_CLIP), NORMALIZATION_CLIP);
}
