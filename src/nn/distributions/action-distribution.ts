// A policy's action distribution over a batch of network outputs. Every method works per sample
// on row-major arrays; `extra` holds the distribution's own parameters that are not network
// outputs (the diagonal Gaussian's state-independent log-std), empty for the categorical.
import type { FloatArray } from '../../util/validate.js';

/** Actions of a batch: indices for a categorical, row-major [batch][dimensions] for a Gaussian. */
export type ActionArray = Int32Array | Float32Array | Float64Array;

export type Values = ArrayLike<number>;

/**
 * The Fisher information in output space of one batch of outputs, prepared once for many
 * products: TRPO's conjugate-gradient solve applies it 10 to 15 times at the same outputs, and
 * what depends only on them (the categorical's softmax) is computed here once rather than per product.
 */
export interface OutputFisher {
  /** result ← scale·M(y_b)·t_b for every sample b, with the extra parameters `extra`. */
  product(extra: Values, scale: number, tangent: Values, result: FloatArray): void;
}

export interface ActionDistribution {
  readonly kind: 'categorical' | 'diagonal-gaussian';
  /** Network outputs per sample: the logits, or the means. */
  readonly outputSize: number;
  /** Parameters of the distribution itself, after the network's in the policy's vector. */
  readonly extraParameterCount: number;
  /** Numbers per action: 1 (an index) or the action dimension. */
  readonly actionSize: number;

  /** Initial values of the extra parameters (the Gaussian's log-std starts at 0, as in CleanRL). */
  initialExtra(): Float64Array;
  sample(outputs: Values, extra: Values, batch: number, random: { uniform(): number; normal(): number }, actions: ActionArray): void;
  /** The most likely action of each sample (argmax, or the mean): a deterministic policy for evaluation. */
  mode(outputs: Values, batch: number, actions: ActionArray): void;
  /** out[b] ← log π(actions[b] | outputs[b]). */
  logProb(outputs: Values, extra: Values, actions: Values, batch: number, out: FloatArray): void;
  /** out[b] ← H(π(· | outputs[b])). */
  entropy(outputs: Values, extra: Values, batch: number, out: FloatArray): void;
  /** out[b] ← KL(π_old(· | oldOutputs[b]) ‖ π(· | outputs[b])). */
  kl(oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, out: FloatArray): void;

  /**
   * Backward through log π: with upstream[b] = ∂L/∂log π_b, sets gradOutputs ← ∂L/∂outputs and
   * adds ∂L/∂extra into gradExtra.
   */
  logProbBackward(outputs: Values, extra: Values, actions: Values, batch: number, upstream: Values, gradOutputs: FloatArray, gradExtra: FloatArray): void;
  /** Backward through the entropy: adds ∂L/∂outputs and ∂L/∂extra for upstream[b] = ∂L/∂H_b. */
  entropyBackward(outputs: Values, extra: Values, batch: number, upstream: Values, gradOutputs: FloatArray, gradExtra: FloatArray): void;
  /**
   * logProb and entropy in one pass, the same bits as the two calls: what they share (the
   * categorical's softmax of each row) is computed once. PPO needs both of every minibatch.
   */
  logProbAndEntropy(outputs: Values, extra: Values, actions: Values, batch: number, logProbs: FloatArray, entropies: FloatArray): void;
  /** logProbBackward, then entropyBackward with upstream dEntropies, in one pass: the same bits as the two calls. */
  logProbAndEntropyBackward(outputs: Values, extra: Values, actions: Values, batch: number, dLogProbs: Values, dEntropies: Values, gradOutputs: FloatArray, gradExtra: FloatArray): void;
  /**
   * Gradient and output-space Hessian of the KL from fixed old outputs, as functions of the new
   * outputs with the extra parameters fixed: ∂KL_b/∂y_b into gradOutputs (times `scale`), and
   * result ← scale·∂²KL_b/∂y_b² · tangent.
   */
  klOutputGradient(oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, gradOutputs: FloatArray): void;
  klOutputHessianProduct(oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, tangent: Values, result: FloatArray): void;
  /**
   * The remaining blocks of the KL's Hessian, for a distribution with extra parameters: given the
   * output tangent ẏ (J·v_net) and the extra tangent ė, adds scale·(∂²KL/∂y∂e·ė) into
   * outputResult and scale·Σ_b(∂²KL_b/∂e∂y·ẏ_b + ∂²KL_b/∂e²·ė) into extraResult.
   */
  klExtraHessianProduct(oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, outputTangent: Values, extraTangent: Values, outputResult: FloatArray, extraResult: FloatArray): void;
  /**
   * The Fisher information in output space M(y_b), per sample, at `outputs` (it equals ∂²KL/∂y²
   * at y = y_old), ready to apply: see {@link OutputFisher}. It keeps what it needs of `outputs`.
   */
  outputFisher(outputs: Values, batch: number): OutputFisher;
  /** Fisher information of the extra parameters per sample (diagonal), times `scale`, applied to ė, added into result. */
  fisherExtraProduct(extra: Values, batch: number, scale: number, extraTangent: Values, result: FloatArray): void;
}
