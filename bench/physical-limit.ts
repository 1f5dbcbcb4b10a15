// The physical limit of PPO's speed: the matrix products an env step costs, against the best rate
// the gemm kernel reaches (bench/kernels.ts measures it). No run can go faster than
// peak FLOP/s ÷ FLOPs per step without doing less arithmetic, so a measured speed as a share of
// that limit says how much of a step's time is spent off the products (the environments, the
// activations, the optimiser, the JavaScript between kernels).
import type { MLPLayout } from '../src/nn/mlp-layout.js';
import type { GemmRow } from './kernels.js';

/**
 * Matrix FLOPs per environment step of PPO (CleanRL's ppo.py loop) with separate actor and
 * critic, counting 2·m·k·n for each product of an m×k by a k×n matrix — a multiply and an add per
 * term — and nothing else (bias additions, activations, the softmax, the loss, the gradient norm
 * and Adam are left out: they are linear in the widths, the products quadratic).
 *
 * - Rollout: one forward pass of each network per step (acting on numEnvs envs at once is a batch
 *   of numEnvs rows for numEnvs steps: one row per step, whatever numEnvs is).
 * - Update: every step of the batch is a row of one minibatch in each of the `epochs` passes, and
 *   each row goes forward and backward through both networks. Backward through a k→n layer is the
 *   weight gradient (n×m by m×k) and the gradient into the layer below (m×n by n×k), except at the
 *   first layer, whose input needs no gradient. So forward + backward of a row costs
 *   2·k·n·(3 − [first layer]) per layer.
 * - Not counted: the critic's value of each env's last observation per rollout and of the final
 *   observation of a truncated episode (one row each per rollout or per episode, not per step).
 *
 * For CartPole-v1 with CleanRL's defaults (4-64-64-2 and 4-64-64-1, 4 epochs): 17,792 in the
 * rollout and 4 × 52,352 in the update, 227,200 per step.
 *
 * @param networks the layouts of the networks trained, e.g. the actor's and the critic's
 * @param epochs passes of the update over each batch
 */
export function ppoMatrixFlopsPerStep(networks: readonly MLPLayout[], epochs: number): number {
  let forward = 0;
  let backward = 0;
  for (const network of networks) {
    network.layers.forEach((layer, index) => {
      const product = 2 * layer.inputSize * layer.outputSize;
      forward += product;
      backward += index === 0 ? product : 2 * product;
    });
  }
  return forward + epochs * (forward + backward);
}

/** The gemm kernel's peak: its best rate, GFLOP/s, over the shapes measured (bench/kernels.ts). */
export function peakGflops(gemm: readonly GemmRow[]): number {
  return Math.max(...gemm.map((row) => row.gflops));
}

/** The physical limit, env steps per second: `peak` GFLOP/s over `flopsPerStep` FLOPs per step. */
export function physicalLimit(peak: number, flopsPerStep: number): number {
  return (peak * 1e9) / flopsPerStep;
}
