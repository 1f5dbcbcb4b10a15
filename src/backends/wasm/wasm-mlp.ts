// An MLP over the WebAssembly kernels. Every buffer is allocated once, at construction; each
// product is a fixed sequence of kernel calls on pointers.
//
// Notation (layer l = 1..L, y₀ = X): z_l = y_{l−1} W_lᵀ + b_l, y_l = a_l(z_l).
//   backward   g_l = ∂L/∂y_l;  δ_l = g_l ⊙ a'_l;  ∂W_l = δ_lᵀ y_{l−1};  ∂b_l = Σ_rows δ_l;  g_{l−1} = δ_l W_l
//   jvp        ż_l = y_{l−1} V_lᵀ + v_bl + ẏ_{l−1} W_lᵀ;  ẏ_l = a'_l ⊙ ż_l   (ẏ₀ = 0)
//   hvp        the R-operator (dot) of the backward pass: δ̇_l = ġ_l ⊙ a'_l + g_l ⊙ a''_l ⊙ ż_l,
//              (Hv)_W_l = δ̇_lᵀ y_{l−1} + δ_lᵀ ẏ_{l−1},  (Hv)_b_l = Σ_rows δ̇_l,  ġ_{l−1} = δ̇_l W_l + δ_l V_l
//   Gauss–Newton   J v by jvp, then M·(J v), then backward with that as ∂L/∂Y
import type { Arena, ArenaArray } from '../../engine/arena.js';
import type { DType, KernelSet } from '../../engine/wasm-module.js';
import { initializeOrthogonal } from '../../nn/init.js';
import { ACTIVATION_CODE, layoutMLP, type MLPLayout, type MLPSpec } from '../../nn/mlp-layout.js';
import type { OutputLoss, OutputMetric } from '../../nn/output-loss.js';
import type { AdamOptions } from '../../nn/adam.js';
import type { Random } from '../../random/prng.js';
import { assertFiniteArray, assertFiniteResult, assertInteger, type FloatArray, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLP, type MLPOptions } from '../backend.js';
import { allocateMLPBuffers, type MLPBuffers } from '../mlp-buffers.js';
import { WasmAdam } from './wasm-adam.js';

export class WasmMLP implements MLP {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  private readonly buffers: MLPBuffers<ArenaArray>;
  /** Rows of the latest forward; 0 before the first. */
  private batch = 0;

  constructor(private readonly kernels: KernelSet, arena: Arena, private readonly dtype: DType, spec: MLPSpec, options: MLPOptions = {}) {
    this.layout = layoutMLP(spec);
    const maxBatch = options.maxBatch ?? 1;
    assertInteger(maxBatch, 'maxBatch', 1, MAX_BATCH);
    this.maxBatch = maxBatch;
    this.buffers = allocateMLPBuffers(this.layout, maxBatch, (length) => arena.allocate(dtype, length));
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
    this.buffers.outputs[0]!.array.set(inputs);
    const parameters = this.buffers.parameters.pointer;
    this.layout.layers.forEach((layer, i) => {
      this.kernels.denseForward(
        this.buffers.outputs[i + 1]!.pointer, this.buffers.outputs[i]!.pointer, parameters + this.bytes(layer.weightOffset),
        parameters + this.bytes(layer.biasOffset), batch, layer.inputSize, layer.outputSize, ACTIVATION_CODE[layer.activation],
      );
    });
    this.batch = batch;
    return this.buffers.outputs[this.buffers.outputs.length - 1]!.head(batch * this.layout.outputSize);
  }

  backward(gradOutputs: NumericArray, options: { inputGradients?: boolean } = {}): { parameters: FloatArray; inputs?: FloatArray } {
    const batch = this.requireForward('backward');
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    const top = this.buffers.upstream[this.layout.layers.length % 2]!;
    top.array.set(gradOutputs);
    this.vectorJacobianProduct(this.buffers.gradients, options.inputGradients === true);
    const parameters = this.buffers.gradients.array;
    return options.inputGradients ? { parameters, inputs: this.buffers.inputGradients.head(batch * this.layout.inputSize) } : { parameters };
  }

