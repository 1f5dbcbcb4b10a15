// The WebGPU MLP against the wasm f32 MLP on one shape and batch, product by product. Shared by
// the Node test and the page that the Chromium test loads, so it imports nothing from Node.
import type { WasmBackend } from '../../src/backends/wasm/wasm-backend.js';
import type { WebGPUBackend } from '../../src/backends/webgpu/webgpu-backend.js';
import { softmaxCrossEntropy } from '../../src/nn/losses.js';
import type { MLPSpec } from '../../src/nn/mlp-layout.js';
import type { OutputMetric } from '../../src/nn/output-loss.js';
import type { Random } from '../../src/random/prng.js';
import { normwiseRelativeError, randomArray } from './reference.js';

/** Shapes with odd sizes, and batch sizes on both sides of a tile and of a split (gemm-program.ts). */
export const AGREEMENT_SHAPES: MLPSpec[] = [
  { sizes: [3, 7, 5, 2], activations: ['tanh', 'relu', 'identity'] },
  { sizes: [4, 64, 64, 2], activations: ['tanh', 'tanh', 'identity'] },
  { sizes: [5, 65, 33, 3], activations: ['relu', 'tanh', 'tanh'] },
];
export const AGREEMENT_BATCHES = [1, 17, 257];

/**
 * ‖gpu − wasm‖∞ / ‖wasm‖∞ for forward, backward (parameter and input gradients), readGradients,
 * jvp, hvp with softmax cross-entropy and the Gauss–Newton product with that loss's Hessian as the
 * metric; and whether readParameters returns the parameters set, bit for bit.
 */
export async function productErrors(gpu: WebGPUBackend, wasm: WasmBackend, spec: MLPSpec, batch: number, random: Random): Promise<Record<string, number>> {
  const reference = wasm.createMLP(spec, { maxBatch: batch });
  const mlp = gpu.createMLP(spec, { maxBatch: batch });
  const outputSize = spec.sizes.at(-1)!;
  reference.initOrthogonal(random);
  // Non-zero biases, so that no term vanishes by symmetry.
  const parameters = Float32Array.from(reference.parameters, (x) => x + 0.1 * random.normal());
  reference.setParameters(parameters);
  mlp.setParameters(parameters);
  const inputs = Float32Array.from(randomArray(random, batch * spec.sizes[0]!));
  const direction = Float32Array.from(randomArray(random, parameters.length));
  const loss = softmaxCrossEntropy(Array.from({ length: batch }, () => random.integer(outputSize)), outputSize);
  const metric: OutputMetric = (y, t, b, out) => loss.hessianVectorProduct(y, t, b, out);

  const expectedOutputs = Float32Array.from(reference.forward(inputs, batch));
  const errors: Record<string, number> = { forward: normwiseRelativeError(await mlp.forward(inputs, batch), expectedOutputs) };
  const gradOutputs = new Float32Array(batch * outputSize);
  loss.gradient(expectedOutputs, batch, gradOutputs);
  const expected = reference.backward(gradOutputs, { inputGradients: true });
  const actual = await mlp.backward(gradOutputs, { inputGradients: true });
  errors.backwardParameters = normwiseRelativeError(actual.parameters, expected.parameters);
  errors.backwardInputs = normwiseRelativeError(actual.inputs!, expected.inputs!);
  errors.readGradients = normwiseRelativeError(await mlp.readGradients(), expected.parameters);
  errors.jvp = normwiseRelativeError(await mlp.jvp(direction), reference.jvp(direction));
  errors.hvp = normwiseRelativeError(await mlp.hvp(direction, loss), reference.hvp(direction, loss));
  errors.gaussNewtonProduct = normwiseRelativeError(await mlp.gaussNewtonProduct(direction, metric), reference.gaussNewtonProduct(direction, metric));
  const stored = await mlp.readParameters();
  errors.readParameters = stored.every((x, i) => x === parameters[i]) ? 0 : 1;
  mlp.destroy();
  return errors;
}
