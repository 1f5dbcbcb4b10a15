import { assertKnownKeys, assertOneOf } from '../util/validate.js';
import type { DType } from './backend.js';
import { WasmBackend } from './wasm/wasm-backend.js';

export interface EngineOptions {
  /** 'wasm' (the default) is the WebAssembly SIMD backend. */
  backend?: 'wasm';
  /** 'f32' (default) trains; 'f64' is for verification against finite differences. */
  dtype?: DType;
}

/** Creates a compute backend: `await createEngine({ backend: 'wasm', dtype: 'f32' })`. */
export async function createEngine(options: EngineOptions = {}): Promise<WasmBackend> {
  assertKnownKeys(options, ['backend', 'dtype'], 'createEngine');
  const backend = options.backend ?? 'wasm';
  const dtype = options.dtype ?? 'f32';
  assertOneOf(backend, ['wasm'] as const, 'backend');
  assertOneOf(dtype, ['f32', 'f64'] as const, 'dtype');
  return WasmBackend.create(dtype);
}
