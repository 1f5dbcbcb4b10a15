// An MLP over the WebAssembly kernels. Every buffer is allocated once, at construction, and every
// product of the programme (mlp-programme.ts, which has the notation and the math) is compiled
// then into kernel calls on fixed pointers: a call runs them with the batch of the latest forward,
// allocating nothing.
import type { Arena, ArenaArray } from '../../engine/arena.js';
import type { DType, KernelSet } from '../../engine/wasm-module.js';
import { initializeOrthogonal } from '../../nn/init.js';
import { ACTIVATION_CODE, layoutMLP, type MLPLayout, type MLPSpec } from '../../nn/mlp-layout.js';
import type { OutputLoss, OutputMetric } from '../../nn/output-loss.js';
import type { AdamOptions } from '../../nn/adam.js';
import { regressionEpoch, type RegressionEpochResult } from '../../nn/regression-epoch.js';
import type { Random } from '../../random/prng.js';
import { assertFiniteArray, assertFiniteResult, assertInteger, type FloatArray, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLP, type MLPOptions, type NetworkAdam } from '../backend.js';
import { allocateMLPBuffers, bufferOf, type BufferSlice, type MLPBuffers } from '../mlp-buffers.js';
import { buildMLPProgramme, compilePhases, type MLPProgramme, type MLPStep, type PerPhase, type Rows } from '../mlp-programme.js';
import { WasmAdam } from './wasm-adam.js';

/** A product's steps, compiled: runs them for `batch` rows. */
type CompiledSteps = (batch: number) => void;

export class WasmMLP implements MLP {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  private readonly buffers: MLPBuffers<ArenaArray>;
  private readonly programme: MLPProgramme;
  /** Each phase of the programme, compiled. */
  private readonly run: PerPhase<CompiledSteps>;
  /** Rows of the latest forward; 0 before the first. */
  private batch = 0;

  constructor(private readonly kernels: KernelSet, private readonly arena: Arena, private readonly dtype: DType, spec: MLPSpec, options: MLPOptions = {}) {
    this.layout = layoutMLP(spec);
    const maxBatch = options.maxBatch ?? 1;
    assertInteger(maxBatch, 'maxBatch', 1, MAX_BATCH);
    this.maxBatch = maxBatch;
    this.buffers = allocateMLPBuffers(this.layout, maxBatch, (length) => arena.allocate(dtype, length));
    const programme = buildMLPProgramme(this.layout);
    this.programme = programme;
    this.run = compilePhases(programme, (steps) => this.compile(steps));
  }

  /** The parameters as a live, zero-copy view of wasm memory. */
  get parameters(): FloatArray {
    return this.buffers.parameters.array;
  }

  /** The latest backward's parameter gradient as a live, zero-copy view. */
  get gradients(): FloatArray {
    return this.buffers.gradients.array;
  }

  readParameters(): FloatArray {
    return this.parameters;
  }

  readGradients(): FloatArray {
    return this.gradients;
  }

  setParameters(values: NumericArray): void {
    assertFiniteArray(values, 'parameters', this.layout.parameterCount);
    this.buffers.parameters.array.set(values);
  }

  initOrthogonal(random: Random, gains?: readonly number[]): void {
    initializeOrthogonal(this.buffers.parameters.array, this.layout, random, gains);
  }

  forward(inputs: NumericArray, batch: number): FloatArray {
    assertInteger(batch, 'batch', 1, this.maxBatch);
    assertFiniteArray(inputs, 'inputs', batch * this.layout.inputSize);
    this.view(this.programme.inputs).array.set(inputs);
    this.run.forward(batch);
    this.batch = batch;
    return this.view(this.programme.outputs).head(batch * this.layout.outputSize);
  }

  backward(gradOutputs: NumericArray, options: { inputGradients?: boolean } = {}): { parameters: FloatArray; inputs?: FloatArray } {
    const batch = this.requireForward('backward');
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    this.view(this.programme.outputGradients).array.set(gradOutputs);
    const inputGradients = options.inputGradients === true;
    (inputGradients ? this.run.backwardWithInputGradients : this.run.backward)(batch);
    const parameters = this.buffers.gradients.array;
    return inputGradients ? { parameters, inputs: this.buffers.inputGradients.head(batch * this.layout.inputSize) } : { parameters };
  }

  backwardSquaredNorm(gradOutputs: NumericArray): number {
    this.backward(gradOutputs);
    return this.kernels.sumOfSquares(this.buffers.gradients.pointer, this.layout.parameterCount);
  }

  createAdam(options?: AdamOptions): WasmAdam {
    return new WasmAdam(this.kernels, this.arena, this.buffers.parameters, this.buffers.gradients, options);
  }

  regressionEpoch(optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, minibatches: readonly Int32Array[]): Promise<RegressionEpochResult> {
    return regressionEpoch(this, optimizer, observations, targets, minibatches);
  }

