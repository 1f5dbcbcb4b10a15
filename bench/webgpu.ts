// `npm run bench:webgpu`: batched MLP forward + backward throughput against batch size, the wasm
// backend against the WebGPU backend, on the adapter that WebGPU finds (Dawn in Node: set
// VK_ICD_FILENAMES to choose a Vulkan driver, e.g. SwiftShader on a machine without a GPU).
// One WebGPU iteration is what training pays: upload X, forward, read Y back; upload ∂L/∂Y,
// backward, read ∂L/∂θ back.
import { createEngine } from '../src/backends/create-engine.js';
import { Random } from '../src/random/prng.js';
import { describeMachine, measure } from './measure.js';

const SIZES = [4, 64, 64, 2];
const ACTIVATIONS = ['tanh', 'tanh', 'identity'] as const;
const BATCHES = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536];

const wasm = await createEngine({ backend: 'wasm' });
const gpu = await createEngine({ backend: 'webgpu' });
console.log(`Machine: ${await describeMachine()}; WebGPU adapter: ${gpu.adapterDescription}\n`);
console.log(`### MLP ${SIZES.join('-')} tanh, f32, forward + backward (median per iteration)\n`);
console.log('| batch | wasm (ms) | WebGPU (ms) | wasm (samples/s) | WebGPU (samples/s) | WebGPU / wasm |\n|---|---|---|---|---|---|');

const random = new Random(4);
const spec = { sizes: SIZES, activations: ACTIVATIONS };
const maxBatch = BATCHES.at(-1)!;
const wasmMLP = wasm.createMLP(spec, { maxBatch });
const gpuMLP = gpu.createMLP(spec, { maxBatch });
wasmMLP.initOrthogonal(random);
gpuMLP.setParameters(wasmMLP.parameters);
for (const batch of BATCHES) {
  const inputs = Float32Array.from({ length: batch * SIZES[0]! }, () => random.normal());
  const gradOutputs = Float32Array.from({ length: batch * SIZES.at(-1)! }, () => random.normal());
  // A software driver takes seconds per iteration at the largest batches: a few samples then.
  const timings = await measure({
    wasm: () => {
      wasmMLP.forward(inputs, batch);
      wasmMLP.backward(gradOutputs);
    },
    webgpu: async () => {
      await gpuMLP.forward(inputs, batch);
      await gpuMLP.backward(gradOutputs);
    },
  }, 500, batch >= 16384 ? 3 : batch >= 1024 ? 8 : 64);
  const wasmMs = timings.wasm!.medianMs;
  const gpuMs = timings.webgpu!.medianMs;
  const rate = (ms: number) => Math.round((batch / ms) * 1000).toLocaleString('en-US');
  console.log(`| ${batch.toLocaleString('en-US')} | ${wasmMs.toPrecision(3)} | ${gpuMs.toPrecision(3)} | ${rate(wasmMs)} | ${rate(gpuMs)} | ${(wasmMs / gpuMs).toPrecision(2)}× |`);
}
gpu.destroy();
