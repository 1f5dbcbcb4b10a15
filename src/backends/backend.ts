// The interface that the rest of policygrad calls. Algorithms never touch WebAssembly (or GPU)
// memory; they hand a backend arrays and get views back.
import type { DType } from '../engine/wasm-module.js';
import type { AdamOptions, AdamState } from '../nn/adam.js';
import type { MLPLayout, MLPSpec } from '../nn/mlp-layout.js';
import type { OutputLoss, OutputMetric } from '../nn/output-loss.js';
import type { RegressionEpochResult } from '../nn/regression-epoch.js';
import type { Random } from '../random/prng.js';
import type { FloatArray, NumericArray } from '../util/validate.js';

export type { DType };
export type BackendName = 'wasm' | 'webgpu';

/**
 * A result that a synchronous backend (wasm) returns at once and an asynchronous one (a GPU, whose
 * read-backs are asynchronous) returns as a promise. Generic code awaits it; code that holds a
 * WasmMLP uses the value directly.
 */
export type MaybePromise<T> = T | Promise<T>;

export interface Backend {
  readonly name: BackendName;
  readonly dtype: DType;
  /**
   * An MLP whose parameters, activations and scratch live in the backend's memory, sized once
   * for batches of up to `maxBatch` rows.
   */
  createMLP(spec: MLPSpec, options?: MLPOptions): MLP;
}

/** Largest maxBatch any backend accepts; a guard against a typo allocating gigabytes. */
export const MAX_BATCH = 1 << 20;

export interface MLPOptions {
  /** Largest batch the network will see (rows); buffers are sized for it once. Default 1. */
  maxBatch?: number;
}

/**
 * A multilayer perceptron with reverse-mode, forward-mode and second-order products.
 *
 * Returned arrays may be views of the backend's buffers: valid until the next call that writes the
 * same buffer, and to be copied if kept. The products (backward, jvp, hvp, gaussNewtonProduct) act
 * at the parameters and inputs of the latest `forward`.
 */
export interface MLP {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  /** The flat parameter vector, in PyTorch state_dict order. */
  readParameters(): MaybePromise<FloatArray>;
  /** The parameter gradient written by the latest backward. */
  readGradients(): MaybePromise<FloatArray>;
  /** Copies `values` (parameterCount finite numbers) into the parameters. */
  setParameters(values: NumericArray): void;
  /**
   * Orthogonal weights and zero biases. `gains` has one entry per layer; by default √2 for hidden
   * layers and 1 for the output layer (CleanRL's choice for tanh networks).
   */
  initOrthogonal(random: Random, gains?: readonly number[]): void;
  /** Y = f(X; θ) for `batch` rows of `inputs` (row-major [batch][inputSize]). Returns Y [batch][outputSize]. */
  forward(inputs: NumericArray, batch: number): MaybePromise<FloatArray>;
  /**
   * Vector–Jacobian product at the latest forward: with gradOutputs = ∂L/∂Y, writes ∂L/∂θ into
   * `gradients` and, if asked, returns ∂L/∂X as well.
   */
  backward(gradOutputs: NumericArray, options?: { inputGradients?: boolean }): MaybePromise<{ parameters: FloatArray; inputs?: FloatArray }>;
  /**
   * The same backward, for an optimiser step: ∂L/∂θ stays in the backend's memory, where this
   * network's optimiser (createAdam) reads it, and only its squared Euclidean norm comes back —
   * what joint gradient-norm clipping needs. On a GPU that is one number read back, not the
   * gradient.
   */
  backwardSquaredNorm(gradOutputs: NumericArray): MaybePromise<number>;
  /**
   * Adam over this network's parameters, its moments in the backend's memory beside them: each
   * step reads the gradient of the latest backward where it lies and updates the parameters in
   * place, so that on a GPU they never leave it between steps.
   */
  createAdam(options?: AdamOptions): NetworkAdam;
  /**
   * One epoch of regressing the network's one output onto `targets` (regression-epoch.ts): for
   * each minibatch of row indices, ½·mean((v − R)²) and one step of `optimizer` (this network's
   * createAdam). `minibatches` are consecutive pieces of one permutation of the rows, all of one
   * size but the last (epochMinibatches'). A network on a worker thread runs it there whole.
   */
  regressionEpoch(optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, minibatches: readonly Int32Array[]): MaybePromise<RegressionEpochResult>;
  /** Jacobian–vector product (forward mode, the R-operator): returns J·v, shape [batch][outputSize]. */
  jvp(direction: NumericArray): MaybePromise<FloatArray>;
  /**
   * The exact Hessian–vector product ∇²_θ ℓ(f(X; θ))·v by forward-over-reverse (Pearlmutter),
   * including the activations' second derivatives. Costs about three gradients; `gradients` is
   * left untouched (a conjugate-gradient solve needs the gradient once and many products).
   */
  hvp(direction: NumericArray, loss: OutputLoss): MaybePromise<FloatArray>;
  /** The Gauss–Newton product Jᵀ M J v for an output-space metric M (per sample, PSD). */
  gaussNewtonProduct(direction: NumericArray, metric: OutputMetric): MaybePromise<FloatArray>;
}

/**
 * What first-order training of a network uses of it — a forward, the gradient's squared norm for
 * clipping, Adam, and the parameters in and out: what a critic needs. Every MLP is one; so is a
 * network on a worker thread (thread/thread-network.ts), which has no second-order products.
 */
export type TrainableNetwork = Pick<MLP, 'layout' | 'maxBatch' | 'readParameters' | 'setParameters' | 'forward' | 'backwardSquaredNorm' | 'createAdam' | 'regressionEpoch'>;

/** Adam bound to one network's parameters and gradient (MLP.createAdam). */
export interface NetworkAdam {
  learningRate: number;
  /**
   * θ ← Adam(θ, gradientScale · ∂L/∂θ), the gradient being the latest backward's (a
   * gradientScale below 1 is how gradient-norm clipping applies). The gradient must be finite.
   * On a GPU it resolves once the step is queued, without waiting for it.
   */
  step(gradientScale?: number): MaybePromise<void>;
  getState(): MaybePromise<AdamState>;
  setState(state: AdamState): void;
}
