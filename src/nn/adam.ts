// Adam (Kingma & Ba, 2015) with PyTorch's semantics (torch.optim.Adam, no weight decay, no AMSGrad):
//   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
//   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
// — ε is added after the bias correction of √v, as PyTorch does, not to √v̂ before it.
import { assertFiniteArray, assertFiniteNumber, assertInteger, assertKnownKeys, type NumericArray } from '../util/validate.js';

export interface AdamOptions {
  /** Learning rate. Default 3e-4. */
  learningRate?: number;
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to the denominator. Default 1e-8 (CleanRL's PPO uses 1e-5). */
  epsilon?: number;
}

/** Plain numbers, so that a state survives JSON. */
export interface AdamState {
  step: number;
  firstMoment: number[];
  secondMoment: number[];
}

export class Adam {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private step = 0;
  private readonly firstMoment: Float64Array;
  private readonly secondMoment: Float64Array;

  constructor(readonly size: number, options: AdamOptions = {}) {
    assertKnownKeys(options, ['learningRate', 'beta1', 'beta2', 'epsilon'], 'Adam options');
    assertInteger(size, 'Adam size', 1);
    this.learningRate = options.learningRate ?? 3e-4;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    for (const [name, value] of [['learningRate', this.learningRate], ['epsilon', this.epsilon]] as const) {
      assertFiniteNumber(value, `Adam ${name}`);
      if (value < 0) throw new RangeError(`Adam ${name} must be ≥ 0, got ${value}`);
    }
    for (const [name, value] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      assertFiniteNumber(value, `Adam ${name}`);
      if (value < 0 || value >= 1) throw new RangeError(`Adam ${name} must be in [0, 1), got ${value}`);
    }
    this.firstMoment = new Float64Array(size);
    this.secondMoment = new Float64Array(size);
  }

  /** One step: parameters ← parameters − update(gradient). The gradient must be finite. */
  apply(parameters: { [i: number]: number; length: number }, gradient: NumericArray): void {
    if (parameters.length !== this.size) throw new RangeError(`Adam: parameters must have length ${this.size}, got ${parameters.length}`);
    assertFiniteArray(gradient, 'Adam gradient', this.size);
    this.step++;
    const { beta1, beta2, epsilon, firstMoment: m, secondMoment: v } = this;
    const stepSize = this.learningRate / (1 - beta1 ** this.step);
    const correction2 = Math.sqrt(1 - beta2 ** this.step);
    for (let i = 0; i < this.size; i++) {
      const g = gradient[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      parameters[i] = parameters[i]! - (stepSize * m[i]!) / (Math.sqrt(v[i]!) / correction2 + epsilon);
    }
  }

  getState(): AdamState {
    return { step: this.step, firstMoment: Array.from(this.firstMoment), secondMoment: Array.from(this.secondMoment) };
  }

  setState(state: AdamState): void {
    assertInteger(state.step, 'Adam state.step', 0);
    assertFiniteArray(state.firstMoment, 'Adam state.firstMoment', this.size);
    assertFiniteArray(state.secondMoment, 'Adam state.secondMoment', this.size);
    this.step = state.step;
    this.firstMoment.set(state.firstMoment);
    this.secondMoment.set(state.secondMoment);
  }
}

/**
 * Scales the gradients together so that their joint Euclidean norm is at most maxNorm, as
 * torch.nn.utils.clip_grad_norm_ does (coefficient maxNorm / (norm + 1e-6), applied when below 1).
 * Returns the norm before clipping.
 */
export function clipGradientNorm(gradients: readonly { [i: number]: number; length: number }[], maxNorm: number): number {
  let sumOfSquares = 0;
  for (const gradient of gradients) for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i]! ** 2;
  const norm = Math.sqrt(sumOfSquares);
  const coefficient = maxNorm / (norm + 1e-6);
  if (coefficient < 1) {
    for (const gradient of gradients) for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i]! * coefficient;
  }
  return norm;
}
