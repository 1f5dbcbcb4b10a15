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

/** A finite number above 0 (a scale, a stability constant). */
export function assertPositive(value: unknown, what: string): asserts value is number {
  assertFiniteNumber(value, what);
  if (!(value > 0)) throw new RangeError(`${what} must be > 0, got ${value}`);
}

/** A boolean, nothing else (no truthy stand-ins). */
export function assertBoolean(value: unknown, what: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${what} must be a boolean, got ${describe(value)}`);
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

/** Characters of an untrusted string that a message shows; the rest is summarised by its length. */
export const QUOTE_MAX_CHARACTERS = 80;

/**
 * `text` in single quotes for a message, safe to print whatever it holds: at most `max` characters
 * (then `…` and the full length), with backslashes, quotes, control characters (C0, DEL, C1: a
 * terminal would act on them), line and paragraph separators and bidirectional overrides (they
 * reorder what a reader sees: "Trojan Source", CVE-2021-42574) escaped as `\n` or `\uXXXX`.
 */
export function quote(text: string, max = QUOTE_MAX_CHARACTERS): string {
  const cut = truncate(text, max);
  return `'${escapeUnprintable(cut.text, true)}'${cut.rest}`;
}

/**
 * Any value for a message, as JSON (undefined, functions and symbols by their type): cut to
 * `max` characters (a string inside its quotes) and escaped as {@link quote} escapes. The JSON of
 * a value nested too deeply to serialise is summarised instead of overflowing the stack.
 */
export function preview(value: unknown, max = QUOTE_MAX_CHARACTERS): string {
  if (typeof value === 'string') {
    const cut = truncate(value, max);
    return `${escapeUnprintable(JSON.stringify(cut.text), false)}${cut.rest}`;
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return Array.isArray(value) ? `an array of length ${value.length}` : typeof value;
  const cut = truncate(json, max);
  return `${escapeUnprintable(cut.text, false)}${cut.rest}`;
}

/** The first `max` characters of `text` and, if that is not all, `…` and its full length. */
function truncate(text: string, max: number): { text: string; rest: string } {
  if (text.length <= max) return { text, rest: '' };
  // Not between the two halves of a surrogate pair.
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return { text: text.slice(0, end), rest: `… (${text.length} characters)` };
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNPRINTABLE_OR_QUOTE = new RegExp(`${UNPRINTABLE.source}|[\\\\']`, 'g');
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', "'": "\\'" };

function escapeUnprintable(text: string, quotes: boolean): string {
  return text.replace(quotes ? UNPRINTABLE_OR_QUOTE : UNPRINTABLE, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A short description of `value` for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value;
}
