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
import type { Random } from '../../random/prng.js';
import { assertFiniteArray, assertFiniteResult, assertInteger, type FloatArray, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLP, type MLPOptions } from '../backend.js';

export class WasmMLP implements MLP {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  private readonly parameterBuffer: ArenaArray;
  private readonly gradientBuffer: ArenaArray;
  private readonly directionBuffer: ArenaArray;
  private readonly productBuffer: ArenaArray;
  /** y₀ (the inputs) … y_L. */
  private readonly outputs: ArenaArray[];
  /** ż_l and ẏ_l; index 0 unused (ẏ₀ = 0). */
  private readonly preActivationTangents: ArenaArray[];
  private readonly tangents: ArenaArray[];
  /** Ping-pong buffers for g_l and ġ_l, and scratch for δ_l and δ̇_l. */
  private readonly upstream: [ArenaArray, ArenaArray];
  private readonly upstreamTangent: [ArenaArray, ArenaArray];
  private readonly delta: ArenaArray;
  private readonly deltaTangent: ArenaArray;
  private readonly inputGradientBuffer: ArenaArray;
  /** Rows of the latest forward; 0 before the first. */
  private batch = 0;

  constructor(private readonly kernels: KernelSet, arena: Arena, private readonly dtype: DType, spec: MLPSpec, options: MLPOptions = {}) {
    this.layout = layoutMLP(spec);
    const maxBatch = options.maxBatch ?? 1;
    assertInteger(maxBatch, 'maxBatch', 1, MAX_BATCH);
    this.maxBatch = maxBatch;
    const { parameterCount, maxHiddenWidth } = this.layout;
    const sizes = this.layout.spec.sizes;
    const allocate = (length: number): ArenaArray => arena.allocate(dtype, length);
    this.parameterBuffer = allocate(parameterCount);
    this.gradientBuffer = allocate(parameterCount);
    this.directionBuffer = allocate(parameterCount);
    this.productBuffer = allocate(parameterCount);
    this.outputs = sizes.map((size) => allocate(maxBatch * size));
    this.preActivationTangents = sizes.map((size, l) => allocate(l === 0 ? 0 : maxBatch * size));
    this.tangents = sizes.map((size, l) => allocate(l === 0 ? 0 : maxBatch * size));
    const scratch = maxBatch * maxHiddenWidth;
    this.upstream = [allocate(scratch), allocate(scratch)];
    this.upstreamTangent = [allocate(scratch), allocate(scratch)];
    this.delta = allocate(scratch);
    this.deltaTangent = allocate(scratch);
    this.inputGradientBuffer = allocate(maxBatch * this.layout.inputSize);
  }

  /** The parameters as a live, zero-copy view of wasm memory. */
  get parameters(): FloatArray {
    return this.parameterBuffer.array;
  }

  /** The latest backward's parameter gradient as a live, zero-copy view. */
  get gradients(): FloatArray {
    return this.gradientBuffer.array;
  }

  readParameters(): FloatArray {
    return this.parameters;
  }

  readGradients(): FloatArray {
    return this.gradients;
  }

  setParameters(values: NumericArray): void {
    assertFiniteArray(values, 'parameters', this.layout.parameterCount);
    this.parameterBuffer.array.set(values);
  }

  initOrthogonal(random: Random, gains?: readonly number[]): void {
    initializeOrthogonal(this.parameterBuffer.array, this.layout, random, gains);
  }

  forward(inputs: NumericArray, batch: number): FloatArray {
    assertInteger(batch, 'batch', 1, this.maxBatch);
    assertFiniteArray(inputs, 'inputs', batch * this.layout.inputSize);
    this.outputs[0]!.array.set(inputs);
    const parameters = this.parameterBuffer.pointer;
    this.layout.layers.forEach((layer, i) => {
      this.kernels.denseForward(
        this.outputs[i + 1]!.pointer, this.outputs[i]!.pointer, parameters + this.bytes(layer.weightOffset),
        parameters + this.bytes(layer.biasOffset), batch, layer.inputSize, layer.outputSize, ACTIVATION_CODE[layer.activation],
      );
    });
    this.batch = batch;
    return this.outputs[this.outputs.length - 1]!.head(batch * this.layout.outputSize);
  }

