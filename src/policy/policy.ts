// A stochastic policy π_θ(a | s): an MLP from observations to the distribution's parameters, and
// the distribution's own parameters (a Gaussian's log-std) after the network's in θ.
//
// The policy works on one batch at a time: `evaluate` runs the network on the batch and keeps
// what the gradient and the Fisher products need; they act at that evaluate, so the network must
// not run on other inputs in between (`act` does: evaluate again after it). Three Fisher–vector products, all at the latest
// evaluate, with v = (v_net, v_extra):
//   'analytic'    F v = (1/B) Jᵀ M J v_net ⊕ F_extra v_extra, M the distribution's Fisher in output
//                 space (the Gauss–Newton form; the KL's Hessian at θ = θ_old)
//   'kl-hessian'  the exact Hessian of the mean KL(π_old ‖ π_θ) times v, by forward-over-reverse
//   'sampled'     (1/B) Σ_b s_b s_bᵀ v with the score s_b = ∇_θ log π(a_b | s_b): one JVP and one VJP
import type { MLP } from '../backends/backend.js';
import type { ActionArray, ActionDistribution, OutputFisher } from '../nn/distributions/action-distribution.js';
import type { OutputLoss } from '../nn/output-loss.js';
import type { Random } from '../random/prng.js';
import { assertFiniteArray, assertInteger, assertOneOf, type FloatArray, type NumericArray } from '../util/validate.js';

export type FisherMethod = 'analytic' | 'kl-hessian' | 'sampled';
export const FISHER_METHODS: readonly FisherMethod[] = ['analytic', 'kl-hessian', 'sampled'];

export class Policy<Network extends MLP = MLP> {
  readonly parameterCount: number;
  /** The distribution's own parameters (log-std), in f64. */
  readonly extra: Float64Array;
  private readonly networkCount: number;
  private batch = 0;
  private actions: Float64Array = new Float64Array(0);
  private outputs = new Float64Array(0);
  /** Outputs and extra parameters of the old policy, for the KL and its Hessian. */
  private oldOutputs = new Float64Array(0);
  private oldExtra: Float64Array;
  /** The distribution's Fisher information at the latest evaluate's outputs, prepared at the first analytic product. */
  private outputFisher: OutputFisher | undefined;

  constructor(readonly network: Network, readonly distribution: ActionDistribution) {
    if (network.layout.outputSize !== distribution.outputSize) {
      throw new RangeError(`Policy: the network has ${network.layout.outputSize} outputs but the ${distribution.kind} distribution needs ${distribution.outputSize}`);
    }
    this.networkCount = network.layout.parameterCount;
    this.parameterCount = this.networkCount + distribution.extraParameterCount;
    this.extra = distribution.initialExtra();
    this.oldExtra = this.extra.slice();
  }

  /** θ: the network's parameters, then the distribution's. */
  async getParameters(): Promise<Float64Array> {
    const flat = new Float64Array(this.parameterCount);
    flat.set(await this.network.readParameters());
    flat.set(this.extra, this.networkCount);
    return flat;
  }

  setParameters(values: NumericArray): void {
    assertFiniteArray(values, 'policy parameters', this.parameterCount);
    const all = Float64Array.from(values);
    this.network.setParameters(all.subarray(0, this.networkCount));
    this.extra.set(all.subarray(this.networkCount));
  }

  /** Samples actions for `batch` observations; writes their log-probabilities. Returns the network outputs. */
  async act(observations: NumericArray, batch: number, random: Random, actions: ActionArray, logProbs: FloatArray): Promise<FloatArray> {
    const outputs = await this.network.forward(observations, batch);
    this.distribution.sample(outputs, this.extra, batch, random, actions);
    this.distribution.logProb(outputs, this.extra, actions, batch, logProbs);
    return outputs;
  }

