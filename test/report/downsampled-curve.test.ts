// The downsampled curve (src/report/downsampled-curve.ts) against a brute-force reference: the
// bucket width is the smallest power of two that puts the points in at most maxBuckets buckets
// [k·width, (k+1)·width), and each bucket keeps its first, lowest, highest (earliest of equals) and
// last point, in arrival order. Tolerance: none, the kept points are the given numbers themselves.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DownsampledCurve, downsampleCurve } from '../../src/report/downsampled-curve.js';
import { Random } from '../../src/random/prng.js';

function bruteForce(steps: number[], values: number[], maxBuckets: number): { steps: number[]; values: number[] } {
  let width = 1;
  const bucketsAt = (w: number) => new Set(steps.map((s) => Math.floor(s / w))).size;
  while (bucketsAt(width) > maxBuckets) width *= 2;
  const kept = new Set<number>();
  const byBucket = new Map<number, number[]>();
  steps.forEach((s, i) => {
    const k = Math.floor(s / width);
    if (!byBucket.has(k)) byBucket.set(k, []);
    byBucket.get(k)!.push(i);
  });
  for (const indices of byBucket.values()) {
    let low = indices[0]!;
    let high = indices[0]!;
    for (const i of indices) {
      if (values[i]! < values[low]!) low = i;
      if (values[i]! > values[high]!) high = i;
    }
    for (const i of [indices[0]!, low, high, indices[indices.length - 1]!]) kept.add(i);
  }
  const order = [...kept].sort((a, b) => a - b);
  return { steps: order.map((i) => steps[i]!), values: order.map((i) => values[i]!) };
}

test('equals the brute-force reference on seeded random walks with uneven steps, ties and repeated steps', () => {
  const random = new Random(11);
  for (const [count, maxBuckets] of [[10, 4], [1000, 7], [5000, 100], [300, 500]] as const) {
    const steps: number[] = [];
    const values: number[] = [];
    let step = Math.floor(random.uniform() * 50);
    for (let i = 0; i < count; i++) {
      step += Math.floor(random.uniform() * 3) * 8; // 0 (a repeated step), 8 or 16
      steps.push(step);
      values.push(Math.round(random.uniform() * 20)); // few distinct values: many ties
    }
    assert.equal(downsampleCurve(steps, values, maxBuckets), bruteForce(steps, values, maxBuckets), `${count} points, ${maxBuckets} buckets`);
  }
});

test('a curve with fewer distinct steps than buckets keeps every point; a longer one at most 4 per bucket', () => {
  assert.equal(downsampleCurve([0, 1000, 2000], [10, 20, 30]), { steps: [0, 1000, 2000], values: [10, 20, 30] });
  const curve = new DownsampledCurve(50);
  for (let i = 0; i < 100_000; i++) curve.add(i, i % 17);
  assert.is(curve.size, 100_000);
  assert.ok(curve.points().steps.length <= 200, `${curve.points().steps.length} points`);
});

test('a step smaller than the previous one or a non-finite number is refused, naming it', () => {
  const curve = new DownsampledCurve();
  curve.add(10, 1);
  assert.throws(() => curve.add(5, 1), /steps must not decrease, got 5 after 10/);
  assert.throws(() => curve.add(11, Number.NaN), /value must be a finite number, got NaN/);
  assert.throws(() => new DownsampledCurve(0), /maxBuckets must be an integer ≥ 1, got 0/);
});

test.run();
