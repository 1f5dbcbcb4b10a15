// Gymnasium's NormalizeObservation (gymnasium/wrappers/stateful_observation.py): observations
// standardised by a running mean and variance of every observation seen.
import { assertKnownKeys, assertPositive } from '../../util/validate.js';
import type { Action, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { RunningMeanStd, type RunningMeanStdState } from '../running-mean-std.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

export interface NormalizeObservationOptions {
  /** ε in √(σ² + ε), for stability. Default 1e-8. */
  epsilon?: number;
}

/**
 * Returns (o − μ) / √(σ² + ε) as float32 for every observation o of `reset` and `step`, with μ, σ²
 * the running mean and variance per element (`statistics`, Gymnasium's `obs_rms`: from mean 0,
 * variance 1 and a pseudo-count of 1e-4), into which o is folded first — as Gymnasium 1.x's
 * `NormalizeObservation`. With `updateRunningMean = false` the statistics stay as they are (for
 * evaluation). The observation space becomes Box(−∞, ∞) of the same shape, as in Gymnasium 1.x.
 *
 * The statistics are float64 (as Stable-Baselines3's VecNormalize); Gymnasium keeps them in the
 * observation's dtype, float32, so its normalised values differ from these by float32 rounding.
 * Because the output depends on everything seen before, two runs from the same seed agree only if
 * the statistics start equal (a snapshot restores them; `checkEnv` passes with them frozen). The
 * snapshot holds the statistics; `updateRunningMean` is a setting, not state, and is not in it.
 */
export class NormalizeObservation extends Wrapper {
  /** The running mean and variance (Gymnasium's `obs_rms`). */
  readonly statistics: RunningMeanStd;
  readonly epsilon: number;
  private readonly space: Box;
  /** Whether `reset` and `step` fold their observations into the statistics (Gymnasium's `update_running_mean`); false freezes them. Default true. */
  updateRunningMean = true;

  /**
   * @param env the environment to wrap
   * @param options see {@link NormalizeObservationOptions}
   */
  constructor(env: Env, options: NormalizeObservationOptions = {}) {
    super(env, 'NormalizeObservation');
    assertKnownKeys(options, ['epsilon'], `${this.label} options`);
    this.epsilon = options.epsilon ?? 1e-8;
    assertPositive(this.epsilon, `${this.label} options.epsilon`);
    this.space = new Box(-Infinity, Infinity, env.observationSpace.shape);
    this.statistics = new RunningMeanStd(this.space.size);
  }

  override get observationSpace(): Box {
    return this.space;
  }

  override reset(args?: ResetArgs): ResetResult {
    const [observation, info] = this.env.reset(args);
    return [this.observe(observation), info];
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    return [this.observe(observation), reward, terminated, truncated, info];
  }

  protected override wrapperState(): unknown {
    return { statistics: this.statistics.getState() };
  }

  protected override restoreWrapperState(state: unknown): void {
    this.statistics.setState(this.stateObject(state).statistics as RunningMeanStdState);
  }

  private observe(observation: Float32Array): Float32Array {
    const { statistics, epsilon } = this;
    if (this.updateRunningMean) statistics.update(observation, 1);
    const out = new Float32Array(observation.length);
    for (let j = 0; j < out.length; j++) out[j] = (observation[j]! - statistics.mean[j]!) / Math.sqrt(statistics.variance[j]! + epsilon);
    return out;
  }
}
