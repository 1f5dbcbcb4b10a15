// Training stops at the first non-finite loss or gradient norm, with a message saying which, and
// when: a finite gradient keeps every Adam update finite, so these checks are all training needs.

/** Throws "training diverged: the WHAT is VALUE [at iteration N]" unless value is finite. */
export function assertNotDiverged(value: number, what: string, iteration?: number): void {
  if (!Number.isFinite(value)) {
    throw new Error(`training diverged: the ${what} is ${value}${iteration === undefined ? '' : ` at iteration ${iteration}`}`);
  }
}
