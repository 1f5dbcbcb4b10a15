// An MLP over WebGPU compute shaders, executing the same programme as the wasm MLP
// (src/backends/mlp-programme.ts has the steps, the notation and the math). Every GPU buffer is
// allocated at construction for maxBatch rows, and each product's steps become a fixed list of
// dispatches, with their bind groups, built then; a call writes its inputs, encodes one compute pass and reads back what it
// returns. Parameters stay on the GPU from setParameters to the next setParameters, and the
// network's optimiser (createAdam, webgpu-adam.ts) updates them there.
//
// Read-backs per call (each one mapAsync of one staging buffer, after one submit):
//   forward              Y                                   [batch][outputs]
//   backward             ∂L/∂θ (and ∂L/∂X when asked)        [parameters] (+ [batch][inputs])
//   backwardSquaredNorm  ‖∂L/∂θ‖²                            1 number; the gradient stays for the optimiser
//   jvp                  J·v                                 [batch][outputs]
//   hvp                  J·v, then H·v: the loss's gradient and Hessian-vector product run on the
//                        CPU, on Y kept from forward and the J·v read back, and go up as ġ_L, g_L
//   gaussNewtonProduct   J·v, then JᵀMJv: the metric runs on the CPU, M·J·v goes up as g_L
//   readParameters, readGradients: the vector asked for
//
// Calls run in order, one after another (gpu-sequence.ts). Arguments are validated and copied at
// the call (invalid ones throw there); the results are fresh arrays, owned by the caller.
import type { AdamOptions } from '../../nn/adam.js';
import type { MLPLayout, MLPSpec } from '../../nn/mlp-layout.js';
import { ACTIVATION_CODE, layoutMLP } from '../../nn/mlp-layout.js';
import { initializeOrthogonal } from '../../nn/init.js';
import type { OutputLoss, OutputMetric } from '../../nn/output-loss.js';
import { regressionEpoch, type RegressionEpochResult } from '../../nn/regression-epoch.js';
import type { Random } from '../../random/prng.js';
import { assertFiniteArray, assertFiniteResult, assertInteger, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLP, type MLPOptions, type NetworkAdam } from '../backend.js';
import { allocateMLPBuffers, bufferOf, type BufferSlice, type MLPBuffers } from '../mlp-buffers.js';
import { buildMLPProgramme, compilePhases, type MLPProgramme, type MLPStep, type PerPhase, type Rows } from '../mlp-programme.js';
import { ceilDiv, type UniformValues } from './gpu-program.js';
import { splitChunk } from './gemm-program.js';
import { GPUSequence, type Step } from './gpu-sequence.js';
import type { CompiledPrograms, ProgramName } from './program-table.js';
import { WebGPUAdam } from './webgpu-adam.js';
import type { GPUBuffer } from './webgpu-api.js';

/** A count of rows for `batch` rows of the latest forward. */
const rows = (count: Rows, batch: number): number => (count === 'batch' ? batch : count);

/** A matrix operand: a buffer and the element offset where the matrix starts. */
interface Operand {
  readonly buffer: GPUBuffer;
  readonly offset: number;
}

export class WebGPUMLP implements MLP {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  private readonly sequence: GPUSequence;
  private readonly buffers: MLPBuffers<GPUBuffer>;
  /** maxBatch ones: a bias gradient Σ_rows δ is the product δᵀ·1. */
  private readonly ones: GPUBuffer;
  /** Partial products of the split weight-gradient products (gemm-program.ts). */
  private readonly partials: GPUBuffer;
  /** ‖∂L/∂θ‖², written by backwardSquaredNorm. */
  private readonly squaredNorm: GPUBuffer;

  private readonly programme: MLPProgramme;
  /** Each phase of the programme as its dispatches. */
  private readonly dispatch: PerPhase<Step[]>;
  private readonly backwardSquaredNormSteps: Step[];

  /** Rows of the latest forward (0 before the first), set when forward is called. */
  private batch = 0;
  /** The latest forward's outputs, read back by it: the loss and the metric of hvp and gaussNewtonProduct take them. */
  private latestOutputs: Float32Array = new Float32Array(0);

