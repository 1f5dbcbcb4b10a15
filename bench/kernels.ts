// Matrix products: ours (f32, SIMD, one thread) against TensorFlow.js's wasm backend (XNNPACK) in
// the same run, at every product PPO and TRPO call on CartPole-v1 and at three sizes in every
// layout. TensorFlow.js is timed in the same layout (matMul with its transpose flags) and as A·B,
// its fastest layout, at the same m, k, n.
import { createEngine } from '../src/backends/create-engine.js';
import type { GemmLayout } from '../src/backends/wasm/wasm-kernels.js';
import { Random } from '../src/random/prng.js';
import { measureBestOf } from './measure.js';
import type { Tfjs } from './tfjs-peer.js';

export interface GemmShape {
  layout: GemmLayout;
  m: number;
  k: number;
  n: number;
  /** Who calls it: 'PPO', 'TRPO', both, or 'size' for the size sweep. */
  usedBy: string;
}

export interface GemmRow extends GemmShape {
  /** Ours, median microseconds per call. */
  microseconds: number;
  gflops: number;
  /** TensorFlow.js in the same layout, and as A·B; absent without the peer. */
  tfjsGflops: number | undefined;
  tfjsABGflops: number | undefined;
}

/**
 * Every product (layout, m, k, n) that PPO and TRPO call on CartPole-v1 with their default
 * settings: PPO with CleanRL's (4 envs × 128 steps, 4 minibatches of 128, actor 4-64-64-2 and
 * critic 4-64-64-1, acting on batches of 4), TRPO with sb3-contrib's (one env × 2048 steps, critic
 * minibatches of 128, acting on batches of 1, Fisher products on the whole batch). Found once by
 * wrapping the kernel module's gemm and dense exports (dense is A·Bᵀ) and running two iterations
 * of each algorithm; the list is written out here so that the bench needs no instrumentation.
 */
const TRAINING_PRODUCTS: readonly [GemmLayout, number, number, number, string][] = [
  // Acting: the first layer, the hidden layer, the actor's and the critic's output layer.
  ['nt', 1, 4, 64, 'TRPO'], ['nt', 1, 64, 64, 'TRPO'], ['nt', 1, 64, 2, 'TRPO'], ['nt', 1, 64, 1, 'TRPO'],
  ['nt', 4, 4, 64, 'PPO'], ['nt', 4, 64, 64, 'PPO'], ['nt', 4, 64, 2, 'PPO'], ['nt', 4, 64, 1, 'PPO'],
  // Minibatch forwards (PPO's actor and critic, TRPO's critic), and TRPO's batch forward and Jacobian–vector products.
  ['nt', 128, 4, 64, 'PPO, TRPO'], ['nt', 128, 64, 64, 'PPO, TRPO'], ['nt', 128, 64, 2, 'PPO'], ['nt', 128, 64, 1, 'PPO, TRPO'],
  ['nt', 2048, 4, 64, 'TRPO'], ['nt', 2048, 64, 64, 'TRPO'], ['nt', 2048, 64, 2, 'TRPO'],
  // Backward: the gradient into the layer below.
  ['nn', 128, 64, 64, 'PPO, TRPO'], ['nn', 128, 2, 64, 'PPO'], ['nn', 128, 1, 64, 'PPO, TRPO'],
  ['nn', 2048, 64, 64, 'TRPO'], ['nn', 2048, 2, 64, 'TRPO'],
  // Backward: the weight gradients.
  ['tn', 64, 128, 4, 'PPO, TRPO'], ['tn', 64, 128, 64, 'PPO, TRPO'], ['tn', 2, 128, 64, 'PPO'], ['tn', 1, 128, 64, 'PPO, TRPO'],
  ['tn', 64, 2048, 4, 'TRPO'], ['tn', 64, 2048, 64, 'TRPO'], ['tn', 2, 2048, 64, 'TRPO'],
];

const SIZES: readonly [number, number, number][] = [[128, 64, 64], [2048, 64, 64], [512, 512, 512]];

/** TRAINING_PRODUCTS as shapes; the kernel tests check each of them too. */
export const TRAINING_SHAPES: readonly GemmShape[] = TRAINING_PRODUCTS.map(([layout, m, k, n, usedBy]) => ({ layout, m, k, n, usedBy }));

/** The shapes benchmarked: the training ones, then each size in every layout not already listed. */
export const GEMM_SHAPES: readonly GemmShape[] = (() => {
  const shapes = [...TRAINING_SHAPES];
  for (const [m, k, n] of SIZES) {
    for (const layout of ['nn', 'nt', 'tn'] as const) {
      if (!shapes.some((s) => s.layout === layout && s.m === m && s.k === k && s.n === n)) shapes.push({ layout, m, k, n, usedBy: 'size' });
    }
  }
  return shapes;
})();

/** Products this large (FLOPs) are timed over fewer calls a round: TensorFlow.js's transposed 512³ takes a quarter of a second. */
const LARGE_FLOPS = 1e8;

export async function benchmarkGemm(tf: Tfjs | undefined): Promise<GemmRow[]> {
  const { kernels } = await createEngine({ dtype: 'f32' });
  const random = new Random(1);
  const rows: GemmRow[] = [];
  for (const shape of GEMM_SHAPES) {
    const { layout, m, k, n } = shape;
    const a = kernels.allocate(m * k);
    const b = kernels.allocate(k * n);
    const c = kernels.allocate(m * n);
    a.array.forEach((_, i) => (a.array[i] = random.normal()));
    b.array.forEach((_, i) => (b.array[i] = random.normal()));
    const tasks: Record<string, () => void> = { policygrad: () => kernels.gemm(c, a, b, m, k, n, layout) };
    const tensors: { dispose(): void }[] = [];
    if (tf) {
      const tfjsProduct = (transposeA: boolean, transposeB: boolean) => {
        const ta = tf.randomNormal(transposeA ? [k, m] : [m, k]) as import('@tensorflow/tfjs').Tensor2D;
        const tb = tf.randomNormal(transposeB ? [n, k] : [k, n]) as import('@tensorflow/tfjs').Tensor2D;
        tensors.push(ta, tb);
        return () => {
          const product = tf.matMul(ta, tb, transposeA, transposeB);
          product.dataSync();
          product.dispose();
        };
      };
      tasks.tfjs = tfjsProduct(layout === 'tn', layout === 'nt');
      if (layout !== 'nn') tasks.tfjsAB = tfjsProduct(false, false);
    }
    const flops = 2 * m * k * n;
    const timings = await measureBestOf(tasks, 5, 60, flops >= LARGE_FLOPS ? 3 : 32);
    const gflops = (task: string) => (timings[task] ? flops / (timings[task].medianMs * 1e6) : undefined);
    rows.push({
      ...shape, microseconds: timings.policygrad!.medianMs * 1e3, gflops: gflops('policygrad')!,
      tfjsGflops: gflops('tfjs'), tfjsABGflops: gflops(layout === 'nn' ? 'tfjs' : 'tfjsAB'),
    });
    for (const tensor of tensors) tensor.dispose();
  }
  return rows;
}