  jvp(direction: NumericArray): FloatArray {
    return this.outputTangents('jvp', direction);
  }

  hvp(direction: NumericArray, loss: OutputLoss): FloatArray {
    const outputTangents = this.outputTangents('hvp', direction);
    const outputs = this.outputs();
    const gradient = this.head(this.programme.outputGradients);
    const gradientTangent = this.head(this.programme.outputGradientTangents);
    loss.gradient(outputs, this.batch, gradient);
    loss.hessianVectorProduct(outputs, outputTangents, this.batch, gradientTangent);
    assertFiniteResult(gradient, 'loss gradient');
    assertFiniteResult(gradientTangent, 'loss Hessian-vector product');
    this.run.hvpBackward(this.batch);
    return this.buffers.product.array;
  }

  gaussNewtonProduct(direction: NumericArray, metric: OutputMetric): FloatArray {
    const outputTangents = this.outputTangents('gaussNewtonProduct', direction);
    const metricTimesTangent = this.head(this.programme.outputGradients);
    metric(this.outputs(), outputTangents, this.batch, metricTimesTangent);
    assertFiniteResult(metricTimesTangent, 'output metric product');
    this.run.gaussNewtonBackward(this.batch);
    return this.buffers.product.array;
  }

  /** J·v at the latest forward for `direction`: the first phase of jvp, hvp and gaussNewtonProduct. */
  private outputTangents(operation: string, direction: NumericArray): FloatArray {
    const batch = this.requireForward(operation);
    assertFiniteArray(direction, 'direction', this.layout.parameterCount);
    this.buffers.direction.array.set(direction);
    this.run.jvp(batch);
    return this.head(this.programme.outputTangents);
  }

  private outputs(): FloatArray {
    return this.head(this.programme.outputs);
  }

  /** The latest forward's batch of rows [batch][outputSize] of the output-side buffer at `slice`. */
  private head(slice: BufferSlice): FloatArray {
    return this.view(slice).head(this.batch * this.layout.outputSize);
  }

  private view(slice: BufferSlice): ArenaArray {
    return bufferOf(this.buffers, slice);
  }

  /** The steps as kernel calls on their pointers, fixed now; only the batch varies per call. */
  private compile(steps: readonly MLPStep[]): CompiledSteps {
    const calls = steps.map((step) => this.compileStep(step));
    return (batch) => {
      for (let i = 0; i < calls.length; i++) calls[i]!(batch);
    };
  }

  private compileStep(step: MLPStep): CompiledSteps {
    const k = this.kernels;
    const at = (slice: BufferSlice) => this.view(slice).pointer + slice.offset * (this.dtype === 'f32' ? 4 : 8);
    /** A fixed count of rows, or −1 for the batch. */
    const rows = (count: Rows) => (count === 'batch' ? -1 : count);
    switch (step.op) {
      case 'dense': {
        const [out, input, weight, bias] = [at(step.out), at(step.input), at(step.weight), at(step.bias)];
        const { inputSize, outputSize } = step;
        const code = ACTIVATION_CODE[step.activation];
        return (batch) => k.denseForward(out, input, weight, bias, batch, inputSize, outputSize, code);
      }
      case 'gemm': {
        const [c, a, b] = [at(step.c), at(step.a), at(step.b)];
        const [m, kk, n] = [rows(step.m), rows(step.k), step.n];
        const accumulate = step.accumulate ? 1 : 0;
        const gemm = step.layout === 'nn' ? k.gemmNN : step.layout === 'nt' ? k.gemmNT : k.gemmTN;
        return (batch) => gemm(c, a, b, m < 0 ? batch : m, kk < 0 ? batch : kk, n, accumulate);
      }
      case 'sumRows': {
        const [out, x, count, columns] = [at(step.out), at(step.x), rows(step.rows), step.columns];
        return (batch) => k.sumRows(out, x, count < 0 ? batch : count, columns, 0);
      }
      case 'activationBackward': {
        const [out, upstream, y, width] = [at(step.out), at(step.upstream), at(step.y), step.width];
        const code = ACTIVATION_CODE[step.activation];
        return (batch) => k.activationBackward(out, upstream, y, batch * width, code);
      }
      case 'activationBackwardTangent': {
        const [out, upstreamTangent, upstream, y, preActivationTangent] = [at(step.out), at(step.upstreamTangent), at(step.upstream), at(step.y), at(step.preActivationTangent)];
        const { width } = step;
        const code = ACTIVATION_CODE[step.activation];
        return (batch) => k.activationBackwardTangent(out, upstreamTangent, upstream, y, preActivationTangent, batch * width, code);
      }
    }
  }

  private requireForward(operation: string): number {
    if (this.batch === 0) throw new Error(`${operation}: call forward first; products act at the latest forward's inputs`);
    return this.batch;
  }
}
