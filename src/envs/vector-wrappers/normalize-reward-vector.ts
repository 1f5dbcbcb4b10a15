// Reward scaling over a vector env with statistics shared by all sub-envs: Gymnasium 1.x's
// gymnasium.wrappers.vector.NormalizeReward (stateful_reward.py) and SB3's VecNormalize, with the
// discounted return restarted after every episode end.
import { assertFiniteArray, assertFiniteNumber, assertKnownKeys, assertPositive } from '../../util/validate.js';
import { RunningMeanStd } from '../running-mean-std.js';
import type { VectorEnv } from '../vector-env.js';
import { VectorRewardWrapper } from './vector-reward-wrapper.js';

export interface NormalizeRewardVectorOptions {
  /** γ of the discounted return, in [0, 1]. Default 0.99. */
  gamma?: number;
  /** ε in √(Var[G] + ε), for stability. Default 1e-8. */
  epsilon?: number;
}

/**
 * Scales every reward to r / √(Var[G] + ε), with G the running discounted return of each sub-env
 * and Var[G] the running variance of all of them (`statistics`, shared by all sub-envs, float64).
 * Each step, for every sub-env e:
 *
 *     G_e ← γ·G_e + r_e;   then the batch G is folded into the statistics;
 *     r̃_e = r_e / √(Var[G] + ε);   then G_e ← 0 if the step ended the episode (either flag).
 *
 * `reset` sets every G to 0. The mean is not subtracted (openai/baselines#538).
 *
 * Differences from Gymnasium 1.x's vector `NormalizeReward`, whose rule is
 * G ← G·γ·(1 − terminated) + r: there the accumulated return is dropped on the terminating step
 * itself (its G is r alone) and never on truncation, and with its next-step autoreset the
 * reset step adds γ·G + 0 as one more sample; here G runs over whole episodes and restarts after
 * the end of each, terminated or truncated (as the discounted return of an episode should), and
 * a reset takes no step. The single-env {@link NormalizeReward} follows Gymnasium's rule exactly.
 *
 * `updateRunningMean = false` freezes the statistics; `discountedReturns` and `statistics` are
 * what a checkpoint keeps.
 */
export class NormalizeRewardVector extends VectorRewardWrapper {
  /** The running variance of the discounted returns (Gymnasium's `return_rms`), shared by all sub-envs. */
  readonly statistics = new RunningMeanStd(1);
  /** G of each sub-env, [numEnvs] (Gymnasium's `accumulated_reward`). */
  readonly discountedReturns: Float64Array;
  readonly gamma: number;
  readonly epsilon: number;
  /** Whether the returns are folded into the statistics (Gymnasium's `update_running_mean`); false freezes them. Default true. */
  updateRunningMean = true;

  /**
   * @param env the vector env to wrap
   * @param options see {@link NormalizeRewardVectorOptions}
   */
  constructor(env: VectorEnv, options: NormalizeRewardVectorOptions = {}) {
    super(env, 'NormalizeRewardVector');
    assertKnownKeys(options, ['gamma', 'epsilon'], `${this.label} options`);
    this.gamma = options.gamma ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-8;
    assertFiniteNumber(this.gamma, `${this.label} options.gamma`);
    if (this.gamma < 0 || this.gamma > 1) throw new RangeError(`${this.label} options.gamma must lie in [0, 1], got ${this.gamma}`);
    assertPositive(this.epsilon, `${this.label} options.epsilon`);
    this.discountedReturns = new Float64Array(env.numEnvs);
  }

  override reset(seed?: number): Float32Array {
    const observations = super.reset(seed);
    this.discountedReturns.fill(0);
    return observations;
  }

  /** Sets the discounted returns of a checkpoint (the statistics are restored through `statistics.setState`). */
  setDiscountedReturns(returns: ArrayLike<number>): void {
    assertFiniteArray(returns, `${this.label}: discountedReturns`, this.numEnvs);
    this.discountedReturns.set(returns);
  }

  protected transformRewards(rewards: Float64Array, out: Float64Array): void {
    const { discountedReturns, statistics, env } = this;
    const n = env.numEnvs;
    for (let e = 0; e < n; e++) discountedReturns[e] = discountedReturns[e]! * this.gamma + rewards[e]!;
    if (this.updateRunningMean) statistics.update(discountedReturns, n);
    const scale = Math.sqrt(statistics.variance[0]! + this.epsilon);
    for (let e = 0; e < n; e++) {
      out[e] = rewards[e]! / scale;
      if (env.terminated[e] || env.truncated[e]) discountedReturns[e] = 0;
    }
  }
}
