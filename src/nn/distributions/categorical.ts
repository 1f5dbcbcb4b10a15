// Categorical distribution over n actions from logits y: p = softmax(y).
//   log π(a) = y_a − logΣexp(y)             ∂/∂y = onehot(a) − p
//   H = logΣexp(y) − Σ p_j y_j               ∂H/∂y_j = −p_j (log p_j + H)
//   KL(old‖new) = Σ p_old (log p_old − log p_new),  ∂/∂y_new = p_new − p_old,
//   ∂²/∂y_new² = diag(p_new) − p_new p_newᵀ = the Fisher information M(y_new)
import { assertInteger } from '../../util/validate.js';
import { logSumExp, softmax } from '../softmax.js';
import type { ActionArray, ActionDistribution, OutputFisher, Values } from './action-distribution.js';
import type { FloatArray } from '../../util/validate.js';

export class Categorical implements ActionDistribution {
  readonly kind = 'categorical' as const;
  readonly extraParameterCount = 0;
  readonly actionSize = 1;
  private readonly probabilities: Float64Array;
  private readonly oldProbabilities: Float64Array;

  constructor(readonly outputSize: number) {
    assertInteger(outputSize, 'Categorical actions', 2);
    this.probabilities = new Float64Array(outputSize);
    this.oldProbabilities = new Float64Array(outputSize);
  }

  initialExtra(): Float64Array {
    return new Float64Array(0);
  }