  /**
   * Runs the network on a batch of observations and actions and keeps them for `backward`, the KL
   * and the Fisher products. Returns log π(a_b | s_b) and the entropies.
   */
  async evaluate(observations: NumericArray, actions: NumericArray, batch: number): Promise<{ logProbs: Float64Array; entropies: Float64Array }> {
    assertInteger(batch, 'batch', 1, this.network.maxBatch);
    assertFiniteArray(actions, 'actions', batch * this.distribution.actionSize);
    this.batch = batch;
    this.actions = Float64Array.from(actions);
    this.outputs = Float64Array.from(await this.network.forward(observations, batch));
    this.outputFisher = undefined;
    const logProbs = new Float64Array(batch);
    const entropies = new Float64Array(batch);
    this.distribution.logProbAndEntropy(this.outputs, this.extra, this.actions, batch, logProbs, entropies);
    return { logProbs, entropies };
  }

  /** Freezes the current policy on the current batch as π_old, for the KL and its Hessian. */
  markOld(): void {
    this.requireBatch('markOld');
    this.oldOutputs = this.outputs.slice();
    this.oldExtra = this.extra.slice();
  }

  /** Mean KL(π_old ‖ π) over the batch of the latest evaluate. */
  meanKL(): number {
    this.requireOld('meanKL');
    const kl = new Float64Array(this.batch);
    this.distribution.kl(this.oldOutputs, this.oldExtra, this.outputs, this.extra, this.batch, kl);
    return kl.reduce((s, x) => s + x, 0) / this.batch;
  }

  /**
   * ∇_θ L for a loss L of the batch's log-probabilities and entropies, given
   * dLogProbs[b] = ∂L/∂log π_b and dEntropies[b] = ∂L/∂H_b (omit when L has no entropy term).
   */
  async gradient(dLogProbs: NumericArray, dEntropies?: NumericArray): Promise<Float64Array> {
    const gradient = new Float64Array(this.parameterCount);
    const gradOutputs = this.outputGradients('gradient', dLogProbs, dEntropies, gradient.subarray(this.networkCount));
    gradient.set((await this.network.backward(gradOutputs)).parameters);
    return gradient;
  }

  /**
   * The same gradient, for an optimiser step: the network's part stays in the backend for the
   * network's optimiser (MLP.backwardSquaredNorm), and only its squared norm comes back, with the
   * extra parameters' gradient.
   */
  async backwardForStep(dLogProbs: NumericArray, dEntropies?: NumericArray): Promise<{ networkSquaredNorm: number; extraGradient: Float64Array }> {
    const extraGradient = new Float64Array(this.parameterCount - this.networkCount);
    const gradOutputs = this.outputGradients('backwardForStep', dLogProbs, dEntropies, extraGradient);
    return { networkSquaredNorm: await this.network.backwardSquaredNorm(gradOutputs), extraGradient };
  }

  /** ∂L/∂Y for the network, and ∂L/∂extra written into gradExtra. */
  private outputGradients(operation: string, dLogProbs: NumericArray, dEntropies: NumericArray | undefined, gradExtra: Float64Array): Float64Array {
    const batch = this.requireBatch(operation);
    assertFiniteArray(dLogProbs, 'dLogProbs', batch);
    const gradOutputs = new Float64Array(batch * this.distribution.outputSize);
    if (dEntropies === undefined) {
      this.distribution.logProbBackward(this.outputs, this.extra, this.actions, batch, dLogProbs, gradOutputs, gradExtra);
    } else {
      assertFiniteArray(dEntropies, 'dEntropies', batch);
      this.distribution.logProbAndEntropyBackward(this.outputs, this.extra, this.actions, batch, dLogProbs, dEntropies, gradOutputs, gradExtra);
    }
    return gradOutputs;
  }

