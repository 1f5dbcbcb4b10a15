// The lecture's argument, measured: a Hessian–vector product costs a small multiple of a gradient
// and grows linearly with the parameter count D, while forming the Hessian (D products, D² entries)
// grows quadratically. Network [16, w, w, 4] tanh, softmax cross-entropy, batch 64, f32.
import { createEngine } from '../src/backends/create-engine.js';
import type { WasmBackend } from '../src/backends/wasm/wasm-backend.js';
import type { WasmMLP } from '../src/backends/wasm/wasm-mlp.js';
import { softmaxCrossEntropy } from '../src/nn/losses.js';
import type { OutputLoss } from '../src/nn/output-loss.js';
import { Random } from '../src/random/prng.js';
import { measure } from './measure.js';

export interface ProductRow {
  parameters: number;
  gradientMs: number;
  hvpMs: number;
  /** hvp / gradient. */
  ratio: number;
  /** hvp time per parameter, nanoseconds: flat when the cost is linear. */
  hvpNsPerParameter: number;
}

export interface ExplicitHessianRow {
  parameters: number;
  hvpMs: number;
  /** D products, one per column. */
  formHessianMs: number;
}

const BATCH = 64;

function network(engine: WasmBackend, width: number, random: Random) {
  const mlp = engine.createMLP({ sizes: [16, width, width, 4], activations: ['tanh', 'tanh', 'identity'] }, { maxBatch: BATCH });
  mlp.initOrthogonal(random);
  const inputs = Float32Array.from({ length: BATCH * 16 }, () => random.normal());
  const loss = softmaxCrossEntropy(Array.from({ length: BATCH }, () => random.integer(4)), 4);
  const direction = Float32Array.from({ length: mlp.layout.parameterCount }, () => random.normal());
  const gradOutputs = new Float32Array(BATCH * 4);
  return {
    mlp,
    gradient: () => gradientOf(mlp, inputs, loss, gradOutputs),
    hvp: () => {
      mlp.forward(inputs, BATCH);
      return mlp.hvp(direction, loss);
    },
    inputs,
    loss,
  };
}

function gradientOf(mlp: WasmMLP, inputs: Float32Array, loss: OutputLoss, gradOutputs: Float32Array) {
  loss.gradient(mlp.forward(inputs, BATCH), BATCH, gradOutputs);
  return mlp.backward(gradOutputs).parameters;
}

/** Widths w giving about 10³, 10⁴, 10⁵ and 10⁶ parameters (D = w² + 22w + 4). */
export const SCALING_WIDTHS = [23, 89, 305, 989];
export const EXPLICIT_WIDTHS = [23, 35, 53];

export async function benchmarkSecondOrder(): Promise<{ scaling: ProductRow[]; explicit: ExplicitHessianRow[] }> {
  const engine = await createEngine({ dtype: 'f32' });
  const random = new Random(3);
  const scaling: ProductRow[] = [];
  for (const width of SCALING_WIDTHS) {
    const net = network(engine, width, random);
    const timings = await measure({ gradient: net.gradient, hvp: net.hvp }, width > 300 ? 1500 : 500);
    const parameters = net.mlp.layout.parameterCount;
    const gradientMs = timings.gradient!.medianMs;
    const hvpMs = timings.hvp!.medianMs;
    scaling.push({ parameters, gradientMs, hvpMs, ratio: hvpMs / gradientMs, hvpNsPerParameter: (hvpMs * 1e6) / parameters });
  }
  const explicit: ExplicitHessianRow[] = [];
  for (const width of EXPLICIT_WIDTHS) {
    const net = network(engine, width, random);
    const parameters = net.mlp.layout.parameterCount;
    const hvpMs = (await measure({ hvp: net.hvp })).hvp!.medianMs;
    // Column j of H is H·e_j: D products, and D² numbers to hold.
    const hessian = new Float32Array(parameters * parameters);
    const basis = new Float32Array(parameters);
    const start = performance.now();
    net.mlp.forward(net.inputs, BATCH);
    for (let j = 0; j < parameters; j++) {
      basis[j] = 1;
      hessian.set(net.mlp.hvp(basis, net.loss), j * parameters);
      basis[j] = 0;
    }
    explicit.push({ parameters, hvpMs, formHessianMs: performance.now() - start });
  }
  return { scaling, explicit };
}