  constructor(backend: CompiledPrograms, spec: MLPSpec, options: MLPOptions = {}) {
    this.layout = layoutMLP(spec);
    const maxBatch = options.maxBatch ?? 1;
    assertInteger(maxBatch, 'maxBatch', 1, MAX_BATCH);
    this.maxBatch = maxBatch;
    const sequence = new GPUSequence(backend);
    this.sequence = sequence;
    const { parameterCount, inputSize, outputSize, layers } = this.layout;
    const limit = sequence.device.limits.maxStorageBufferBindingSize;
    const storage = (length: number): GPUBuffer => {
      if (4 * length > limit) {
        throw new RangeError(`maxBatch ${maxBatch} needs a buffer of ${4 * length} bytes, more than this device's maxStorageBufferBindingSize (${limit}); use a smaller maxBatch`);
      }
      return sequence.createStorage(length);
    };
    this.buffers = allocateMLPBuffers(this.layout, maxBatch, storage);
    this.ones = storage(maxBatch);
    sequence.device.queue.writeBuffer(this.ones, 0, new Float32Array(maxBatch).fill(1));
    const splits = ceilDiv(maxBatch, splitChunk(maxBatch));
    this.partials = storage(splits * Math.max(...layers.map((layer) => layer.inputSize * layer.outputSize)));
    this.squaredNorm = storage(1);
    sequence.reserveStaging(Math.max(parameterCount + maxBatch * inputSize, maxBatch * outputSize));

    const programme = buildMLPProgramme(this.layout);
    this.programme = programme;
    this.dispatch = compilePhases(programme, (steps) => this.dispatches(steps));
    // The same backward, then ‖∂L/∂θ‖² reduced where the gradient lies.
    this.backwardSquaredNormSteps = [
      ...this.dispatch.backward,
      this.sequence.step('squaredNorm', [this.buffers.gradients, this.squaredNorm], () => ({ n: parameterCount })),
    ];
  }

  readParameters(): Promise<Float32Array> {
    return this.sequence.serially('readParameters', async () => (await this.sequence.run([], [[this.buffers.parameters, this.layout.parameterCount]], this.batch))[0]!);
  }

  /** The gradient written by the latest backward. */
  readGradients(): Promise<Float32Array> {
    return this.sequence.serially('readGradients', async () => (await this.sequence.run([], [[this.buffers.gradients, this.layout.parameterCount]], this.batch))[0]!);
  }

  /** Uploads the parameters; later calls see them (calls run in order). */
  setParameters(values: NumericArray): void {
    assertFiniteArray(values, 'parameters', this.layout.parameterCount);
    this.sequence.upload(this.buffers.parameters, values);
  }

  initOrthogonal(random: Random, gains?: readonly number[]): void {
    const parameters = new Float32Array(this.layout.parameterCount);
    initializeOrthogonal(parameters, this.layout, random, gains);
    this.sequence.upload(this.buffers.parameters, parameters);
  }

  forward(inputs: NumericArray, batch: number): Promise<Float32Array> {
    assertInteger(batch, 'batch', 1, this.maxBatch);
    assertFiniteArray(inputs, 'inputs', batch * this.layout.inputSize);
    this.batch = batch;
    this.sequence.upload(this.whole(this.programme.inputs), inputs);
    return this.sequence.serially('forward', async () => {
      const [outputs] = await this.sequence.run(this.dispatch.forward, [[this.whole(this.programme.outputs), batch * this.layout.outputSize]], batch);
      this.latestOutputs = outputs!;
      return outputs!;
    });
  }

  backward(gradOutputs: NumericArray, options: { inputGradients?: boolean } = {}): Promise<{ parameters: Float32Array; inputs?: Float32Array }> {
    const batch = this.uploadGradOutputs('backward', gradOutputs);
    const inputGradients = options.inputGradients === true;
    return this.sequence.serially('backward', async () => {
      const reads: [GPUBuffer, number][] = [[this.buffers.gradients, this.layout.parameterCount]];
      if (inputGradients) reads.push([this.buffers.inputGradients, batch * this.layout.inputSize]);
      const [parameters, inputs] = await this.sequence.run(inputGradients ? this.dispatch.backwardWithInputGradients : this.dispatch.backward, reads, batch);
      return inputGradients ? { parameters: parameters!, inputs: inputs! } : { parameters: parameters! };
    });
  }

