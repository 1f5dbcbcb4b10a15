// Observation normalisation and reward scaling over a vector env, as CleanRL's continuous-control
// PPO does with Gymnasium's NormalizeObservation and NormalizeReward wrappers (then a clip to ±10),
// but with statistics shared by all sub-envs (as SB3's VecNormalize):
//   observation ← clip((o − μ) / √(σ² + 1e-8), ±clip), μ, σ² running over every observation seen;
//   reward ← clip(r / √(Var[G] + 1e-8), ±clip), G ← γG + r the running discounted return of each
//   sub-env, restarted when its episode ends.
// `rawRewards` keeps the environment's own rewards for episode statistics.
import { RunningMeanStd, type RunningMeanStdState } from './running-mean-std.js';
import { assertFiniteNumber } from '../util/validate.js';
import type { SyncVectorEnv } from './vector-env.js';

export interface NormalizationOptions {
  observations: boolean;
  rewards: boolean;
  /** γ of the discounted return whose spread scales the rewards. */
  gamma: number;
  /** Bound after normalising. Default {@link DEFAULT_NORMALIZATION_CLIP}. */
  clip?: number;
}

export interface NormalizationState {
  observations?: RunningMeanStdState;
  rewards?: RunningMeanStdState;
  discountedReturns: number[];
}

/** The ε under the square root: √(σ² + ε). */
export const NORMALIZATION_EPSILON = 1e-8;
/** The bound after normalising, unless `NormalizationOptions.clip` says otherwise (the agent never does). */
export const DEFAULT_NORMALIZATION_CLIP = 10;

export class NormalizedVectorEnv {
  readonly observations: Float32Array;
  readonly finalObservations: Float32Array;
  readonly rewards: Float64Array;
  /** Statistics are updated only while training; evaluation freezes them. */
  training = true;
  private readonly observationStatistics: RunningMeanStd | undefined;
  private readonly returnStatistics: RunningMeanStd | undefined;
  private readonly discountedReturns: Float64Array;
  private readonly clip: number;

  constructor(readonly inner: SyncVectorEnv, readonly options: NormalizationOptions) {
    assertFiniteNumber(options.gamma, 'normalization gamma');
    this.clip = options.clip ?? DEFAULT_NORMALIZATION_CLIP;
    assertFiniteNumber(this.clip, 'normalization clip');
    this.observations = new Float32Array(inner.observations.length);
    this.finalObservations = new Float32Array(inner.finalObservations.length);
    this.rewards = new Float64Array(inner.numEnvs);
    this.discountedReturns = new Float64Array(inner.numEnvs);
    this.observationStatistics = options.observations ? new RunningMeanStd(inner.observationSize) : undefined;
    this.returnStatistics = options.rewards ? new RunningMeanStd(1) : undefined;
  }

  get numEnvs(): number { return this.inner.numEnvs; }
  get observationSize(): number { return this.inner.observationSize; }
  get actionSize(): number { return this.inner.actionSize; }
  get singleActionSpace(): SyncVectorEnv['singleActionSpace'] { return this.inner.singleActionSpace; }
  get singleObservationSpace(): SyncVectorEnv['singleObservationSpace'] { return this.inner.singleObservationSpace; }
  get terminated(): Uint8Array { return this.inner.terminated; }
  get truncated(): Uint8Array { return this.inner.truncated; }
  get rawRewards(): Float64Array { return this.inner.rewards; }

  reset(seed?: number): Float32Array {
    this.inner.reset(seed);
    this.discountedReturns.fill(0);
    this.rewards.fill(0);
    this.normalizeObservations();
    return this.observations;
  }

  step(actions: ArrayLike<number>): void {
    const inner = this.inner;
    inner.step(actions);
    // Gymnasium's per-env wrapper sees the final observation of an ending episode, then the first
    // of the next: both enter the statistics.
    const size = inner.observationSize;
    for (let e = 0; e < inner.numEnvs; e++) {
      if (!(inner.terminated[e] || inner.truncated[e])) continue;
      if (this.observationStatistics && this.training) this.observationStatistics.update(inner.finalObservations.subarray(e * size, (e + 1) * size), 1);
      this.normalizeRow(inner.finalObservations, this.finalObservations, e);
    }
    this.normalizeObservations();
    this.scaleRewards();
  }

  getState(): NormalizationState {
    return {
      ...(this.observationStatistics ? { observations: this.observationStatistics.getState() } : {}),
      ...(this.returnStatistics ? { rewards: this.returnStatistics.getState() } : {}),
      discountedReturns: Array.from(this.discountedReturns),
    };
  }

  /** Restores the statistics; the inner env must be restored first (its observations are normalised again). */
  setState(state: NormalizationState): void {
    if (this.observationStatistics && state.observations) this.observationStatistics.setState(state.observations);
    if (this.returnStatistics && state.rewards) this.returnStatistics.setState(state.rewards);
    this.discountedReturns.set(state.discountedReturns);
    for (let e = 0; e < this.inner.numEnvs; e++) this.normalizeRow(this.inner.observations, this.observations, e);
  }

  /** Normalises one observation with the current statistics, without updating them (evaluation). */
  normalize(observation: Float32Array, out: Float32Array): Float32Array {
    this.normalizeRow(observation, out, 0);
    return out;
  }

  /** Folds the current observations into the statistics, then normalises them. */
  private normalizeObservations(): void {
    const inner = this.inner;
    if (this.observationStatistics && this.training) this.observationStatistics.update(inner.observations, inner.numEnvs);
    for (let e = 0; e < inner.numEnvs; e++) this.normalizeRow(inner.observations, this.observations, e);
  }

  private normalizeRow(source: Float32Array, target: Float32Array, row: number): void {
    const statistics = this.observationStatistics;
    const size = this.inner.observationSize;
    for (let j = 0; j < size; j++) {
      const i = row * size + j;
      if (statistics === undefined) {
        target[i] = source[i]!;
      } else {
        const z = (source[i]! - statistics.mean[j]!) / Math.sqrt(statistics.variance[j]! + NORMALIZATION_EPSILON);
        target[i] = Math.min(Math.max(z, -this.clip), this.clip);
      }
    }
  }

  private scaleRewards(): void {
    const inner = this.inner;
    const statistics = this.returnStatistics;
    if (statistics === undefined) {
      this.rewards.set(inner.rewards);
      return;
    }
    for (let e = 0; e < inner.numEnvs; e++) this.discountedReturns[e] = this.discountedReturns[e]! * this.options.gamma + inner.rewards[e]!;
    if (this.training) statistics.update(this.discountedReturns, inner.numEnvs);
    const scale = Math.sqrt(statistics.variance[0]! + NORMALIZATION_EPSILON);
    for (let e = 0; e < inner.numEnvs; e++) {
      this.rewards[e] = Math.min(Math.max(inner.rewards[e]! / scale, -this.clip), this.clip);
      if (inner.terminated[e] || inner.truncated[e]) this.discountedReturns[e] = 0;
    }
  }
}
