// The WebGPU backend: one device, its compute pipelines compiled once, f32 only (WGSL has no f64
// in storage buffers; verification runs on the wasm f64 backend).
import type { MLPSpec } from '../../nn/mlp-layout.js';
import type { Backend, MLPOptions } from '../backend.js';
import { requestGPUDevice } from './gpu-device.js';
import { programSource } from './gpu-program.js';
import { PROGRAMS, type CompiledPrograms, type ProgramName } from './program-table.js';
import { WebGPUMLP } from './webgpu-mlp.js';
import type { GPUComputePipeline, GPUDevice } from './webgpu-api.js';

export class WebGPUBackend implements Backend, CompiledPrograms {
  readonly name = 'webgpu' as const;
  readonly dtype = 'f32' as const;
  /** The first GPU error not yet reported (validation, out of memory, device lost). */
  private pendingError: string | undefined;

  private constructor(
    readonly device: GPUDevice,
    /** The adapter as it describes itself, e.g. "google swiftshader SwiftShader driver 5.0.0". */
    readonly adapterDescription: string,
    private readonly pipelines: Readonly<Record<ProgramName, GPUComputePipeline>>,
  ) {
    device.addEventListener('uncapturederror', (event) => {
      this.pendingError ??= event.error.message;
    });
    void device.lost.then((info) => {
      this.pendingError ??= `device lost: ${info.message}`;
    });
  }

  /**
   * Requests an adapter and a device and compiles the programs. Throws WebGPUUnavailableError
   * when there is no WebGPU or no adapter.
   */
  static async create(): Promise<WebGPUBackend> {
    const { device, adapterDescription } = await requestGPUDevice();
    device.pushErrorScope('validation');
    const entries = await Promise.all(Object.entries(PROGRAMS).map(async ([name, program]) => {
      const module = device.createShaderModule({ label: program.name, code: programSource(program) });
      const pipeline = await device.createComputePipelineAsync({ label: program.name, layout: 'auto', compute: { module, entryPoint: 'main' } });
      return [name, pipeline] as const;
    }));
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU: compiling the compute programs failed: ${error.message}`);
    return new WebGPUBackend(device, adapterDescription, Object.fromEntries(entries) as Record<ProgramName, GPUComputePipeline>);
  }

  createMLP(spec: MLPSpec, options?: MLPOptions): WebGPUMLP {
    return new WebGPUMLP(this, spec, options);
  }

  pipeline(name: ProgramName): GPUComputePipeline {
    return this.pipelines[name];
  }

  /** Throws the first GPU error reported since the previous check, if any. */
  throwIfFailed(operation: string): void {
    const error = this.pendingError;
    if (error === undefined) return;
    this.pendingError = undefined;
    throw new Error(`${operation}: WebGPU error: ${error}`);
  }

  /** Releases the device and every buffer on it; the backend and its MLPs are unusable after. */
  destroy(): void {
    this.device.destroy();
  }
}