  backwardSquaredNorm(gradOutputs: NumericArray): Promise<number> {
    const batch = this.uploadGradOutputs('backwardSquaredNorm', gradOutputs);
    return this.sequence.serially('backwardSquaredNorm', async () => (await this.sequence.run(this.backwardSquaredNormSteps, [[this.squaredNorm, 1]], batch))[0]![0]!);
  }

  /** Adam on the GPU, its moments beside the parameters; its steps run in this network's call order. */
  createAdam(options?: AdamOptions): WebGPUAdam {
    return new WebGPUAdam(this.sequence, this.buffers.parameters, this.buffers.gradients, this.layout.parameterCount, options);
  }

  regressionEpoch(optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, minibatches: readonly Int32Array[]): Promise<RegressionEpochResult> {
    return regressionEpoch(this, optimizer, observations, targets, minibatches);
  }

  jvp(direction: NumericArray): Promise<Float32Array> {
    const batch = this.requireForward('jvp');
    this.setDirection(direction);
    return this.sequence.serially('jvp', async () => this.outputTangent(batch));
  }

  hvp(direction: NumericArray, loss: OutputLoss): Promise<Float32Array> {
    const batch = this.requireForward('hvp');
    this.setDirection(direction);
    return this.sequence.serially('hvp', async () => {
      const outputTangent = await this.outputTangent(batch);
      const size = batch * this.layout.outputSize;
      const gradient = new Float32Array(size);
      const gradientTangent = new Float32Array(size);
      loss.gradient(this.latestOutputs, batch, gradient);
      loss.hessianVectorProduct(this.latestOutputs, outputTangent, batch, gradientTangent);
      assertFiniteResult(gradient, 'loss gradient');
      assertFiniteResult(gradientTangent, 'loss Hessian-vector product');
      this.sequence.device.queue.writeBuffer(this.whole(this.programme.outputGradients), 0, gradient);
      this.sequence.device.queue.writeBuffer(this.whole(this.programme.outputGradientTangents), 0, gradientTangent);
      return (await this.sequence.run(this.dispatch.hvpBackward, [[this.buffers.product, this.layout.parameterCount]], batch))[0]!;
    });
  }

  gaussNewtonProduct(direction: NumericArray, metric: OutputMetric): Promise<Float32Array> {
    const batch = this.requireForward('gaussNewtonProduct');
    this.setDirection(direction);
    return this.sequence.serially('gaussNewtonProduct', async () => {
      const outputTangent = await this.outputTangent(batch);
      const metricTimesTangent = new Float32Array(outputTangent.length);
      metric(this.latestOutputs, outputTangent, batch, metricTimesTangent);
      assertFiniteResult(metricTimesTangent, 'output metric product');
      this.sequence.device.queue.writeBuffer(this.whole(this.programme.outputGradients), 0, metricTimesTangent);
      return (await this.sequence.run(this.dispatch.gaussNewtonBackward, [[this.buffers.product, this.layout.parameterCount]], batch))[0]!;
    });
  }

  /** Releases this network's GPU buffers; it is unusable after. */
  destroy(): void {
    this.sequence.destroy();
  }

  /** J·v for the direction already uploaded: the tangents of the outputs, read back. */
  private async outputTangent(batch: number): Promise<Float32Array> {
    const size = batch * this.layout.outputSize;
    return (await this.sequence.run(this.dispatch.jvp, [[this.whole(this.programme.outputTangents), size]], batch))[0]!;
  }

