// The optimiser step per parameter: the wasm backend's Adam (one SIMD kernel over the network's
// memory, f64 moments) against the CPU Adam in JavaScript (src/nn/adam.ts, f64 moments, what the
// wasm backend ran before), and the squared gradient norm of the clip against a plain JavaScript
// loop over the same gradient. Both pairs give the same bits; this measures only their speed.
import { createEngine } from '../src/backends/create-engine.js';
import { Adam } from '../src/nn/adam.js';
import { Random } from '../src/random/prng.js';
import { measureBestOf } from './measure.js';

export interface OptimizerRow {
  network: string;
  parameters: number;
  /** Nanoseconds per parameter, medians. */
  wasmAdamNs: number;
  javascriptAdamNs: number;
  wasmNormNs: number;
  javascriptNormNs: number;
}

/** CleanRL's CartPole actor, and a network a MuJoCo task might use. */
const NETWORKS: readonly number[][] = [[4, 64, 64, 2], [17, 256, 256, 6]];

export async function benchmarkOptimizer(): Promise<OptimizerRow[]> {
  const engine = await createEngine({ dtype: 'f32' });
  const random = new Random(3);
  const rows: OptimizerRow[] = [];
  for (const sizes of NETWORKS) {
    const mlp = engine.createMLP({ sizes, activations: ['tanh', 'tanh', 'identity'] }, { maxBatch: 1 });
    mlp.initOrthogonal(random);
    const count = mlp.layout.parameterCount;
    // A learning rate this small keeps the parameters where they are over the benchmark's steps.
    const wasmAdam = mlp.createAdam({ learningRate: 1e-12 });
    const javascriptAdam = new Adam(count, { learningRate: 1e-12 });
    // Views taken after the last allocation, which may have grown (and so detached) the memory.
    const { parameters, gradients } = mlp;
    gradients.forEach((_, i) => (gradients[i] = 1e-3 * random.normal()));
    let sink = 0;
    const timings = await measureBestOf({
      wasmAdam: () => wasmAdam.step(0.5),
      javascriptAdam: () => javascriptAdam.apply(parameters, gradients, 0.5),
      wasmNorm: () => { sink += engine.kernels.sumOfSquares(gradients); },
      javascriptNorm: () => {
        let sumOfSquares = 0;
        for (let i = 0; i < gradients.length; i++) sumOfSquares += gradients[i]! * gradients[i]!;
        sink += sumOfSquares;
      },
    });
    if (!Number.isFinite(sink)) throw new Error('benchmarkOptimizer: the squared norms are not finite');
    const ns = (task: string) => (timings[task]!.medianMs * 1e6) / count;
    rows.push({
      network: sizes.join('-'), parameters: count,
      wasmAdamNs: ns('wasmAdam'), javascriptAdamNs: ns('javascriptAdam'), wasmNormNs: ns('wasmNorm'), javascriptNormNs: ns('javascriptNorm'),
    });
  }
  return rows;
}
