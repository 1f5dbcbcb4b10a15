// Reading the keyword arguments of the MuJoCo environments from `make(id, options)`: each one
// named in camelCase after Gymnasium's, validated, with Gymnasium's default.
import { assertFiniteNumber, assertInteger, describe } from '../../util/validate.js';

/** A finite number option, `fallback` when absent. */
export function numberOption(options: Record<string, unknown>, key: string, fallback: number, id: string): number {
  const value = options[key] ?? fallback;
  assertFiniteNumber(value, `${id} options.${key}`);
  return value;
}

/** A non-negative finite number option (a noise scale), `fallback` when absent. */
export function scaleOption(options: Record<string, unknown>, key: string, fallback: number, id: string): number {
  const value = numberOption(options, key, fallback, id);
  if (value < 0) throw new RangeError(`${id} options.${key} must be ≥ 0, got ${value}`);
  return value;
}

/** A positive integer option (frameSkip, maxEpisodeSteps), `fallback` when absent. */
export function countOption(options: Record<string, unknown>, key: string, fallback: number, id: string): number {
  const value = options[key] ?? fallback;
  assertInteger(value, `${id} options.${key}`, 1);
  return value;
}

/** A boolean option, `fallback` when absent. */
export function booleanOption(options: Record<string, unknown>, key: string, fallback: boolean, id: string): boolean {
  const value = options[key] ?? fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${id} options.${key} must be a boolean, got ${describe(value)}`);
  return value;
}

/** An open interval (low, high) of numbers (±Infinity allowed) with low ≤ high, as Gymnasium's range tuples. */
export function rangeOption(options: Record<string, unknown>, key: string, fallback: readonly [number, number], id: string): readonly [number, number] {
  const value = options[key] ?? fallback;
  const valid = Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'number' && !Number.isNaN(x)) && value[0] <= value[1];
  if (!valid) throw new RangeError(`${id} options.${key} must be a pair [low, high] of numbers with low ≤ high, got ${describe(value)}`);
  return [value[0], value[1]];
}