  backward(gradOutputs: NumericArray, options: { inputGradients?: boolean } = {}): { parameters: FloatArray; inputs?: FloatArray } {
    const batch = this.requireForward('backward');
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    const top = this.upstream[this.layout.layers.length % 2]!;
    top.array.set(gradOutputs);
    this.vectorJacobianProduct(this.gradientBuffer, options.inputGradients === true);
    const parameters = this.gradientBuffer.array;
    return options.inputGradients ? { parameters, inputs: this.inputGradientBuffer.head(batch * this.layout.inputSize) } : { parameters };
  }

  jvp(direction: NumericArray): FloatArray {
    const batch = this.requireForward('jvp');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    return this.tangents[this.layout.layers.length]!.head(batch * this.layout.outputSize);
  }

  hvp(direction: NumericArray, loss: OutputLoss): FloatArray {
    const batch = this.requireForward('hvp');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    const depth = this.layout.layers.length;
    const size = batch * this.layout.outputSize;
    const outputs = this.outputs[depth]!.head(size);
    loss.gradient(outputs, batch, this.upstream[depth % 2]!.head(size));
    loss.hessianVectorProduct(outputs, this.tangents[depth]!.head(size), batch, this.upstreamTangent[depth % 2]!.head(size));
    assertFiniteResult(this.upstream[depth % 2]!.head(size), 'loss gradient');
    assertFiniteResult(this.upstreamTangent[depth % 2]!.head(size), 'loss Hessian-vector product');
    this.secondOrderBackward();
    return this.productBuffer.array;
  }

  gaussNewtonProduct(direction: NumericArray, metric: OutputMetric): FloatArray {
    const batch = this.requireForward('gaussNewtonProduct');
    this.setDirection(direction);
    this.jacobianVectorProduct();
    const depth = this.layout.layers.length;
    const size = batch * this.layout.outputSize;
    const metricTimesTangent = this.upstream[depth % 2]!.head(size);
    metric(this.outputs[depth]!.head(size), this.tangents[depth]!.head(size), batch, metricTimesTangent);
    assertFiniteResult(metricTimesTangent, 'output metric product');
    this.vectorJacobianProduct(this.productBuffer, false);
    return this.productBuffer.array;
  }

