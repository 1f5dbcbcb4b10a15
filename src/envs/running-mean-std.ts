// Running mean and variance over batches (Chan et al.'s parallel update), the statistic behind
// Gymnasium's NormalizeObservation / NormalizeReward and SB3's VecNormalize. Starts from mean 0,
// variance 1 and a pseudo-count of 1e-4, as they do.
import { assertFiniteArray, assertFiniteNumber, assertInteger } from '../util/validate.js';

export interface RunningMeanStdState {
  mean: number[];
  variance: number[];
  count: number;
}

export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  count = 1e-4;
  private readonly batchMean: Float64Array;
  private readonly batchVariance: Float64Array;

  constructor(readonly size: number) {
    assertInteger(size, 'RunningMeanStd size', 1);
    this.mean = new Float64Array(size);
    this.variance = new Float64Array(size).fill(1);
    this.batchMean = new Float64Array(size);
    this.batchVariance = new Float64Array(size);
  }

  /** Folds in `rows` rows of `values` ([rows][size], row-major). */
  update(values: ArrayLike<number>, rows: number): void {
    const { size, batchMean, batchVariance } = this;
    batchMean.fill(0);
    batchVariance.fill(0);
    for (let r = 0; r < rows; r++) for (let j = 0; j < size; j++) batchMean[j]! += values[r * size + j]!;
    for (let j = 0; j < size; j++) batchMean[j]! /= rows;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < size; j++) {
        const deviation = values[r * size + j]! - batchMean[j]!;
        batchVariance[j]! += deviation * deviation;
      }
    }
    const total = this.count + rows;
    for (let j = 0; j < size; j++) {
      const delta = batchMean[j]! - this.mean[j]!;
      const m2 = this.variance[j]! * this.count + batchVariance[j]! + (delta * delta * this.count * rows) / total;
      this.mean[j]! += (delta * rows) / total;
      this.variance[j] = m2 / total;
    }
    this.count = total;
  }

  getState(): RunningMeanStdState {
    return { mean: Array.from(this.mean), variance: Array.from(this.variance), count: this.count };
  }

  setState(state: RunningMeanStdState): void {
    assertFiniteArray(state.mean, 'RunningMeanStd state.mean', this.size);
    assertFiniteArray(state.variance, 'RunningMeanStd state.variance', this.size);
    assertFiniteNumber(state.count, 'RunningMeanStd state.count');
    this.mean.set(state.mean);
    this.variance.set(state.variance);
    this.count = state.count;
  }
}
