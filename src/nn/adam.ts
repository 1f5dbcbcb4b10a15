// Adam (Kingma & Ba, 2015) with PyTorch's semantics (torch.optim.Adam, no weight decay, no AMSGrad):
//   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
//   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
// — ε is added after the bias correction of √v, as PyTorch does, not to √v̂ before it.
// AdamSchedule holds what every implementation shares (the validated hyperparameters, the step
// count t and the bias corrections); Adam is the CPU one, in f64. The WebGPU backend runs the same
// update on the GPU (src/backends/webgpu/optimizer-programs.ts).
import { pow } from '../math/index.js';
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

/** Adam's hyperparameters, validated, and its step count. */
export class AdamSchedule {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** t: the steps taken. */
  steps = 0;
  private rate: number;

  constructor(options: AdamOptions = {}) {
    assertKnownKeys(options, ['learningRate', 'beta1', 'beta2', 'epsilon'], 'Adam options');
    this.rate = nonNegative(options.learningRate ?? 3e-4, 'learningRate');
    this.epsilon = nonNegative(options.epsilon ?? 1e-8, 'epsilon');
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    for (const [name, value] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      assertFiniteNumber(value, `Adam ${name}`);
      if (value < 0 || value >= 1) throw new RangeError(`Adam ${name} must be in [0, 1), got ${value}`);
    }
  }

  get learningRate(): number {
    return this.rate;
  }

  /** A schedule (PPO's annealing) sets it between steps. */
  set learningRate(value: number) {
    this.rate = nonNegative(value, 'learningRate');
  }

  /** Counts a step and returns its bias corrections: stepSize = lr / (1 − β₁ᵗ), correction2 = √(1 − β₂ᵗ). */
  next(): { stepSize: number; correction2: number } {
    this.steps++;
    return { stepSize: this.rate / (1 - pow(this.beta1, this.steps)), correction2: Math.sqrt(1 - pow(this.beta2, this.steps)) };
  }

  /** Checks a saved state for `size` parameters. */
  validateState(state: AdamState, size: number): void {
    assertInteger(state.step, 'Adam state.step', 0);
    assertFiniteArray(state.firstMoment, 'Adam state.firstMoment', size);
    assertFiniteArray(state.secondMoment, 'Adam state.secondMoment', size);
  }
}

/**
 * What every network's Adam shares (wasm, WebGPU, on a worker thread): its schedule, and the
 * learning rate read and set through it.
 */
export abstract class ScheduledAdam {
  protected readonly schedule: AdamSchedule;

  /** @param options the hyperparameters, or a schedule already made from them. */
  constructor(options?: AdamOptions | AdamSchedule) {
    this.schedule = options instanceof AdamSchedule ? options : new AdamSchedule(options);
  }

  get learningRate(): number {
    return this.schedule.learningRate;
  }

  /** A schedule (PPO's annealing) sets it between steps. */
  set learningRate(value: number) {
    this.schedule.learningRate = value;
  }
}

export class Adam {
  readonly schedule: AdamSchedule;
  private readonly firstMoment: Float64Array;
  private readonly secondMoment: Float64Array;

  constructor(readonly size: number, options: AdamOptions = {}) {
    this.schedule = new AdamSchedule(options);
    assertInteger(size, 'Adam size', 1);
    this.firstMoment = new Float64Array(size);
    this.secondMoment = new Float64Array(size);
  }

  get learningRate(): number {
    return this.schedule.learningRate;
  }

  set learningRate(value: number) {
    this.schedule.learningRate = value;
  }

  /**
   * One step: parameters ← parameters − update(gradientScale · gradient). The gradient must be
   * finite; gradientScale (default 1) is how gradient-norm clipping applies.
   */
  apply(parameters: { [i: number]: number; length: number }, gradient: NumericArray, gradientScale = 1): void {
    if (parameters.length !== this.size) throw new RangeError(`Adam: parameters must have length ${this.size}, got ${parameters.length}`);
    assertFiniteArray(gradient, 'Adam gradient', this.size);
    assertFiniteNumber(gradientScale, 'Adam gradientScale');
    const { beta1, beta2, epsilon } = this.schedule;
    const { stepSize, correction2 } = this.schedule.next();
    const { firstMoment: m, secondMoment: v } = this;
    for (let i = 0; i < this.size; i++) {
      const g = gradient[i]! * gradientScale; // exact when the scale is 1
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      parameters[i] = parameters[i]! - (stepSize * m[i]!) / (Math.sqrt(v[i]!) / correction2 + epsilon);
    }
  }

  getState(): AdamState {
    return { step: this.schedule.steps, firstMoment: Array.from(this.firstMoment), secondMoment: Array.from(this.secondMoment) };
  }

  setState(state: AdamState): void {
    this.schedule.validateState(state, this.size);
    this.schedule.steps = state.step;
    this.firstMoment.set(state.firstMoment);
    this.secondMoment.set(state.secondMoment);
  }
}

/**
 * The factor that brings a gradient of Euclidean norm `norm` within maxNorm, as
 * torch.nn.utils.clip_grad_norm_ computes it: min(1, maxNorm / (norm + 1e-6)).
 */
export function clipCoefficient(norm: number, maxNorm: number): number {
  return Math.min(1, maxNorm / (norm + 1e-6));
}

/**
 * Scales the gradients together so that their joint Euclidean norm is at most maxNorm
 * (clipCoefficient). Returns the norm before clipping.
 */
export function clipGradientNorm(gradients: readonly { [i: number]: number; length: number }[], maxNorm: number): number {
  let sumOfSquares = 0;
  for (const gradient of gradients) for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i]! * gradient[i]!;
  const norm = Math.sqrt(sumOfSquares);
  const coefficient = clipCoefficient(norm, maxNorm);
  if (coefficient < 1) {
    for (const gradient of gradients) for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i]! * coefficient;
  }
  return norm;
}

function nonNegative(value: number, name: string): number {
  assertFiniteNumber(value, `Adam ${name}`);
  if (value < 0) throw new RangeError(`Adam ${name} must be ≥ 0, got ${value}`);
  return value;
}
