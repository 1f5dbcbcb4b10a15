// Index samplers over a stored batch of `size` steps, after TorchRL's SamplerWithoutReplacement
// and RandomSampler. They return step indices; gatherRows (src/util/gather-rows.ts) copies the
// chosen rows out of a batch.
import type { Random } from '../random/prng.js';
import { assertInteger } from '../util/validate.js';

/**
 * One epoch of minibatches without replacement: a fresh random permutation of [0, size) cut into
 * consecutive minibatches of `minibatchSize` indices, the last one smaller when `size` is not a
 * multiple. Every index appears exactly once per epoch. The minibatches are views of one array.
 */
export function epochMinibatches(size: number, minibatchSize: number, random: Random): Int32Array[] {
  assertInteger(size, 'epochMinibatches: size', 1);
  assertInteger(minibatchSize, 'epochMinibatches: minibatchSize', 1);
  const permutation = new Int32Array(size);
  for (let i = 0; i < size; i++) permutation[i] = i;
  random.shuffle(permutation);
  const minibatches: Int32Array[] = [];
  for (let start = 0; start < size; start += minibatchSize) minibatches.push(permutation.subarray(start, Math.min(start + minibatchSize, size)));
  return minibatches;
}

/** `count` indices drawn uniformly from [0, size) with replacement, written into `out` (made if absent). */
export function randomIndices(size: number, count: number, random: Random, out: Int32Array = new Int32Array(count)): Int32Array {
  assertInteger(size, 'randomIndices: size', 1);
  assertInteger(count, 'randomIndices: count', 0, out.length);
  for (let i = 0; i < count; i++) out[i] = random.integer(size);
  return out;
}
