// Checks for public entry points. Each throws an error that names the argument (`what`) and says
// what was expected, so that nothing malformed reaches a kernel.

export type FloatArray = Float32Array | Float64Array;

/** A length-indexed numeric sequence: plain arrays and typed arrays alike. */
export type NumericArray = ArrayLike<number>;

export function assertInteger(value: unknown, what: string, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${what} must be an integer ${range}, got ${describe(value)}`);
  }
}

export function assertFiniteNumber(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${describe(value)}`);
  }
}

/** A sequence of numbers of exactly `length` elements, all finite. */
export function assertFiniteArray(value: unknown, what: string, length?: number): asserts value is NumericArray {
  if (!isNumericArray(value)) {
    throw new TypeError(`${what} must be an array or typed array of numbers, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${what} must have length ${length}, got ${value.length}`);
  }
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`${what}[${i}] must be a finite number, got ${describe(x)}`);
    }
  }
}

/** A result computed by a callback (a loss, a metric) that must be finite before it goes on. */
export function assertFiniteResult(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${what}[${i}] is ${values[i]}; it must be finite`);
  }
}

/** Rejects keys of `options` outside `known`, naming every unknown one. */
export function assertKnownKeys(options: object, known: readonly string[], what: string): void {
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`${what}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; expected one of ${known.join(', ')}`);
  }
}

export function assertOneOf<T extends string>(value: unknown, choices: readonly T[], what: string): asserts value is T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${what} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`);
  }
}

/** Whether `value` is a plain array or a typed array (its elements are not checked). */
export function isNumericArray(value: unknown): value is NumericArray {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** A short description of `value` for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value;
}