  sample(outputs: Values, _extra: Values, batch: number, random: { uniform(): number }, actions: ActionArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      softmax(outputs, b * n, n, this.probabilities);
      const u = random.uniform();
      let cumulative = 0;
      let action = n - 1; // rounding may leave the sum a hair below 1
      for (let j = 0; j < n; j++) {
        cumulative += this.probabilities[j]!;
        if (u < cumulative) {
          action = j;
          break;
        }
      }
      actions[b] = action;
    }
  }

  mode(outputs: Values, batch: number, actions: ActionArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      let best = 0;
      for (let j = 1; j < n; j++) if (outputs[b * n + j]! > outputs[b * n + best]!) best = j;
      actions[b] = best;
    }
  }

  logProb(outputs: Values, _extra: Values, actions: Values, batch: number, out: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) out[b] = outputs[b * n + actions[b]!]! - logSumExp(outputs, b * n, n);
  }

  entropy(outputs: Values, _extra: Values, batch: number, out: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) out[b] = this.rowEntropy(outputs, b * n, softmax(outputs, b * n, n, this.probabilities));
  }

  logProbAndEntropy(outputs: Values, _extra: Values, actions: Values, batch: number, logProbs: FloatArray, entropies: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      // softmax's normaliser is logSumExp's value: logProb's and entropy's expressions, one softmax.
      const normaliser = softmax(outputs, b * n, n, this.probabilities);
      logProbs[b] = outputs[b * n + actions[b]!]! - normaliser;
      entropies[b] = this.rowEntropy(outputs, b * n, normaliser);
    }
  }

  kl(oldOutputs: Values, _oldExtra: Values, outputs: Values, _extra: Values, batch: number, out: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      const oldNormaliser = softmax(oldOutputs, b * n, n, this.oldProbabilities);
      const normaliser = logSumExp(outputs, b * n, n);
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const p = this.oldProbabilities[j]!;
        if (p > 0) sum += p * (oldOutputs[b * n + j]! - oldNormaliser - (outputs[b * n + j]! - normaliser));
      }
      out[b] = Math.max(sum, 0); // non-negative in exact arithmetic
    }
  }

  logProbBackward(outputs: Values, _extra: Values, actions: Values, batch: number, upstream: Values, gradOutputs: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      softmax(outputs, b * n, n, this.probabilities);
      this.writeLogProbGradient(b * n, actions[b]!, upstream[b]!, gradOutputs);
    }
  }

  entropyBackward(outputs: Values, _extra: Values, batch: number, upstream: Values, gradOutputs: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) this.addEntropyGradient(outputs, b * n, softmax(outputs, b * n, n, this.probabilities), upstream[b]!, gradOutputs);
  }

  logProbAndEntropyBackward(outputs: Values, _extra: Values, actions: Values, batch: number, dLogProbs: Values, dEntropies: Values, gradOutputs: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      // logProbBackward's and entropyBackward's expressions in their order, with one softmax.
      const normaliser = softmax(outputs, b * n, n, this.probabilities);
      this.writeLogProbGradient(b * n, actions[b]!, dLogProbs[b]!, gradOutputs);
      this.addEntropyGradient(outputs, b * n, normaliser, dEntropies[b]!, gradOutputs);
    }
  }

  // Per row, on the row's probabilities in this.probabilities (softmax's output) and its normaliser.

  /** H = logΣexp(y) − Σ p_j y_j of the row at `offset`. */
  private rowEntropy(outputs: Values, offset: number, normaliser: number): number {
    let expected = 0;
    for (let j = 0; j < this.outputSize; j++) expected += this.probabilities[j]! * outputs[offset + j]!;
    return normaliser - expected;
  }

  /** gradOutputs ← g·(onehot(action) − p) for the row at `offset`. */
  private writeLogProbGradient(offset: number, action: number, g: number, gradOutputs: FloatArray): void {
    for (let j = 0; j < this.outputSize; j++) gradOutputs[offset + j] = g * ((j === action ? 1 : 0) - this.probabilities[j]!);
  }

  /** gradOutputs += u·(−p_j (log p_j + H)) for the row at `offset`. */
  private addEntropyGradient(outputs: Values, offset: number, normaliser: number, u: number, gradOutputs: FloatArray): void {
    const n = this.outputSize;
    let entropy = normaliser;
    for (let j = 0; j < n; j++) entropy -= this.probabilities[j]! * outputs[offset + j]!;
    for (let j = 0; j < n; j++) {
      const p = this.probabilities[j]!;
      const logP = outputs[offset + j]! - normaliser;
      gradOutputs[offset + j]! += u * -p * (logP + entropy);
    }
  }

  klOutputGradient(oldOutputs: Values, _oldExtra: Values, outputs: Values, _extra: Values, batch: number, scale: number, gradOutputs: FloatArray): void {
    const n = this.outputSize;
    for (let b = 0; b < batch; b++) {
      softmax(oldOutputs, b * n, n, this.oldProbabilities);
      softmax(outputs, b * n, n, this.probabilities);
      for (let j = 0; j < n; j++) gradOutputs[b * n + j] = scale * (this.probabilities[j]! - this.oldProbabilities[j]!);
    }
  }

  klOutputHessianProduct(_oldOutputs: Values, _oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, tangent: Values, result: FloatArray): void {
    this.outputFisher(outputs, batch).product(extra, scale, tangent, result);
  }

  klExtraHessianProduct(): void {
    // No extra parameters: nothing to add.
  }

  /** M(y) t = diag(p) t − p (pᵀt) = p ⊙ (t − pᵀt), with the batch's probabilities computed once. */
  outputFisher(outputs: Values, batch: number): OutputFisher {
    const n = this.outputSize;
    const probabilities = new Float64Array(batch * n);
    for (let b = 0; b < batch; b++) softmax(outputs, b * n, n, probabilities.subarray(b * n, (b + 1) * n));
    return {
      product(_extra, scale, tangent, result) {
        for (let b = 0; b < batch; b++) {
          let mean = 0;
          for (let j = 0; j < n; j++) mean += probabilities[b * n + j]! * tangent[b * n + j]!;
          for (let j = 0; j < n; j++) result[b * n + j] = scale * probabilities[b * n + j]! * (tangent[b * n + j]! - mean);
        }
      },
    };
  }

  fisherExtraProduct(): void {
    // No extra parameters.
  }
}
