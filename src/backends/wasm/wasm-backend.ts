import { Arena } from '../../engine/arena.js';
import { instantiateKernels, type DType } from '../../engine/wasm-module.js';
import type { MLPSpec } from '../../nn/mlp-layout.js';
import type { Backend, MLPOptions } from '../backend.js';
import { WasmKernels } from './wasm-kernels.js';
import { WasmMLP } from './wasm-mlp.js';

/** The WebAssembly backend: one module instance, its memory, and an arena over it. */
export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;
  /** The raw kernels, validated, over arrays in this backend's memory. */
  readonly kernels: WasmKernels;

  private constructor(readonly dtype: DType, private readonly instance: Awaited<ReturnType<typeof instantiateKernels>>, private readonly arena: Arena) {
    this.kernels = new WasmKernels(instance.kernels, arena, instance.memory, dtype);
  }

  static async create(dtype: DType): Promise<WasmBackend> {
    const instance = await instantiateKernels(dtype);
    return new WasmBackend(dtype, instance, new Arena(instance.memory, instance.heapBase));
  }

  createMLP(spec: MLPSpec, options?: MLPOptions): WasmMLP {
    return new WasmMLP(this.instance.kernels, this.arena, this.dtype, spec, options);
  }
}
