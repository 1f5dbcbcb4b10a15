// Observation normalisation over a vector env with statistics shared by all sub-envs: Gymnasium
// 1.x's gymnasium.wrappers.vector.NormalizeObservation (stateful_observation.py) and SB3's
// VecNormalize, for same-step autoreset.
import { assertKnownKeys, assertPositive } from '../../util/validate.js';
import { RunningMeanStd } from '../running-mean-std.js';
import { Box } from '../spaces.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorObservationWrapper } from './vector-observation-wrapper.js';

export interface NormalizeObservationVectorOptions {
  /** ε in √(σ² + ε), for stability. Default 1e-8. */
  epsilon?: number;
}

/**
 * Normalises every observation to (o − μ) / √(σ² + ε) (float32), with μ, σ² the running mean and
 * variance per element of every observation seen by any sub-env (`statistics`: from mean 0,
 * variance 1 and a pseudo-count of 1e-4; float64). After a reset the batch of observations is
 * folded in, then normalised; after a step, first each final observation of an ending episode,
 * one row at a time in sub-env order, then the batch of current observations — the same
 * observations that a per-env Gymnasium `NormalizeObservation` sees, in that order.
 *
 * Differences from Gymnasium 1.x's vector `NormalizeObservation`: Gymnasium resets a sub-env on
 * the step after its episode ends (next-step autoreset), so its statistics take the final
 * observation inside the batch of the ending step and the first of the next episode inside the
 * batch of the step after; here both arrive in the step that ends the episode, the final one as
 * its own batch of one. Gymnasium keeps the statistics in float32 (the observation dtype); here
 * they are float64, as in Stable-Baselines3's VecNormalize.
 *
 * `updateRunningMean = false` freezes the statistics; `getState`/`setState` read and restore them.
 * The observation space becomes Box(−∞, ∞) of the same shape.
 */
export class NormalizeObservationVector extends VectorObservationWrapper {
  /** The running mean and variance (Gymnasium's `obs_rms`), shared by all sub-envs. */
  readonly statistics: RunningMeanStd;
  readonly epsilon: number;
  /** Whether observations are folded into the statistics (Gymnasium's `update_running_mean`); false freezes them. Default true. */
  updateRunningMean = true;

  /**
   * @param env the vector env to wrap
   * @param options see {@link NormalizeObservationVectorOptions}
   */
  constructor(env: VectorEnv, options: NormalizeObservationVectorOptions = {}) {
    super(env, 'NormalizeObservationVector', new Box(-Infinity, Infinity, env.singleObservationSpace.shape));
    assertKnownKeys(options, ['epsilon'], `${this.label} options`);
    this.epsilon = options.epsilon ?? 1e-8;
    assertPositive(this.epsilon, `${this.label} options.epsilon`);
    this.statistics = new RunningMeanStd(env.observationSize);
  }

  transformObservation(observation: Float32Array, out: Float32Array): void {
    const { mean, variance } = this.statistics;
    for (let j = 0; j < out.length; j++) out[j] = (observation[j]! - mean[j]!) / Math.sqrt(variance[j]! + this.epsilon);
  }

  protected override observe(rows: Float32Array, count: number): void {
    if (this.updateRunningMean) this.statistics.update(rows, count);
  }
}
