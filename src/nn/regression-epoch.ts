// One epoch of regressing a network's single output onto targets: for each minibatch, ½·mean((v −
// R)²), its gradient, and one optimiser step — the loop of the critic's regression
// (src/algos/critic-regression.ts, which draws the minibatches). It is here, below the backends,
// so that a network on a worker thread (src/backends/thread/) runs a whole epoch there in one
// request, beside the main thread's work, with the same arithmetic in the same order.
import { gatherRows } from '../util/gather-rows.js';

/** What the epoch uses of a network: any backend's, whose results may be promises. */
export interface RegressionNetwork {
  readonly layout: { readonly inputSize: number };
  forward(inputs: Float32Array, batch: number): ArrayLike<number> | Promise<ArrayLike<number>>;
  backwardSquaredNorm(gradOutputs: Float64Array): number | Promise<number>;
}

/** The network's optimiser: each step reads the latest backward's gradient. */
export interface RegressionOptimizer {
  step(): void | Promise<void>;
}

export interface RegressionEpochResult {
  /** The last minibatch's loss ½·mean((v − R)²). */
  loss: number;
  /** The first minibatch gradient norm that was not finite; the epoch stopped there, before that step. */
  nonFiniteNorm?: number;
}

/**
 * Runs the minibatches of `observations` (row-major [rows][inputSize]) and `targets` given by
 * `minibatches` (row indices each), one optimiser step each, in order.
 */
export async function regressionEpoch(
  network: RegressionNetwork, optimizer: RegressionOptimizer, observations: ArrayLike<number>, targets: ArrayLike<number>, minibatches: readonly ArrayLike<number>[],
): Promise<RegressionEpochResult> {
  const inputSize = network.layout.inputSize;
  const largest = minibatches.reduce((most, indices) => Math.max(most, indices.length), 0);
  const inputs = new Float32Array(largest * inputSize);
  const returns = new Float64Array(largest);
  let loss = 0;
  for (const indices of minibatches) {
    const count = indices.length;
    gatherRows(observations, indices, inputSize, inputs);
    gatherRows(targets, indices, 1, returns);
    const values = await network.forward(inputs.subarray(0, count * inputSize), count);
    const dValues = new Float64Array(count);
    loss = 0;
    for (let b = 0; b < count; b++) {
      const error = values[b]! - returns[b]!;
      loss += (0.5 * error * error) / count;
      dValues[b] = error / count;
    }
    const norm = Math.sqrt(await network.backwardSquaredNorm(dValues));
    if (!Number.isFinite(norm)) return { loss, nonFiniteNorm: norm };
    await optimizer.step();
  }
  return { loss };
}