  /** Backward from g_L (already in upstream[L mod 2]) into `target`'s layer blocks. */
  private vectorJacobianProduct(target: ArenaArray, inputGradients: boolean): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.parameterBuffer.pointer;
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const kind = ACTIVATION_CODE[layer.activation];
      const upstream = this.upstream[l % 2]!.pointer;
      const delta = kind === ACTIVATION_CODE.identity ? upstream : this.delta.pointer;
      if (delta !== upstream) k.activationBackward(delta, upstream, this.outputs[l]!.pointer, batch * layer.outputSize, kind);
      const input = this.outputs[l - 1]!.pointer;
      k.gemmTN(target.pointer + this.bytes(layer.weightOffset), delta, input, layer.outputSize, batch, layer.inputSize, 0);
      k.sumRows(target.pointer + this.bytes(layer.biasOffset), delta, batch, layer.outputSize, 0);
      const weight = parameters + this.bytes(layer.weightOffset);
      if (l > 1) k.gemmNN(this.upstream[(l - 1) % 2]!.pointer, delta, weight, batch, layer.outputSize, layer.inputSize, 0);
      else if (inputGradients) k.gemmNN(this.inputGradientBuffer.pointer, delta, weight, batch, layer.outputSize, layer.inputSize, 0);
    }
  }

  /** ż_l and ẏ_l for every layer, for the direction in directionBuffer. */
  private jacobianVectorProduct(): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.parameterBuffer.pointer;
    const direction = this.directionBuffer.pointer;
    this.layout.layers.forEach((layer, i) => {
      const l = i + 1;
      const preTangent = this.preActivationTangents[l]!.pointer;
      k.denseForward(
        preTangent, this.outputs[l - 1]!.pointer, direction + this.bytes(layer.weightOffset),
        direction + this.bytes(layer.biasOffset), batch, layer.inputSize, layer.outputSize, ACTIVATION_CODE.identity,
      );
      if (l > 1) {
        k.gemmNT(preTangent, this.tangents[l - 1]!.pointer, parameters + this.bytes(layer.weightOffset), batch, layer.inputSize, layer.outputSize, 1);
      }
      k.activationBackward(this.tangents[l]!.pointer, preTangent, this.outputs[l]!.pointer, batch * layer.outputSize, ACTIVATION_CODE[layer.activation]);
    });
  }

  /** The R-operator of the backward pass: H·v into productBuffer (the gradient itself is not formed). */
  private secondOrderBackward(): void {
    const k = this.kernels;
    const batch = this.batch;
    const parameters = this.parameterBuffer.pointer;
    const direction = this.directionBuffer.pointer;
    const product = this.productBuffer.pointer;
    for (let l = this.layout.layers.length; l >= 1; l--) {
      const layer = this.layout.layers[l - 1]!;
      const kind = ACTIVATION_CODE[layer.activation];
      const size = batch * layer.outputSize;
      const upstream = this.upstream[l % 2]!.pointer;
      const upstreamTangent = this.upstreamTangent[l % 2]!.pointer;
      const output = this.outputs[l]!.pointer;
      const linear = kind === ACTIVATION_CODE.identity;
      const delta = linear ? upstream : this.delta.pointer;
      const deltaTangent = linear ? upstreamTangent : this.deltaTangent.pointer;
      if (!linear) {
        k.activationBackward(delta, upstream, output, size, kind);
        k.activationBackwardTangent(deltaTangent, upstreamTangent, upstream, output, this.preActivationTangents[l]!.pointer, size, kind);
      }
      const input = this.outputs[l - 1]!.pointer;
      const weightBytes = this.bytes(layer.weightOffset);
      const biasBytes = this.bytes(layer.biasOffset);
      k.gemmTN(product + weightBytes, deltaTangent, input, layer.outputSize, batch, layer.inputSize, 0);
      k.sumRows(product + biasBytes, deltaTangent, batch, layer.outputSize, 0);
      if (l > 1) {
        k.gemmTN(product + weightBytes, delta, this.tangents[l - 1]!.pointer, layer.outputSize, batch, layer.inputSize, 1);
        const nextUpstream = this.upstream[(l - 1) % 2]!.pointer;
        const nextUpstreamTangent = this.upstreamTangent[(l - 1) % 2]!.pointer;
        k.gemmNN(nextUpstream, delta, parameters + weightBytes, batch, layer.outputSize, layer.inputSize, 0);
        k.gemmNN(nextUpstreamTangent, deltaTangent, parameters + weightBytes, batch, layer.outputSize, layer.inputSize, 0);
        k.gemmNN(nextUpstreamTangent, delta, direction + weightBytes, batch, layer.outputSize, layer.inputSize, 1);
      }
    }
  }

  private setDirection(direction: NumericArray): void {
    assertFiniteArray(direction, 'direction', this.layout.parameterCount);
    this.directionBuffer.array.set(direction);
  }

  private requireForward(operation: string): number {
    if (this.batch === 0) throw new Error(`${operation}: call forward first; products act at the latest forward's inputs`);
    return this.batch;
  }

  private bytes(elements: number): number {
    return elements * (this.dtype === 'f32' ? 4 : 8);
  }
}
