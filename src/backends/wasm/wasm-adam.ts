// Adam over a wasm network: the CPU Adam (f64 moments) stepping the parameters in place through
// their zero-copy view, with the gradient read through its view — nothing is copied.
import { Adam, type AdamOptions, type AdamState } from '../../nn/adam.js';
import type { FloatArray } from '../../util/validate.js';
import type { NetworkAdam } from '../backend.js';

/** What the optimiser steps: a network's parameters and gradient, as live views (WasmMLP). */
export interface ParameterViews {
  readonly parameters: FloatArray;
  readonly gradients: FloatArray;
}

export class WasmAdam implements NetworkAdam {
  private readonly adam: Adam;

  constructor(private readonly network: ParameterViews, parameterCount: number, options?: AdamOptions) {
    this.adam = new Adam(parameterCount, options);
  }

  get learningRate(): number {
    return this.adam.learningRate;
  }

  set learningRate(value: number) {
    this.adam.learningRate = value;
  }

  step(gradientScale = 1): void {
    // Views, taken now: memory growth since the last step would have detached older ones.
    this.adam.apply(this.network.parameters, this.network.gradients, gradientScale);
  }

  getState(): AdamState {
    return this.adam.getState();
  }

  setState(state: AdamState): void {
    this.adam.setState(state);
  }
}
