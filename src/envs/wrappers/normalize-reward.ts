// Gymnasium's NormalizeReward (gymnasium/wrappers/stateful_reward.py): rewards divided by the
// running standard deviation of a discounted sum of rewards.
import { assertFiniteNumber, assertKnownKeys, assertPositive } from '../../util/validate.js';
import type { Action, Env, StepResult } from '../env.js';
import { RunningMeanStd, type RunningMeanStdState } from '../running-mean-std.js';
import { Wrapper } from './wrapper.js';

export interface NormalizeRewardOptions {
  /** γ of the discounted sum, in [0, 1]. Default 0.99. */
  gamma?: number;
  /** ε in √(Var[G] + ε), for stability. Default 1e-8. */
  epsilon?: number;
}

/**
 * Returns r / √(Var[G] + ε) for every reward r, with G the running discounted sum of rewards and
 * Var[G] its running variance (`statistics`, Gymnasium's `return_rms`), updated by each step
 * first — Gymnasium 1.x's `NormalizeReward`, whose exact rule this follows:
 *
 *     G ← G·γ·(1 − terminated) + r        (G starts at 0; `reset` leaves it as it is)
 *
 * So the accumulated part is dropped on the step that terminates (G is then that step's r), and
 * truncation drops nothing. (Gymnasium itself notes that this sum "makes no sense but for
 * backward compatibility" is kept; the vector wrapper that the training loop uses,
 * NormalizeRewardVector, restarts G after every episode end instead.) The mean is not
 * subtracted (openai/baselines#538). With `updateRunningMean = false` the statistics stay as they
 * are. The snapshot holds G and the statistics.
 */
export class NormalizeReward extends Wrapper {
  /** The running variance of G (Gymnasium's `return_rms`). */
  readonly statistics = new RunningMeanStd(1);
  readonly gamma: number;
  readonly epsilon: number;
  /** G, as a one-element batch for `statistics.update`. */
  private readonly discounted = new Float64Array(1);
  /** Whether `step` folds G into the statistics (Gymnasium's `update_running_mean`); false freezes them. Default true. */
  updateRunningMean = true;

  /**
   * @param env the environment to wrap
   * @param options see {@link NormalizeRewardOptions}
   */
  constructor(env: Env, options: NormalizeRewardOptions = {}) {
    super(env, 'NormalizeReward');
    assertKnownKeys(options, ['gamma', 'epsilon'], `${this.label} options`);
    this.gamma = options.gamma ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-8;
    assertFiniteNumber(this.gamma, `${this.label} options.gamma`);
    if (this.gamma < 0 || this.gamma > 1) throw new RangeError(`${this.label} options.gamma must lie in [0, 1], got ${this.gamma}`);
    assertPositive(this.epsilon, `${this.label} options.epsilon`);
  }

  /** The running discounted sum G (Gymnasium's `discounted_reward`). */
  get discountedReward(): number {
    return this.discounted[0]!;
  }

  override step(action: Action): StepResult {
    const [observation, reward, terminated, truncated, info] = this.env.step(action);
    // Gymnasium's `self.discounted_reward * self.gamma * (1 - terminated) + float(reward)`, factor by factor.
    this.discounted[0] = this.discounted[0]! * this.gamma * (terminated ? 0 : 1) + reward;
    if (this.updateRunningMean) this.statistics.update(this.discounted, 1);
    return [observation, reward / Math.sqrt(this.statistics.variance[0]! + this.epsilon), terminated, truncated, info];
  }

  protected override wrapperState(): unknown {
    return { discountedReward: this.discounted[0], statistics: this.statistics.getState() };
  }

  protected override restoreWrapperState(state: unknown): void {
    const { discountedReward, statistics } = this.stateObject(state);
    assertFiniteNumber(discountedReward, `${this.label}.restore: wrapper.discountedReward`);
    this.statistics.setState(statistics as RunningMeanStdState);
    this.discounted[0] = discountedReward;
  }
}
