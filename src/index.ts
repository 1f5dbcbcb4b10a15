// The public API of policygrad.
export { createEngine, type EngineOptions } from './backends/create-engine.js';
export type { Backend, BackendName, DType, MaybePromise, MLP, MLPOptions } from './backends/backend.js';
export { WasmBackend } from './backends/wasm/wasm-backend.js';
export { WasmMLP } from './backends/wasm/wasm-mlp.js';
export { WebGPUBackend } from './backends/webgpu/webgpu-backend.js';
export { WebGPUMLP } from './backends/webgpu/webgpu-mlp.js';
export { WebGPUUnavailableError } from './backends/webgpu/gpu-device.js';
export { WasmKernels, type GemmLayout, type KernelArray } from './backends/wasm/wasm-kernels.js';
export { ArenaArray } from './engine/arena.js';
export { layoutMLP, ACTIVATIONS, type Activation, type MLPSpec, type MLPLayout, type ParameterBlock, type LayerLayout } from './nn/mlp-layout.js';
export type { OutputLoss, OutputMetric } from './nn/output-loss.js';
export { meanSquaredError, softmaxCrossEntropy } from './nn/losses.js';
export { orthogonal } from './nn/init.js';
export { Random } from './random/prng.js';
export { gradcheck, jvpcheck, hvpcheck, type CheckBlock, type CheckResult, type BlockResult, type CheckOptions, type GradcheckOptions, type HvpcheckOptions } from './check/finite-difference.js';
export { mlpObjective, type MLPObjective } from './check/mlp-objective.js';
export type { FloatArray, NumericArray } from './util/validate.js';
