import { assertKnownKeys, assertOneOf } from '../util/validate.js';
import type { Backend, DType } from './backend.js';
import { WasmBackend } from './wasm/wasm-backend.js';
import { WebGPUUnavailableError } from './webgpu/gpu-device.js';
import { WebGPUBackend } from './webgpu/webgpu-backend.js';

export interface EngineOptions {
  /**
   * 'wasm' (the default) is the WebAssembly SIMD backend. 'webgpu' runs on the GPU (f32 only;
   * in Node through the package `webgpu`, an optional peer dependency: `npm install webgpu`) and
   * throws WebGPUUnavailableError when there is no adapter or, in Node, no such package. 'auto' takes WebGPU when it can (f32 and an adapter) and wasm otherwise, with
   * a notice saying why.
   */
  backend?: 'wasm' | 'webgpu' | 'auto';
  /** 'f32' (default) trains; 'f64' is for verification against finite differences (wasm only). */
  dtype?: DType;
  /** Receives the notice when 'auto' falls back to wasm. Default: console.warn. */
  onNotice?: (message: string) => void;
}

/**
 * Creates a compute backend: `await createEngine({ backend: 'wasm', dtype: 'f32' })`. With
 * 'webgpu' the MLP methods return promises; with 'wasm' they return values at once.
 */
export async function createEngine(options?: EngineOptions & { backend?: 'wasm' }): Promise<WasmBackend>;
export async function createEngine(options: EngineOptions & { backend: 'webgpu' }): Promise<WebGPUBackend>;
export async function createEngine(options: EngineOptions): Promise<WasmBackend | WebGPUBackend>;
export async function createEngine(options: EngineOptions = {}): Promise<Backend> {
  assertKnownKeys(options, ['backend', 'dtype', 'onNotice'], 'createEngine');
  const backend = options.backend ?? 'wasm';
  const dtype = options.dtype ?? 'f32';
  assertOneOf(backend, ['wasm', 'webgpu', 'auto'] as const, 'backend');
  assertOneOf(dtype, ['f32', 'f64'] as const, 'dtype');
  const notify = options.onNotice ?? ((message: string) => console.warn(message));
  if (typeof notify !== 'function') throw new TypeError('onNotice must be a function of one string');
  if (backend === 'webgpu') {
    if (dtype !== 'f32') throw new RangeError(`dtype must be 'f32' for backend 'webgpu' (WGSL has no f64), got '${dtype}'; use backend 'wasm' for f64`);
    return WebGPUBackend.create();
  }
  if (backend === 'auto') {
    if (dtype !== 'f32') {
      notify(`policygrad: backend 'auto' uses wasm for dtype '${dtype}' (WebGPU is f32 only)`);
      return WasmBackend.create(dtype);
    }
    try {
      return await WebGPUBackend.create();
    } catch (error) {
      if (!(error instanceof WebGPUUnavailableError)) throw error;
      notify(`policygrad: backend 'auto' falls back to wasm: ${error.message}`);
    }
  }
  return WasmBackend.create(dtype);
}
