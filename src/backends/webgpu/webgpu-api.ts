// The part of the WebGPU API (https://www.w3.org/TR/webgpu/) that this backend uses, with the
// spec's names, declared here rather than taken from lib.dom or @webgpu/types: the published
// declarations then compile for every consumer — with or without "DOM" in `lib`, under
// TypeScript 5 (whose lib.dom lacks GPUAdapter.info) and 7 — and a browser's `navigator.gpu` or
// Dawn's objects fit these shapes, being supersets of them. Handles the backend only passes on
// carry the spec's `label` (GPUObjectBase), so that they stay distinct from a plain object.

/** `navigator.gpu`, or what Dawn's `create()` returns in Node. */
export interface GPU {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GPUAdapter | null>;
}

/** The limits the backend reads and requests, in bytes. */
export interface GPUSupportedLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
}

/** How an adapter describes itself; any field may be the empty string. */
export interface GPUAdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
}

/** A physical or emulated GPU, from which a device is requested. */
export interface GPUAdapter {
  readonly limits: GPUSupportedLimits;
  readonly info: GPUAdapterInfo;
  requestDevice(descriptor?: { requiredLimits?: Record<string, number> }): Promise<GPUDevice>;
}

/** An error reported by the device: a validation error, out of memory, or an internal one. */
export interface GPUError {
  readonly message: string;
}

/** What a device's 'uncapturederror' listener receives: an error outside any error scope. */
export interface GPUUncapturedErrorEvent {
  readonly error: GPUError;
}

/** Why a device was lost. */
export interface GPUDeviceLostInfo {
  readonly message: string;
}

/** A logical device: it creates buffers, programs and commands, and reports their errors. */
export interface GPUDevice {
  readonly limits: GPUSupportedLimits;
  readonly queue: GPUQueue;
  /** Settles when the device is lost (destroyed, or by the driver). */
  readonly lost: Promise<GPUDeviceLostInfo>;
  /** `size` in bytes; `usage` a sum of GPUBufferUsage flags (BUFFER_USAGE in gpu-device.ts). */
  createBuffer(descriptor: { size: number; usage: number }): GPUBuffer;
  createShaderModule(descriptor: { label?: string; code: string }): GPUShaderModule;
  createComputePipelineAsync(descriptor: {
    label?: string;
    layout: 'auto';
    compute: { module: GPUShaderModule; entryPoint: string };
  }): Promise<GPUComputePipeline>;
  createBindGroup(descriptor: {
    layout: GPUBindGroupLayout;
    entries: { binding: number; resource: { buffer: GPUBuffer } }[];
  }): GPUBindGroup;
  createCommandEncoder(): GPUCommandEncoder;
  pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
  popErrorScope(): Promise<GPUError | null>;
  addEventListener(type: 'uncapturederror', listener: (event: GPUUncapturedErrorEvent) => void): void;
  destroy(): void;
}

/** The device's queue: writes to buffers and submitted commands run in its order. */
export interface GPUQueue {
  /** Writes `data` to `buffer` at byte `offset`, in queue order. */
  writeBuffer(buffer: GPUBuffer, offset: number, data: ArrayBufferView): void;
  submit(commandBuffers: GPUCommandBuffer[]): void;
}

/** Memory on the device. */
export interface GPUBuffer {
  readonly label: string;
  /** Bytes. */
  readonly size: number;
  /** `mode` a GPUMapMode flag (MAP_MODE_READ in gpu-device.ts); `offset` and `size` in bytes. */
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

/** Records passes and copies into one command buffer. */
export interface GPUCommandEncoder {
  beginComputePass(): GPUComputePassEncoder;
  /** Offsets and size in bytes. */
  copyBufferToBuffer(source: GPUBuffer, sourceOffset: number, destination: GPUBuffer, destinationOffset: number, size: number): void;
  finish(): GPUCommandBuffer;
}

/** Records the dispatches of one compute pass. */
export interface GPUComputePassEncoder {
  setPipeline(pipeline: GPUComputePipeline): void;
  setBindGroup(index: number, bindGroup: GPUBindGroup): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

/** A compiled compute program. */
export interface GPUComputePipeline {
  readonly label: string;
  getBindGroupLayout(index: number): GPUBindGroupLayout;
}

/** WGSL source compiled by the device. */
export interface GPUShaderModule {
  readonly label: string;
}

/** The bindings a pipeline expects (its 'auto' layout). */
export interface GPUBindGroupLayout {
  readonly label: string;
}

/** The buffers bound to a pipeline's bindings, for a dispatch. */
export interface GPUBindGroup {
  readonly label: string;
}

/** Recorded commands, ready to submit. */
export interface GPUCommandBuffer {
  readonly label: string;
}