  /** F·v at the latest evaluate (see the header for the three methods). */
  async fisherVectorProduct(direction: NumericArray, method: FisherMethod = 'analytic'): Promise<Float64Array> {
    const batch = this.requireBatch('fisherVectorProduct');
    assertOneOf(method, FISHER_METHODS, 'method');
    assertFiniteArray(direction, 'direction', this.parameterCount);
    const v = Float64Array.from(direction);
    const vNet = v.subarray(0, this.networkCount);
    const vExtra = v.subarray(this.networkCount);
    const result = new Float64Array(this.parameterCount);
    const resultExtra = result.subarray(this.networkCount);
    const scale = 1 / batch;
    const distribution = this.distribution;
    if (method === 'analytic') {
      const fisher = (this.outputFisher ??= distribution.outputFisher(this.outputs, batch));
      result.set(await this.network.gaussNewtonProduct(vNet, (_y, t, _b, out) => fisher.product(this.extra, scale, t, out)));
      distribution.fisherExtraProduct(this.extra, batch, scale, vExtra, resultExtra);
    } else if (method === 'kl-hessian') {
      this.requireOld('fisherVectorProduct');
      result.set(await this.network.hvp(vNet, this.klLoss(scale)));
      if (distribution.extraParameterCount > 0) {
        const outputTangent = Float64Array.from(await this.network.jvp(vNet));
        const outputResult = new Float64Array(outputTangent.length);
        distribution.klExtraHessianProduct(this.oldOutputs, this.oldExtra, this.outputs, this.extra, batch, scale, outputTangent, vExtra, outputResult, resultExtra);
        const { parameters } = await this.network.backward(outputResult);
        for (let i = 0; i < this.networkCount; i++) result[i]! += parameters[i]!;
      }
    } else {
      // Scores in output space g_b = ∂log π_b/∂y_b and of the extra parameters e_b, sample by sample.
      const outputSize = distribution.outputSize;
      const actionSize = distribution.actionSize;
      const scores = new Float64Array(batch * outputSize);
      const extraScores = new Float64Array(batch * distribution.extraParameterCount);
      const one = Float64Array.of(1);
      for (let b = 0; b < batch; b++) {
        distribution.logProbBackward(
          this.outputs.subarray(b * outputSize, (b + 1) * outputSize), this.extra, this.actions.subarray(b * actionSize, (b + 1) * actionSize), 1, one,
          scores.subarray(b * outputSize, (b + 1) * outputSize), extraScores.subarray(b * distribution.extraParameterCount, (b + 1) * distribution.extraParameterCount),
        );
      }
      // c_b = s_bᵀ v = g_b·(J v_net)_b + e_b·v_extra; then F̂ v = Jᵀ[(c_b/B) g_b] ⊕ Σ_b (c_b/B) e_b.
      const jv = await this.network.jvp(vNet);
      const upstream = new Float64Array(batch * outputSize);
      for (let b = 0; b < batch; b++) {
        let c = 0;
        for (let j = 0; j < outputSize; j++) c += scores[b * outputSize + j]! * jv[b * outputSize + j]!;
        for (let j = 0; j < vExtra.length; j++) c += extraScores[b * vExtra.length + j]! * vExtra[j]!;
        for (let j = 0; j < outputSize; j++) upstream[b * outputSize + j] = scale * c * scores[b * outputSize + j]!;
        for (let j = 0; j < vExtra.length; j++) resultExtra[j]! += scale * c * extraScores[b * vExtra.length + j]!;
      }
      result.set((await this.network.backward(upstream)).parameters);
    }
    return result;
  }

  /** The mean KL from π_old as a loss of the network's outputs (extra parameters held fixed). */
  private klLoss(scale: number): OutputLoss {
    const { distribution, oldOutputs, oldExtra, extra } = this;
    return {
      value: (outputs, batch) => {
        const kl = new Float64Array(batch);
        distribution.kl(oldOutputs, oldExtra, outputs, extra, batch, kl);
        return scale * kl.reduce((s, x) => s + x, 0);
      },
      gradient: (outputs, batch, gradient) => distribution.klOutputGradient(oldOutputs, oldExtra, outputs, extra, batch, scale, gradient),
      hessianVectorProduct: (outputs, tangent, batch, result) =>
        distribution.klOutputHessianProduct(oldOutputs, oldExtra, outputs, extra, batch, scale, tangent, result),
    };
  }

  private requireBatch(operation: string): number {
    if (this.batch === 0) throw new Error(`${operation}: call evaluate(observations, actions, batch) first`);
    return this.batch;
  }

  private requireOld(operation: string): void {
    this.requireBatch(operation);
    if (this.oldOutputs.length !== this.outputs.length) throw new Error(`${operation}: call markOld() on this batch first`);
  }
}
