// Matrix products: ours (f32, SIMD, one thread) against TensorFlow.js's wasm backend in the same run.
import { createEngine } from '../src/backends/create-engine.js';
import type { GemmLayout } from '../src/backends/wasm/wasm-kernels.js';
import { Random } from '../src/random/prng.js';
import { measure } from './measure.js';
import type { Tfjs } from './tfjs-peer.js';

export interface GemmRow {
  shape: string;
  layout: GemmLayout | 'tfjs';
  gflops: number;
}

export const GEMM_SHAPES: readonly [number, number, number][] = [[128, 64, 64], [2048, 64, 64], [512, 512, 512]];

export async function benchmarkGemm(tf: Tfjs | undefined): Promise<GemmRow[]> {
  const { kernels } = await createEngine({ dtype: 'f32' });
  const random = new Random(1);
  const rows: GemmRow[] = [];
  for (const [m, k, n] of GEMM_SHAPES) {
    const a = kernels.allocate(m * k);
    const b = kernels.allocate(k * n);
    const c = kernels.allocate(m * n);
    a.array.forEach((_, i) => (a.array[i] = random.normal()));
    b.array.forEach((_, i) => (b.array[i] = random.normal()));
    const tasks: Record<string, () => void> = {};
    for (const layout of ['nn', 'nt', 'tn'] as const) tasks[layout] = () => kernels.gemm(c, a, b, m, k, n, layout);
    if (tf) {
      const ta = tf.randomNormal([m, k]) as import('@tensorflow/tfjs').Tensor2D;
      const tb = tf.randomNormal([k, n]) as import('@tensorflow/tfjs').Tensor2D;
      tasks.tfjs = () => {
        const product = tf.matMul(ta, tb);
        product.dataSync();
        product.dispose();
      };
    }
    const timings = await measure(tasks);
    const flops = 2 * m * k * n;
    for (const [layout, timing] of Object.entries(timings)) {
      rows.push({ shape: `${m}×${k}×${n}`, layout: layout as GemmRow['layout'], gflops: flops / (timing.medianMs * 1e6) });
    }
  }
  return rows;
}
