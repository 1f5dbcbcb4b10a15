// `npm run bench:webgpu`: batched MLP throughput against batch size, the wasm backend against the
// WebGPU backend, on the adapter that WebGPU finds (Dawn in Node: set VK_ICD_FILENAMES to choose
// a Vulkan driver, e.g. SwiftShader on a machine without a GPU). Two tasks per batch size:
//   forward + backward   what the target is stated for, every result read back: upload X,
//                        forward, read Y back; upload ∂L/∂Y, backward, read ∂L/∂θ back
//   training step        what a PPO minibatch pays per network: forward (Y read back), then
//                        backwardSquaredNorm (one number read back) and an Adam step, the gradient
//                        and the parameters staying on the GPU
import { createEngine } from '../src/backends/create-engine.js';
import { Random } from '../src/random/prng.js';
import { describeMachine, measure } from './measure.js';

const SIZES = [4, 64, 64, 2];
const ACTIVATIONS = ['tanh', 'tanh', 'identity'] as const;
const BATCHES = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536];

const wasm = await createEngine({ backend: 'wasm' });
const gpu = await createEngine({ backend: 'webgpu' });
console.log(`Machine: ${await describeMachine()}; WebGPU adapter: ${gpu.adapterDescription}`);

const random = new Random(4);
const spec = { sizes: SIZES, activations: ACTIVATIONS };
const maxBatch = BATCHES.at(-1)!;
const wasmMLP = wasm.createMLP(spec, { maxBatch });
const gpuMLP = gpu.createMLP(spec, { maxBatch });
wasmMLP.initOrthogonal(random);
gpuMLP.setParameters(wasmMLP.parameters);
// A learning rate of 0 keeps the parameters, so every sample does the same work.
const wasmAdam = wasmMLP.createAdam({ learningRate: 0 });
const gpuAdam = gpuMLP.createAdam({ learningRate: 0 });

/** Each task on both backends: wasm synchronously, as its callers run it, WebGPU awaiting its read-backs. */
type Run<T> = (inputs: Float32Array, gradOutputs: Float32Array, batch: number) => T;
const TASKS: Record<string, { title: string; wasm: Run<void>; webgpu: Run<Promise<void>> }> = {
  forwardBackward: {
    title: 'forward + backward, every result read back',
    wasm: (inputs, gradOutputs, batch) => {
      wasmMLP.forward(inputs, batch);
      wasmMLP.backward(gradOutputs);
    },
    webgpu: async (inputs, gradOutputs, batch) => {
      await gpuMLP.forward(inputs, batch);
      await gpuMLP.backward(gradOutputs);
    },
  },
  trainingStep: {
    title: 'training step: forward, backwardSquaredNorm, Adam',
    wasm: (inputs, gradOutputs, batch) => {
      wasmMLP.forward(inputs, batch);
      wasmMLP.backwardSquaredNorm(gradOutputs);
      wasmAdam.step();
    },
    webgpu: async (inputs, gradOutputs, batch) => {
      await gpuMLP.forward(inputs, batch);
      await gpuMLP.backwardSquaredNorm(gradOutputs);
      await gpuAdam.step();
    },
  },
};

const rows: Record<string, string[]> = Object.fromEntries(Object.keys(TASKS).map((name) => [name, []]));
for (const batch of BATCHES) {
  const inputs = Float32Array.from({ length: batch * SIZES[0]! }, () => random.normal());
  const gradOutputs = Float32Array.from({ length: batch * SIZES.at(-1)! }, () => random.normal());
  for (const [name, task] of Object.entries(TASKS)) {
    // A software driver takes seconds per iteration at the largest batches: a few samples then.
    const timings = await measure({
      wasm: () => task.wasm(inputs, gradOutputs, batch),
      webgpu: () => task.webgpu(inputs, gradOutputs, batch),
    }, 500, batch >= 16384 ? 3 : batch >= 1024 ? 8 : 64);
    const wasmMs = timings.wasm!.medianMs;
    const gpuMs = timings.webgpu!.medianMs;
    const rate = (ms: number) => Math.round((batch / ms) * 1000).toLocaleString('en-US');
    rows[name]!.push(`| ${batch.toLocaleString('en-US')} | ${wasmMs.toPrecision(3)} | ${gpuMs.toPrecision(3)} | ${rate(wasmMs)} | ${rate(gpuMs)} | ${(wasmMs / gpuMs).toPrecision(2)}× |`);
  }
}
for (const [name, { title }] of Object.entries(TASKS)) {
  console.log(`\n### MLP ${SIZES.join('-')} tanh, f32, ${title} (median per iteration)\n`);
  console.log('| batch | wasm (ms) | WebGPU (ms) | wasm (samples/s) | WebGPU (samples/s) | WebGPU / wasm |\n|---|---|---|---|---|---|');
  console.log(rows[name]!.join('\n'));
}
gpu.destroy();
