// Diagonal Gaussian over d-dimensional actions: means μ from the network, a state-independent
// log-std s (one per dimension, the distribution's extra parameters), σ = exp(s).
//   log π(a) = Σ_j −½z_j² − s_j − ½log 2π, z = (a − μ)/σ    ∂/∂μ_j = z_j/σ_j, ∂/∂s_j = z_j² − 1
//   H = Σ_j s_j + ½(1 + log 2π)                                ∂H/∂s_j = 1
//   KL(old‖new) = Σ_j s_j − s°_j + (σ°_j² + (μ°_j − μ_j)²)/(2σ_j²) − ½
//     ∂/∂μ_j = (μ_j − μ°_j)/σ_j²,  ∂²/∂μ_j² = 1/σ_j²,  ∂²/∂μ_j∂s_j = −2(μ_j − μ°_j)/σ_j²,
//     ∂²/∂s_j² = 2(σ°_j² + (μ°_j − μ_j)²)/σ_j²
//   Fisher information: 1/σ_j² for μ_j, 2 for s_j, 0 across — the KL's Hessian at the old policy.
import { exp, log } from '../../math/index.js';
import { assertInteger, type FloatArray } from '../../util/validate.js';
import type { ActionArray, ActionDistribution, OutputFisher, Values } from './action-distribution.js';

const HALF_LOG_TWO_PI = 0.5 * log(2 * Math.PI);

export class DiagonalGaussian implements ActionDistribution {
  readonly kind = 'diagonal-gaussian' as const;
  readonly extraParameterCount: number;
  readonly actionSize: number;

  constructor(readonly outputSize: number) {
    assertInteger(outputSize, 'DiagonalGaussian dimensions', 1);
    this.extraParameterCount = outputSize;
    this.actionSize = outputSize;
  }

  initialExtra(): Float64Array {
    return new Float64Array(this.outputSize);
  }

  sample(outputs: Values, extra: Values, batch: number, random: { normal(): number }, actions: ActionArray): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < d; j++) actions[b * d + j] = outputs[b * d + j]! + exp(extra[j]!) * random.normal();
    }
  }

  mode(outputs: Values, batch: number, actions: ActionArray): void {
    for (let i = 0; i < batch * this.outputSize; i++) actions[i] = outputs[i]!;
  }

  logProb(outputs: Values, extra: Values, actions: Values, batch: number, out: FloatArray): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const z = (actions[b * d + j]! - outputs[b * d + j]!) / exp(extra[j]!);
        sum += -0.5 * z * z - extra[j]! - HALF_LOG_TWO_PI;
      }
      out[b] = sum;
    }
  }

  entropy(_outputs: Values, extra: Values, batch: number, out: FloatArray): void {
    let sum = 0;
    for (let j = 0; j < this.outputSize; j++) sum += extra[j]! + 0.5 + HALF_LOG_TWO_PI;
    out.fill(sum, 0, batch);
  }

  kl(oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, out: FloatArray): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const variance = exp(2 * extra[j]!);
        const difference = oldOutputs[b * d + j]! - outputs[b * d + j]!;
        sum += extra[j]! - oldExtra[j]! + (exp(2 * oldExtra[j]!) + difference * difference) / (2 * variance) - 0.5;
      }
      out[b] = Math.max(sum, 0);
    }
  }

  /** The two calls: the Gaussian's entropy shares nothing with its log-density. */
  logProbAndEntropy(outputs: Values, extra: Values, actions: Values, batch: number, logProbs: FloatArray, entropies: FloatArray): void {
    this.logProb(outputs, extra, actions, batch, logProbs);
    this.entropy(outputs, extra, batch, entropies);
  }

  logProbAndEntropyBackward(outputs: Values, extra: Values, actions: Values, batch: number, dLogProbs: Values, dEntropies: Values, gradOutputs: FloatArray, gradExtra: FloatArray): void {
    this.logProbBackward(outputs, extra, actions, batch, dLogProbs, gradOutputs, gradExtra);
    this.entropyBackward(outputs, extra, batch, dEntropies, gradOutputs, gradExtra);
  }

  logProbBackward(outputs: Values, extra: Values, actions: Values, batch: number, upstream: Values, gradOutputs: FloatArray, gradExtra: FloatArray): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < d; j++) {
        const sigma = exp(extra[j]!);
        const z = (actions[b * d + j]! - outputs[b * d + j]!) / sigma;
        gradOutputs[b * d + j] = (upstream[b]! * z) / sigma;
        gradExtra[j]! += upstream[b]! * (z * z - 1);
      }
    }
  }

  entropyBackward(_outputs: Values, _extra: Values, batch: number, upstream: Values, _gradOutputs: FloatArray, gradExtra: FloatArray): void {
    let total = 0;
    for (let b = 0; b < batch; b++) total += upstream[b]!;
    for (let j = 0; j < this.outputSize; j++) gradExtra[j]! += total;
  }

  klOutputGradient(oldOutputs: Values, _oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, gradOutputs: FloatArray): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < d; j++) {
        gradOutputs[b * d + j] = (scale * (outputs[b * d + j]! - oldOutputs[b * d + j]!)) / exp(2 * extra[j]!);
      }
    }
  }

  klOutputHessianProduct(_oldOutputs: Values, _oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number, tangent: Values, result: FloatArray): void {
    this.outputFisher(outputs, batch).product(extra, scale, tangent, result);
  }

  klExtraHessianProduct(
    oldOutputs: Values, oldExtra: Values, outputs: Values, extra: Values, batch: number, scale: number,
    outputTangent: Values, extraTangent: Values, outputResult: FloatArray, extraResult: FloatArray,
  ): void {
    const d = this.outputSize;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < d; j++) {
        const variance = exp(2 * extra[j]!);
        const difference = outputs[b * d + j]! - oldOutputs[b * d + j]!;
        const cross = (-2 * difference) / variance;
        const curvature = (2 * (exp(2 * oldExtra[j]!) + difference * difference)) / variance;
        outputResult[b * d + j]! += scale * cross * extraTangent[j]!;
        extraResult[j]! += scale * (cross * outputTangent[b * d + j]! + curvature * extraTangent[j]!);
      }
    }
  }

  /** M = diag(1/σ²), the same for every sample: it depends on the extra parameters alone. */
  outputFisher(_outputs: Values, batch: number): OutputFisher {
    const d = this.outputSize;
    const variances = new Float64Array(d);
    return {
      product(extra, scale, tangent, result) {
        for (let j = 0; j < d; j++) variances[j] = exp(2 * extra[j]!);
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < d; j++) result[b * d + j] = (scale * tangent[b * d + j]!) / variances[j]!;
        }
      },
    };
  }

  fisherExtraProduct(_extra: Values, batch: number, scale: number, extraTangent: Values, result: FloatArray): void {
    for (let j = 0; j < this.outputSize; j++) result[j]! += scale * batch * 2 * extraTangent[j]!;
  }
}
