// An MLP over WebGPU compute shaders: the same products, in the same order, as the wasm MLP
// (src/backends/wasm/wasm-mlp.ts has the notation and the math). Every GPU buffer is allocated at
// construction for maxBatch rows, and every product is a fixed list of dispatches, with its bind
// groups, built then; a call writes its inputs, encodes one compute pass and reads back what it
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
import type { LayerLayout, MLPLayout, MLPSpec } from '../../nn/mlp-layout.js';
import { ACTIVATION_CODE, layoutMLP } from '../../nn/mlp-layout.js';
import { initializeOrthogonal } from '../../nn/init.js';
import type { OutputLoss, OutputMetric } from '../../nn/output-loss.js';
import type { Random } from '../../random/prng.js';
import { assertFiniteArray, assertFiniteResult, assertInteger, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLP, type MLPOptions } from '../backend.js';
import { allocateMLPBuffers, type MLPBuffers } from '../mlp-buffers.js';
import { ceilDiv, type UniformValues } from './gpu-program.js';
import { splitChunk } from './gemm-program.js';
import { GPUSequence, type Step } from './gpu-sequence.js';
import type { CompiledPrograms, ProgramName } from './program-table.js';
import { WebGPUAdam } from './webgpu-adam.js';

/** A matrix operand: a buffer and the element offset where the matrix starts. */
interface Operand {
  readonly buffer: GPUBuffer;
  readonly offset: number;
}

