// The GPU work of one network, in call order: its buffers, its dispatches (each a program, a bind
// group and a uniform buffer, fixed when built), one staging buffer that every read-back lands in,
// and the chain that serialises calls. A network and its optimiser share one sequence, so an
// optimiser step runs after the backward that made its gradient, and before the next forward.
//
// Calls are serialised: each starts after the previous one has finished, so one staging buffer
// serves them all and GPU work happens in call order. A failed call does not stop later ones.
import type { GPUBindGroup, GPUBuffer, GPUDevice } from './webgpu-api.js';
import { packUniforms, type UniformValues } from './gpu-program.js';
import { BUFFER_USAGE, MAP_MODE_READ } from './gpu-device.js';
import { PROGRAMS, type CompiledPrograms, type ProgramName } from './program-table.js';

/** One dispatch: its program, bind group and uniforms. */
export interface Step {
  readonly program: ProgramName;
  readonly bindGroup: GPUBindGroup;
  readonly uniformBuffer: GPUBuffer;
  /** The uniform values for a batch size (the rows of the latest forward). */
  readonly uniforms: (batch: number) => UniformValues;
  /** The batch size the uniform buffer holds (0: not written yet), and its dispatch. */
  batch: number;
  workgroups: [number, number, number];
}

export class GPUSequence {
  readonly device: GPUDevice;
  /** Every GPU buffer of this sequence, for destroy. */
  private readonly allocated: GPUBuffer[] = [];
  /** Where every read-back lands before it is mapped; grown by `reserveStaging`. */
  private staging: GPUBuffer | undefined;
  /** The tail of the chain of calls. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly programs: CompiledPrograms) {
    this.device = programs.device;
  }

  /** A buffer of `length` f32 (at least 16 bytes: WebGPU binds nothing smaller usefully). */
  createBuffer(length: number, usage: number): GPUBuffer {
    const buffer = this.device.createBuffer({ size: Math.max(16, 4 * Math.ceil(length / 4) * 4), usage });
    this.allocated.push(buffer);
    return buffer;
  }

  /** A zeroed storage buffer of `length` f32 that can be written and read back. */
  createStorage(length: number): GPUBuffer {
    return this.createBuffer(length, BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_SRC | BUFFER_USAGE.COPY_DST);
  }

  /** Makes the staging buffer hold at least `length` f32: the largest read-back of any call. */
  reserveStaging(length: number): void {
    const old = this.staging;
    if (old !== undefined && old.size >= 4 * length) return;
    if (old !== undefined) {
      old.destroy();
      this.allocated.splice(this.allocated.indexOf(old), 1);
    }
    this.staging = this.createBuffer(length, BUFFER_USAGE.MAP_READ | BUFFER_USAGE.COPY_DST);
  }

  /** A dispatch of `program` over `buffers` (in its binding order). */
  step(program: ProgramName, buffers: GPUBuffer[], uniforms: (batch: number) => UniformValues): Step {
    const uniformBuffer = this.createBuffer(PROGRAMS[program].uniforms.length, BUFFER_USAGE.UNIFORM | BUFFER_USAGE.COPY_DST);
    const bindGroup = this.device.createBindGroup({
      layout: this.programs.pipeline(program).getBindGroupLayout(0),
      entries: [uniformBuffer, ...buffers].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return { program, bindGroup, uniformBuffer, uniforms, batch: 0, workgroups: [0, 0, 0] };
  }

  /**
   * Encodes `steps` in one compute pass, copies `reads` (a buffer and a count of f32 from its
   * start) to the staging buffer, submits, and reads them back as fresh arrays. With nothing to
   * read, it returns once the work is submitted, without waiting for the GPU.
   */
  async run(steps: readonly Step[], reads: readonly [GPUBuffer, number][], batch: number): Promise<Float32Array[]> {
    const encoder = this.device.createCommandEncoder();
    if (steps.length > 0) {
      const pass = encoder.beginComputePass();
      for (const step of steps) {
        if (step.batch !== batch) this.writeUniforms(step, batch);
        pass.setPipeline(this.programs.pipeline(step.program));
        pass.setBindGroup(0, step.bindGroup);
        pass.dispatchWorkgroups(...step.workgroups);
      }
      pass.end();
    }
    if (reads.length === 0) {
      this.device.queue.submit([encoder.finish()]);
      return [];
    }
    const staging = this.staging;
    if (staging === undefined) throw new Error('GPUSequence: reserveStaging before reading back');
    const offsets: number[] = [];
    let length = 0;
    for (const [buffer, count] of reads) {
      encoder.copyBufferToBuffer(buffer, 0, staging, 4 * length, 4 * count);
      offsets.push(length);
      length += count;
    }
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_MODE_READ, 0, 4 * length);
    const mapped = new Float32Array(staging.getMappedRange(0, 4 * length));
    const results = reads.map(([, count], i) => mapped.slice(offsets[i]!, offsets[i]! + count));
    staging.unmap();
    return results;
  }

  /** Runs `task` after every earlier call has finished, then reports any GPU error it caused. */
  serially<T>(operation: string, task: () => Promise<T>): Promise<T> {
    const result = this.pending.then(task).then((value) => {
      this.programs.throwIfFailed(operation);
      return value;
    });
    this.pending = result.catch(() => undefined);
    return result;
  }

  /**
   * Queues a write of `values` (already validated) to `buffer` at element `offset`, in call
   * order: a write made while earlier calls still wait would otherwise overtake them.
   */
  upload(buffer: GPUBuffer, values: ArrayLike<number>, offset = 0): void {
    const data = Float32Array.from(values);
    this.pending = this.pending.then(() => this.device.queue.writeBuffer(buffer, 4 * offset, data));
  }

  /** Releases every buffer of this sequence. */
  destroy(): void {
    for (const buffer of this.allocated) buffer.destroy();
  }

  private writeUniforms(step: Step, batch: number): void {
    const program = PROGRAMS[step.program];
    const values = step.uniforms(batch);
    const packed = new Uint32Array(program.uniforms.length);
    packUniforms(program, values, packed, 0);
    this.device.queue.writeBuffer(step.uniformBuffer, 0, packed);
    step.workgroups = program.dispatch(values);
    step.batch = batch;
  }
}