  /**
   * The programme's steps as dispatches, with their bind groups, built now. Each step is its
   * program, except that a product over the batch (gemm 'tn', sumRows) is a split product and its
   * reduction (gemm-program.ts): two dispatches.
   */
  private dispatches(steps: readonly MLPStep[]): Step[] {
    return steps.flatMap((step): Step[] => {
      switch (step.op) {
        case 'dense':
          if (step.bias.buffer !== step.weight.buffer) throw new Error('WebGPUMLP: a dense step reads its bias from its weight\'s buffer');
          return [this.gemm('gemmNT', this.at(step.out), this.at(step.input), this.at(step.weight), 'batch', step.inputSize, step.outputSize, false, {
            biasOffset: step.bias.offset, activation: ACTIVATION_CODE[step.activation],
          })];
        case 'gemm':
          if (step.layout === 'tn') return this.batchProduct(this.at(step.c), this.at(step.a), this.at(step.b), step.m, step.k, step.n, step.accumulate);
          return [this.gemm(step.layout === 'nn' ? 'gemmNN' : 'gemmNT', this.at(step.c), this.at(step.a), this.at(step.b), step.m, step.k, step.n, step.accumulate)];
        case 'sumRows':
          // Σ_rows x as xᵀ·1.
          return this.batchProduct(this.at(step.out), this.at(step.x), { buffer: this.ones, offset: 0 }, step.columns, step.rows, 1, false);
        case 'activationBackward': {
          const { width, activation } = step;
          return [this.step('activationBackward', [this.at(step.out), this.at(step.upstream), this.at(step.y)], (batch) => ({
            n: batch * width, activation: ACTIVATION_CODE[activation],
          }))];
        }
        case 'activationBackwardTangent': {
          const { width, activation } = step;
          const operands = [this.at(step.out), this.at(step.upstreamTangent), this.at(step.upstream), this.at(step.y), this.at(step.preActivationTangent)];
          return [this.step('activationBackwardTangent', operands, (batch) => ({ n: batch * width, activation: ACTIVATION_CODE[activation] }))];
        }
      }
    });
  }

  /** target [m][n] (+)= Aᵀ·B with A [k][m], B [k][n], k rows of the batch: split over k, then reduced. */
  private batchProduct(target: Operand, a: Operand, b: Operand, m: Rows, k: Rows, n: number, accumulate: boolean): Step[] {
    const product = this.step('gemmTN', [a, b, { buffer: this.partials, offset: 0 }], (batch) => ({
      m: rows(m, batch), k: rows(k, batch), n, aOffset: a.offset, bOffset: b.offset, cOffset: 0, biasOffset: 0,
      kChunk: splitChunk(rows(k, batch)), accumulate: 0, hasBias: 0, activation: 0,
    }));
    const reduce = this.step('splitReduce', [{ buffer: this.partials, offset: 0 }, { buffer: target.buffer, offset: 0 }], (batch) => ({
      n: rows(m, batch) * n, splits: ceilDiv(rows(k, batch), splitChunk(rows(k, batch))), outOffset: target.offset, accumulate: accumulate ? 1 : 0,
    }));
    return [product, reduce];
  }

  /** C [m][n] (+)= A [m][k] · op(B), op(B) k×n; the dense epilogue when `dense` is given. */
  private gemm(
    program: 'gemmNN' | 'gemmNT', c: Operand, a: Operand, b: Operand, m: Rows, k: Rows, n: number, accumulate: boolean,
    dense?: { biasOffset: number; activation: number },
  ): Step {
    return this.step(program, [a, b, c], (batch) => ({
      m: rows(m, batch), k: rows(k, batch), n, aOffset: a.offset, bOffset: b.offset, cOffset: c.offset, biasOffset: dense?.biasOffset ?? 0,
      kChunk: rows(k, batch), accumulate: accumulate ? 1 : 0, hasBias: dense ? 1 : 0, activation: dense?.activation ?? ACTIVATION_CODE.identity,
    }));
  }

  /** A dispatch of `program` over the operands' buffers (their offsets go in the uniforms). */
  private step(program: ProgramName, operands: readonly Operand[], uniforms: (batch: number) => UniformValues): Step {
    return this.sequence.step(program, operands.map((operand) => operand.buffer), uniforms);
  }

  /** The buffer and element offset of a programme slice. */
  private at(slice: BufferSlice): Operand {
    return { buffer: bufferOf(this.buffers, slice), offset: slice.offset };
  }

  /** The buffer of a programme slice that starts its buffer (a read-back or an upload). */
  private whole(slice: BufferSlice): GPUBuffer {
    return bufferOf(this.buffers, slice);
  }

  /** Validates ∂L/∂Y for the latest forward and queues it as g_L; returns that forward's batch. */
  private uploadGradOutputs(operation: string, gradOutputs: NumericArray): number {
    const batch = this.requireForward(operation);
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    this.sequence.upload(this.whole(this.programme.outputGradients), gradOutputs);
    return batch;
  }

  private setDirection(direction: NumericArray): void {
    assertFiniteArray(direction, 'direction', this.layout.parameterCount);
    this.sequence.upload(this.buffers.direction, direction);
  }

  private requireForward(operation: string): number {
    if (this.batch === 0) throw new Error(`${operation}: call forward first; products act at the latest forward's inputs`);
    return this.batch;
  }
}
