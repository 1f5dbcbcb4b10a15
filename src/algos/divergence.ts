// Training stops at the first non-finite number it meets — a loss, a gradient norm, a policy's
// log-probabilities, a critic's values, a parameter after an update — with a message naming the
// iteration and the quantity: "training diverged at iteration 12: the policy's log-probabilities[3]
// is -Infinity". Caught where it appears, before it reaches a check further down that would only
// say that some argument was not finite, and before a checkpoint could keep it.

/** A non-finite value in training; `iteration` is filled in by the training loop when the algorithm does not know it. */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  constructor(readonly quantity: string, readonly value: number, readonly iteration?: number) {
    super(`training diverged${iteration === undefined ? '' : ` at iteration ${iteration}`}: the ${quantity} is ${value}`);
  }

  /** The same error, at `iteration` (if it does not name one already). */
  at(iteration: number): DivergenceError {
    return this.iteration === undefined ? new DivergenceError(this.quantity, this.value, iteration) : this;
  }
}

/** Throws DivergenceError "training diverged at iteration N: the WHAT is VALUE" unless value is finite. */
export function assertNotDiverged(value: number, what: string, iteration?: number): void {
  if (!Number.isFinite(value)) throw new DivergenceError(what, value, iteration);
}

/** {@link assertNotDiverged} on each entry, the first non-finite one named as WHAT[i]. */
export function assertAllNotDiverged(values: ArrayLike<number>, what: string, iteration?: number, count = values.length): void {
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[i]!)) throw new DivergenceError(`${what}[${i}]`, values[i]!, iteration);
}
