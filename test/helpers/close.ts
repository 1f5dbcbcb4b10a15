import * as assert from 'uvu/assert';

/** Asserts |actual[i] − expected[i]| ≤ tolerance for every element, naming the first that is not. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what = 'value'): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    assert.ok(error <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (error ${error} > ${tolerance})`);
  }
}
