// Adam over a wasm network: the step is one kernel (assembly/adam.ts) over the parameters and the
// gradient where they lie and the moments beside them in the same memory — nothing is copied.
// The kernel does the CPU Adam's f64 operations in its order (src/nn/adam.ts), so the two agree
// bit for bit; the schedule (step count, bias corrections) is the same AdamSchedule.
import type { Arena, ArenaArray } from '../../engine/arena.js';
import type { KernelSet } from '../../engine/wasm-module.js';
import { ScheduledAdam, type AdamOptions, type AdamState } from '../../nn/adam.js';
import { assertFiniteNumber, describe } from '../../util/validate.js';
import type { NetworkAdam } from '../backend.js';

export class WasmAdam extends ScheduledAdam implements NetworkAdam {
  /** m and v, f64, in the arena. */
  private readonly firstMoment: ArenaArray;
  private readonly secondMoment: ArenaArray;

  /**
   * @param parameters the network's parameters, stepped in place.
   * @param gradients the network's gradient buffer, which each step reads as it stands.
   */
  constructor(private readonly kernels: KernelSet, arena: Arena, private readonly parameters: ArenaArray, private readonly gradients: ArenaArray, options?: AdamOptions) {
    super(options);
    this.firstMoment = arena.allocate('f64', parameters.length);
    this.secondMoment = arena.allocate('f64', parameters.length);
  }

  step(gradientScale = 1): void {
    assertFiniteNumber(gradientScale, 'Adam gradientScale');
    const n = this.parameters.length;
    const nonFinite = this.kernels.firstNonFinite(this.gradients.pointer, n);
    if (nonFinite >= 0) throw new RangeError(`Adam gradient[${nonFinite}] must be a finite number, got ${describe(this.gradients.array[nonFinite])}`);
    const { beta1, beta2, epsilon } = this.schedule;
    const { stepSize, correction2 } = this.schedule.next();
    this.kernels.adamStep(
      this.parameters.pointer, this.gradients.pointer, this.firstMoment.pointer, this.secondMoment.pointer, n,
      beta1, beta2, epsilon, stepSize, correction2, gradientScale,
    );
  }

  getState(): AdamState {
    return { step: this.schedule.steps, firstMoment: Array.from(this.firstMoment.array), secondMoment: Array.from(this.secondMoment.array) };
  }

  setState(state: AdamState): void {
    this.schedule.validateState(state, this.parameters.length);
    this.schedule.steps = state.step;
    this.firstMoment.array.set(state.firstMoment);
    this.secondMoment.array.set(state.secondMoment);
  }
}