  backwardSquaredNorm(gradOutputs: NumericArray): number {
    const gradient = this.backward(gradOutputs).parameters;
    let sumOfSquares = 0;
    for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i]! * gradient[i]!;
    return sumOfSquares;
  }

  createAdam(options?: AdamOptions): WasmAdam {
    return new WasmAdam(this, this.layout.parameterCount, options);
  }

  jvp(direction: NumericArray): FloatArray {
    const batch = this.requireForward('jvp');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    return this.buffers.tangents[this.layout.layers.length]!.head(batch * this.layout.outputSize);
  }

  hvp(direction: NumericArray, loss: OutputLoss): FloatArray {
    const batch = this.requireForward('hvp');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    const depth = this.layout.layers.length;
    const size = batch * this.layout.outputSize;
    const outputs = this.buffers.outputs[depth]!.head(size);
    loss.gradient(outputs, batch, this.buffers.upstream[depth % 2]!.head(size));
    loss.hessianVectorProduct(outputs, this.buffers.tangents[depth]!.head(size), batch, this.buffers.upstreamTangent[depth % 2]!.head(size));
    assertFiniteResult(this.buffers.upstream[depth % 2]!.head(size), 'loss gradient');
    assertFiniteResult(this.buffers.upstreamTangent[depth % 2]!.head(size), 'loss Hessian-vector product');
    this.secondOrderBackward();
    return this.buffers.product.array;
  }

  gaussNewtonProduct(direction: NumericArray, metric: OutputMetric): FloatArray {
    const batch = this.requireForward('gaussNewtonProduct');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    const depth = this.layout.layers.length;
    const size = batch * this.layout.outputSize;
    const metricTimesTangent = this.buffers.upstream[depth % 2]!.head(size);
    metric(this.buffers.outputs[depth]!.head(size), this.buffers.tangents[depth]!.head(size), batch, metricTimesTangent);
    assertFiniteResult(metricTimesTangent, 'output metric product');
    this.vectorJacobianProduct(this.buffers.product, false);
    return this.buffers.product.array;
  }

  /** Backward from g_L (already in upstream[L mod 2]) into `target`'s layer blocks. */
  private vectorJacobianProduct(target: ArenaArray, inputGradients: boolean): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.buffers.parameters.pointer;
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const kind = ACTIVATION_CODE[layer.activation];
      const upstream = this.buffers.upstream[l % 2]!.pointer;
      const delta = kind === ACTIVATION_CODE.identity ? upstream : this.buffers.delta.pointer;
      if (delta !== upstream) k.activationBackward(delta, upstream, this.buffers.outputs[l]!.pointer, batch * layer.outputSize, kind);
      const input = this.buffers.outputs[l - 1]!.pointer;
      k.gemmTN(target.pointer + this.bytes(layer.weightOffset), delta, input, layer.outputSize, batch, layer.inputSize, 0);
      k.sumRows(target.pointer + this.bytes(layer.biasOffset), delta, batch, layer.outputSize, 0);
      const weight = parameters + this.bytes(layer.weightOffset);
      if (l > 1) k.gemmNN(this.buffers.upstream[(l - 1) % 2]!.pointer, delta, weight, batch, layer.outputSize, layer.inputSize, 0);
      else if (inputGradients) k.gemmNN(this.buffers.inputGradients.pointer, delta, weight, batch, layer.outputSize, layer.inputSize, 0);
    }
  }

  /** ż_l and ẏ_l for every layer, for the direction in directionBuffer. */
  private jacobianVectorProduct(): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.buffers.parameters.pointer;
    const direction = this.buffers.direction.pointer;
    this.layout.layers.forEach((layer, i) => {
      const l = i + 1;
      const preTangent = this.buffers.preActivationTangents[l]!.pointer;
      k.denseForward(
        preTangent, this.buffers.outputs[l - 1]!.pointer, direction + this.bytes(layer.weightOffset),
        direction + this.bytes(layer.biasOffset), batch, layer.inputSize, layer.outputSize, ACTIVATION_CODE.identity,
      );
      if (l > 1) {
        k.gemmNT(preTangent, this.buffers.tangents[l - 1]!.pointer, parameters + this.bytes(layer.weightOffset), batch, layer.inputSize, layer.outputSize, 1);
      }
      k.activationBackward(this.buffers.tangents[l]!.pointer, preTangent, this.buffers.outputs[l]!.pointer, batch * layer.outputSize, ACTIVATION_CODE[layer.activation]);
    });
  }

  /** The R-operator of the backward pass: H·v into productBuffer (the gradient itself is not formed). */
  private secondOrderBackward(): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.buffers.parameters.pointer;
    const direction = this.buffers.direction.pointer;
    const product = this.buffers.product.pointer;
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const kind = ACTIVATION_CODE[layer.activation];
      const size = batch * layer.outputSize;
      const upstream = this.buffers.upstream[l % 2]!.pointer;
      const upstreamTangent = this.buffers.upstreamTangent[l % 2]!.pointer;
      const output = this.buffers.outputs[l]!.pointer;
      const linear = kind === ACTIVATION_CODE.identity;
      const delta = linear ? upstream : this.buffers.delta.pointer;
      const deltaTangent = linear ? upstreamTangent : this.buffers.deltaTangent.pointer;
      if (!linear) {
        k.activationBackward(delta, upstream, output, size, kind);
        k.activationBackwardTangent(deltaTangent, upstreamTangent, upstream, output, this.buffers.preActivationTangents[l]!.pointer, size, kind);
      }
      const input = this.buffers.outputs[l - 1]!.pointer;
      const weightBytes = this.bytes(layer.weightOffset);
      const biasBytes = this.bytes(layer.biasOffset);
      k.gemmTN(product + weightBytes, deltaTangent, input, layer.outputSize, batch, layer.inputSize, 0);
      k.sumRows(product + biasBytes, deltaTangent, batch, layer.outputSize, 0);
      if (l > 1) {
        k.gemmTN(product + weightBytes, delta, this.buffers.tangents[l - 1]!.pointer, layer.outputSize, batch, layer.inputSize, 1);
        const nextUpstream = this.buffers.upstream[(l - 1) % 2]!.pointer;
        const nextUpstreamTangent = this.buffers.upstreamTangent[(l - 1) % 2]!.pointer;
        k.gemmNN(nextUpstream, delta, parameters + weightBytes, batch, layer.outputSize, layer.inputSize, 0);
        k.gemmNN(nextUpstreamTangent, deltaTangent, parameters + weightBytes, batch, layer.outputSize, layer.inputSize, 0);
        k.gemmNN(nextUpstreamTangent, delta, direction + weightBytes, batch, layer.outputSize, layer.inputSize, 1);
      }
    }
  }

  private setDirection(direction: NumericArray): void {
    assertFiniteArray(direction, 'direction', this.layout.parameterCount);
    this.buffers.direction.array.set(direction);
  }

  private requireForward(operation: string): number {
    if (this.batch === 0) throw new Error(`${operation}: call forward first; products act at the latest forward's inputs`);
    return this.batch;
  }

  private bytes(elements: number): number {
    return elements * (this.dtype === 'f32' ? 4 : 8);
  }
}