const at = (buffer: GPUBuffer, offset = 0): Operand => ({ buffer, offset });

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

  private readonly forwardSteps: Step[];
  private readonly backwardSteps: Step[];
  private readonly backwardWithInputSteps: Step[];
  private readonly jvpSteps: Step[];
  private readonly secondOrderBackwardSteps: Step[];
  private readonly gaussNewtonBackwardSteps: Step[];
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

    this.forwardSteps = this.buildForward();
    this.backwardSteps = this.buildVectorJacobianProduct(this.buffers.gradients, false);
    this.backwardWithInputSteps = this.buildVectorJacobianProduct(this.buffers.gradients, true);
    this.jvpSteps = this.buildJacobianVectorProduct();
    this.secondOrderBackwardSteps = this.buildSecondOrderBackward();
    this.gaussNewtonBackwardSteps = this.buildVectorJacobianProduct(this.buffers.product, false);
    this.backwardSquaredNormSteps = [
      ...this.backwardSteps,
      this.step('squaredNorm', [this.buffers.gradients, this.squaredNorm], () => ({ n: parameterCount })),
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
    this.sequence.upload(this.buffers.outputs[0]!, inputs);
    return this.sequence.serially('forward', async () => {
      const [outputs] = await this.sequence.run(this.forwardSteps, [[this.buffers.outputs[this.layout.layers.length]!, batch * this.layout.outputSize]], batch);
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
      const [parameters, inputs] = await this.sequence.run(inputGradients ? this.backwardWithInputSteps : this.backwardSteps, reads, batch);
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
      const depth = this.layout.layers.length;
      this.sequence.device.queue.writeBuffer(this.buffers.upstream[depth % 2]!, 0, gradient);
      this.sequence.device.queue.writeBuffer(this.buffers.upstreamTangent[depth % 2]!, 0, gradientTangent);
      return (await this.sequence.run(this.secondOrderBackwardSteps, [[this.buffers.product, this.layout.parameterCount]], batch))[0]!;
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
      this.sequence.device.queue.writeBuffer(this.buffers.upstream[this.layout.layers.length % 2]!, 0, metricTimesTangent);
      return (await this.sequence.run(this.gaussNewtonBackwardSteps, [[this.buffers.product, this.layout.parameterCount]], batch))[0]!;
    });
  }

  /** Releases this network's GPU buffers; it is unusable after. */
  destroy(): void {
    this.sequence.destroy();
  }

  /** J·v for the direction already uploaded: the tangents of the outputs, read back. */
  private async outputTangent(batch: number): Promise<Float32Array> {
    const size = batch * this.layout.outputSize;
    return (await this.sequence.run(this.jvpSteps, [[this.buffers.tangents[this.layout.layers.length]!, size]], batch))[0]!;
  }

  // Building the products: the dispatch lists mirror WasmMLP's kernel calls one for one, except
  // that a product over the batch is a split product and its reduction (two dispatches).

  private buildForward(): Step[] {
    return this.layout.layers.map((layer, i) =>
      this.dense(at(this.buffers.outputs[i + 1]!), at(this.buffers.outputs[i]!), this.buffers.parameters, layer, ACTIVATION_CODE[layer.activation]));
  }

  /** Backward from g_L (in upstream[L mod 2]) into `target`'s layer blocks. */
  private buildVectorJacobianProduct(target: GPUBuffer, inputGradients: boolean): Step[] {
    const steps: Step[] = [];
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const kind = ACTIVATION_CODE[layer.activation];
      const upstream = this.buffers.upstream[l % 2]!;
      const delta = kind === ACTIVATION_CODE.identity ? upstream : this.buffers.delta;
      if (delta !== upstream) steps.push(this.activationBackward(delta, upstream, this.buffers.outputs[l]!, layer));
      steps.push(...this.weightGradient(at(target, layer.weightOffset), delta, this.buffers.outputs[l - 1]!, layer, false));
      steps.push(...this.biasGradient(at(target, layer.biasOffset), delta, layer));
      const weight = at(this.buffers.parameters, layer.weightOffset);
      if (l > 1) steps.push(this.backThroughWeight(at(this.buffers.upstream[(l - 1) % 2]!), delta, weight, layer, false));
      else if (inputGradients) steps.push(this.backThroughWeight(at(this.buffers.inputGradients), delta, weight, layer, false));
    }
    return steps;
  }

  /** ż_l and ẏ_l for every layer, for the direction in directionBuffer. */
  private buildJacobianVectorProduct(): Step[] {
    return this.layout.layers.flatMap((layer, i) => {
      const l = i + 1;
      const preTangent = at(this.buffers.preActivationTangents[l]!);
      const steps = [this.dense(preTangent, at(this.buffers.outputs[l - 1]!), this.buffers.direction, layer, ACTIVATION_CODE.identity)];
      if (l > 1) steps.push(this.gemm('gemmNT', preTangent, at(this.buffers.tangents[l - 1]!), at(this.buffers.parameters, layer.weightOffset), layer.inputSize, layer.outputSize, true));
      steps.push(this.activationBackward(this.buffers.tangents[l]!, this.buffers.preActivationTangents[l]!, this.buffers.outputs[l]!, layer));
      return steps;
    });
  }

  /** The R-operator of the backward pass: H·v into productBuffer. */
  private buildSecondOrderBackward(): Step[] {
    const steps: Step[] = [];
    const product = this.buffers.product;
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const upstream = this.buffers.upstream[l % 2]!;
      const upstreamTangent = this.buffers.upstreamTangent[l % 2]!;
      const linear = layer.activation === 'identity';
      const delta = linear ? upstream : this.buffers.delta;
      const deltaTangent = linear ? upstreamTangent : this.buffers.deltaTangent;
      if (!linear) {
        steps.push(this.activationBackward(delta, upstream, this.buffers.outputs[l]!, layer));
        steps.push(this.step('activationBackwardTangent', [deltaTangent, upstreamTangent, upstream, this.buffers.outputs[l]!, this.buffers.preActivationTangents[l]!], (batch) => ({
          n: batch * layer.outputSize, activation: ACTIVATION_CODE[layer.activation],
        })));
      }
      steps.push(...this.weightGradient(at(product, layer.weightOffset), deltaTangent, this.buffers.outputs[l - 1]!, layer, false));
      steps.push(...this.biasGradient(at(product, layer.biasOffset), deltaTangent, layer));
      if (l > 1) {
        steps.push(...this.weightGradient(at(product, layer.weightOffset), delta, this.buffers.tangents[l - 1]!, layer, true));
        const weight = at(this.buffers.parameters, layer.weightOffset);
        steps.push(this.backThroughWeight(at(this.buffers.upstream[(l - 1) % 2]!), delta, weight, layer, false));
        steps.push(this.backThroughWeight(at(this.buffers.upstreamTangent[(l - 1) % 2]!), deltaTangent, weight, layer, false));
        steps.push(this.backThroughWeight(at(this.buffers.upstreamTangent[(l - 1) % 2]!), delta, at(this.buffers.direction, layer.weightOffset), layer, true));
      }
    }
    return steps;
  }

  /** out ← a(x·Wᵀ + b), W and b the layer's blocks of `weights` (parameters or a direction). */
  private dense(out: Operand, x: Operand, weights: GPUBuffer, layer: LayerLayout, activation: number): Step {
    return this.gemm('gemmNT', out, x, at(weights, layer.weightOffset), layer.inputSize, layer.outputSize, false, { biasOffset: layer.biasOffset, activation });
  }

  /** out ← upstream ⊙ a'(y) over the layer's outputs. */
  private activationBackward(out: GPUBuffer, upstream: GPUBuffer, y: GPUBuffer, layer: LayerLayout): Step {
    return this.step('activationBackward', [out, upstream, y], (batch) => ({ n: batch * layer.outputSize, activation: ACTIVATION_CODE[layer.activation] }));
  }

  /** out [batch][in] (+)= δ [batch][out] · W [out][in]. */
  private backThroughWeight(out: Operand, delta: GPUBuffer, weight: Operand, layer: LayerLayout, accumulate: boolean): Step {
    return this.gemm('gemmNN', out, at(delta), weight, layer.outputSize, layer.inputSize, accumulate);
  }

  /** target [out][in] (+)= δᵀ · x over the batch. */
  private weightGradient(target: Operand, delta: GPUBuffer, x: GPUBuffer, layer: LayerLayout, accumulate: boolean): Step[] {
    return this.batchProduct(target, delta, x, layer.outputSize, layer.inputSize, accumulate);
  }

  /** target [out] ← Σ_rows δ, as δᵀ·1. */
  private biasGradient(target: Operand, delta: GPUBuffer, layer: LayerLayout): Step[] {
    return this.batchProduct(target, delta, this.ones, layer.outputSize, 1, false);
  }

  /** target [m][n] (+)= Aᵀ·B with A [batch][m], B [batch][n]: split over the batch, then reduced. */
  private batchProduct(target: Operand, a: GPUBuffer, b: GPUBuffer, m: number, n: number, accumulate: boolean): Step[] {
    const product = this.step('gemmTN', [a, b, this.partials], (batch) => ({
      m, k: batch, n, aOffset: 0, bOffset: 0, cOffset: 0, biasOffset: 0, kChunk: splitChunk(batch), accumulate: 0, hasBias: 0, activation: 0,
    }));
    const reduce = this.step('splitReduce', [this.partials, target.buffer], (batch) => ({
      n: m * n, splits: ceilDiv(batch, splitChunk(batch)), outOffset: target.offset, accumulate: accumulate ? 1 : 0,
    }));
    return [product, reduce];
  }

  /** C [batch][n] (+)= A [batch][k] · op(B), op(B) k×n; the dense epilogue when `dense` is given. */
  private gemm(
    program: 'gemmNN' | 'gemmNT', c: Operand, a: Operand, b: Operand, k: number, n: number, accumulate: boolean,
    dense?: { biasOffset: number; activation: number },
  ): Step {
    return this.step(program, [a.buffer, b.buffer, c.buffer], (batch) => ({
      m: batch, k, n, aOffset: a.offset, bOffset: b.offset, cOffset: c.offset, biasOffset: dense?.biasOffset ?? 0,
      kChunk: k, accumulate: accumulate ? 1 : 0, hasBias: dense ? 1 : 0, activation: dense?.activation ?? ACTIVATION_CODE.identity,
    }));
  }

  private step(program: ProgramName, buffers: GPUBuffer[], uniforms: (batch: number) => UniformValues): Step {
    return this.sequence.step(program, buffers, uniforms);
  }

  /** Validates ∂L/∂Y for the latest forward and queues it as g_L; returns that forward's batch. */
  private uploadGradOutputs(operation: string, gradOutputs: NumericArray): number {
    const batch = this.requireForward(operation);
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    this.sequence.upload(this.buffers.upstream[this.layout.layers.length % 2]!, gradOutputs);
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
