// Two standard output losses, each with its gradient and its output-space Hessian.
import type { OutputLoss } from './output-loss.js';
import { assertFiniteArray, assertInteger, type NumericArray } from '../util/validate.js';
import { softmax } from './softmax.js';

/** ℓ(Y) = 1/(2B) Σ_b Σ_j (Y_bj − T_bj)², targets T row-major [batch][outputs]. */
export function meanSquaredError(targets: NumericArray, outputSize: number): OutputLoss {
  assertInteger(outputSize, 'meanSquaredError outputSize', 1);
  assertFiniteArray(targets, 'meanSquaredError targets');
  const checkBatch = (batch: number): void => {
    if (batch * outputSize !== targets.length) {
      throw new RangeError(`meanSquaredError: batch ${batch} × ${outputSize} outputs does not match ${targets.length} targets`);
    }
  };
  return {
    value(outputs, batch) {
      checkBatch(batch);
      let sum = 0;
      for (let i = 0; i < batch * outputSize; i++) {
        const residual = outputs[i]! - targets[i]!;
        sum += residual * residual;
      }
      return sum / (2 * batch);
    },
    gradient(outputs, batch, gradient) {
      checkBatch(batch);
      for (let i = 0; i < batch * outputSize; i++) gradient[i] = (outputs[i]! - targets[i]!) / batch;
    },
    hessianVectorProduct(_outputs, tangent, batch, result) {
      checkBatch(batch);
      for (let i = 0; i < batch * outputSize; i++) result[i] = tangent[i]! / batch;
    },
  };
}

/**
 * ℓ(Y) = −1/B Σ_b log softmax(Y_b)[label_b]: logits Y [batch][classes], integer labels [batch].
 * Gradient (p − onehot)/B; Hessian (diag p − p pᵀ)/B per sample, p = softmax(Y_b).
 */
export function softmaxCrossEntropy(labels: NumericArray, classes: number): OutputLoss {
  assertInteger(classes, 'softmaxCrossEntropy classes', 1);
  for (let b = 0; b < labels.length; b++) assertInteger(labels[b], `softmaxCrossEntropy labels[${b}]`, 0, classes - 1);
  const probabilities = new Float64Array(classes);
  const softmaxRow = (outputs: ArrayLike<number>, b: number): number => softmax(outputs, b * classes, classes, probabilities);
  const checkBatch = (batch: number): void => {
    if (batch !== labels.length) throw new RangeError(`softmaxCrossEntropy: batch ${batch} does not match ${labels.length} labels`);
  };
  return {
    value(outputs, batch) {
      checkBatch(batch);
      let sum = 0;
      for (let b = 0; b < batch; b++) sum += softmaxRow(outputs, b) - outputs[b * classes + labels[b]!]!;
      return sum / batch;
    },
    gradient(outputs, batch, gradient) {
      checkBatch(batch);
      for (let b = 0; b < batch; b++) {
        softmaxRow(outputs, b);
        for (let j = 0; j < classes; j++) gradient[b * classes + j] = (probabilities[j]! - (j === labels[b] ? 1 : 0)) / batch;
      }
    },
    hessianVectorProduct(outputs, tangent, batch, result) {
      checkBatch(batch);
      for (let b = 0; b < batch; b++) {
        softmaxRow(outputs, b);
        let mean = 0;
        for (let j = 0; j < classes; j++) mean += probabilities[j]! * tangent[b * classes + j]!;
        for (let j = 0; j < classes; j++) {
          result[b * classes + j] = (probabilities[j]! * (tangent[b * classes + j]! - mean)) / batch;
        }
      }
    },
  };
}
