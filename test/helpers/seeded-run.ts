// One seeded run of the wasm MLP — forward, backward with input gradients, hvp — in f32 and f64,
// the same code in Node and in a page: the Chromium test compares the two bit for bit.
import { createEngine } from '../../src/backends/create-engine.js';
import { softmaxCrossEntropy } from '../../src/nn/losses.js';
import { Random } from '../../src/random/prng.js';

/** Every number the run produced, by product, as plain arrays (JSON keeps doubles exactly). */
export async function seededWasmRun(seed: number): Promise<Record<string, number[]>> {
  const results: Record<string, number[]> = {};
  for (const dtype of ['f32', 'f64'] as const) {
    const engine = await createEngine({ backend: 'wasm', dtype });
    const random = new Random(seed);
    const batch = 33;
    const mlp = engine.createMLP({ sizes: [4, 64, 64, 3], activations: ['tanh', 'relu', 'identity'] }, { maxBatch: batch });
    mlp.initOrthogonal(random);
    const inputs = Array.from({ length: batch * 4 }, () => random.normal());
    const loss = softmaxCrossEntropy(Array.from({ length: batch }, () => random.integer(3)), 3);
    const outputs = mlp.forward(inputs, batch);
    results[`${dtype} forward`] = Array.from(outputs);
    const gradOutputs = new Float64Array(outputs.length);
    loss.gradient(outputs, batch, gradOutputs);
    const gradients = mlp.backward(gradOutputs, { inputGradients: true });
    results[`${dtype} parameters`] = Array.from(mlp.parameters);
    results[`${dtype} gradient`] = Array.from(gradients.parameters);
    results[`${dtype} input gradient`] = Array.from(gradients.inputs!);
    const direction = Array.from({ length: mlp.layout.parameterCount }, () => random.normal());
    results[`${dtype} hvp`] = Array.from(mlp.hvp(direction, loss));
  }
  return results;
}
