// The MLP of CleanRL's policies, 4-64-64-2 tanh: forward at batch 1, forward + backward at 128 and
// 2048, ours (f32) against TensorFlow.js's wasm backend in the same run.
import { createEngine } from '../src/backends/create-engine.js';
import { Random } from '../src/random/prng.js';
import { measure } from './measure.js';
import { tfjsMLP, type Tfjs } from './tfjs-peer.js';

export interface MLPRow {
  task: string;
  policygradMs: number;
  tfjsMs: number | undefined;
}

const SIZES = [4, 64, 64, 2];

export async function benchmarkMLP(tf: Tfjs | undefined): Promise<MLPRow[]> {
  const engine = await createEngine({ dtype: 'f32' });
  const random = new Random(2);
  const mlp = engine.createMLP({ sizes: SIZES, activations: ['tanh', 'tanh', 'identity'] }, { maxBatch: 2048 });
  mlp.initOrthogonal(random);
  const peer = tf ? tfjsMLP(tf, SIZES) : undefined;
  const rows: MLPRow[] = [];
  for (const [task, batch] of [['forward, batch 1', 1], ['forward + backward, batch 128', 128], ['forward + backward, batch 2048', 2048]] as const) {
    const inputs = Float32Array.from({ length: batch * 4 }, () => random.normal());
    const gradOutputs = Float32Array.from({ length: batch * 2 }, () => random.normal());
    const backward = batch > 1;
    const tasks: Record<string, () => void> = {
      policygrad: backward ? () => { mlp.forward(inputs, batch); mlp.backward(gradOutputs); } : () => mlp.forward(inputs, batch),
    };
    if (tf && peer) {
      const x = tf.tensor2d(inputs, [batch, 4]);
      tasks.tfjs = backward ? () => peer.forwardBackward(x) : () => peer.forward(x);
    }
    const timings = await measure(tasks);
    rows.push({ task, policygradMs: timings.policygrad!.medianMs, tfjsMs: timings.tfjs?.medianMs });
  }
  return rows;
}
