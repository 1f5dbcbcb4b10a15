// A learning curve of any length in bounded memory. Points (step, value) arrive in order of step
// and are kept per bucket of steps: the first, the lowest, the highest and the last point of each
// bucket — M4 aggregation (Jugel et al., "M4: a visualization-oriented time series data
// aggregation", VLDB 2014): a line through these four points per pixel column draws the same pixels
// as the line through all of them, so spikes and dips survive. Buckets are [k·width, (k+1)·width);
// when there are more than `maxBuckets`, the width doubles and neighbouring buckets merge, exactly.
// So the kept points depend only on the points given, never on when they arrived — the curve the
// trainer keeps while it runs, the one it rebuilds on resume and the one `plot` reads from
// metrics.jsonl are the same.

/** Buckets kept by default: at most 4 × 500 = 2,000 points per curve, about 1.4 columns each on an 800-pixel plot. */
export const CURVE_BUCKETS = 500;

interface Point {
  step: number;
  value: number;
  /** Arrival index: the kept points are drawn in the order they came. */
  order: number;
}

interface Bucket {
  index: number;
  first: Point;
  low: Point;
  high: Point;
  last: Point;
}

export class DownsampledCurve {
  /** Steps per bucket: a power of two, the smallest that fits the points in `maxBuckets` buckets. */
  private width = 1;
  private buckets: Bucket[] = [];
  private count = 0;

  /** @param maxBuckets buckets kept, at least 1; the curve keeps at most 4 points per bucket. */
  constructor(readonly maxBuckets = CURVE_BUCKETS) {
    if (!(Number.isInteger(maxBuckets) && maxBuckets >= 1)) throw new RangeError(`DownsampledCurve: maxBuckets must be an integer ≥ 1, got ${maxBuckets}`);
  }

  /** Points added so far (not kept: see `points`). */
  get size(): number {
    return this.count;
  }

  /**
   * Adds a point. `step` must be finite and not less than the previous point's; `value` finite.
   */
  add(step: number, value: number): void {
    if (!Number.isFinite(step)) throw new RangeError(`DownsampledCurve.add: step must be a finite number, got ${step}`);
    if (!Number.isFinite(value)) throw new RangeError(`DownsampledCurve.add: value must be a finite number, got ${value}`);
    const previous = this.buckets[this.buckets.length - 1];
    if (previous !== undefined && step < previous.last.step) {
      throw new RangeError(`DownsampledCurve.add: steps must not decrease, got ${step} after ${previous.last.step}`);
    }
    const point: Point = { step, value, order: this.count++ };
    const index = Math.floor(step / this.width);
    if (previous !== undefined && previous.index === index) {
      // Strict comparisons keep the earliest of equal values, as `merge` does.
      if (value < previous.low.value) previous.low = point;
      if (value > previous.high.value) previous.high = point;
      previous.last = point;
      return;
    }
    this.buckets.push({ index, first: point, low: point, high: point, last: point });
    while (this.buckets.length > this.maxBuckets) this.merge();
  }

  /** The kept points in the order they arrived: steps and values, at most 4 × maxBuckets. */
  points(): { steps: number[]; values: number[] } {
    const steps: number[] = [];
    const values: number[] = [];
    for (const { first, low, high, last } of this.buckets) {
      const kept = [first, low, high, last].sort((a, b) => a.order - b.order);
      kept.forEach((point, i) => {
        if (i > 0 && point === kept[i - 1]) return;
        steps.push(point.step);
        values.push(point.value);
      });
    }
    return { steps, values };
  }

  /** Doubles the width: buckets 2k and 2k+1 become bucket k. */
  private merge(): void {
    this.width *= 2;
    const merged: Bucket[] = [];
    for (const bucket of this.buckets) {
      // floor(step / 2w) = floor(floor(step / w) / 2), exactly: division by a power of two is exact.
      const index = Math.floor(bucket.index / 2);
      const into = merged[merged.length - 1];
      if (into === undefined || into.index !== index) {
        merged.push({ ...bucket, index });
        continue;
      }
      if (bucket.low.value < into.low.value) into.low = bucket.low;
      if (bucket.high.value > into.high.value) into.high = bucket.high;
      into.last = bucket.last;
    }
    this.buckets = merged;
  }
}

/** The curve of `steps` and `values` (in order of step), downsampled to at most 4 × maxBuckets points. */
export function downsampleCurve(steps: readonly number[], values: readonly number[], maxBuckets = CURVE_BUCKETS): { steps: number[]; values: number[] } {
  if (steps.length !== values.length) throw new RangeError(`downsampleCurve: steps and values must have the same length, got ${steps.length} and ${values.length}`);
  const curve = new DownsampledCurve(maxBuckets);
  for (let i = 0; i < steps.length; i++) curve.add(steps[i]!, values[i]!);
  return curve.points();
}
