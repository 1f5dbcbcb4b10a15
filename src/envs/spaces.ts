// Action and observation spaces, after Gymnasium's `Discrete` and `Box`. Each space owns a seeded
// generator for `sample()`, independent of the environment's, as in Gymnasium.
import { log } from '../math/index.js';
import { Random } from '../random/prng.js';
import { assertInteger, describe, isNumericArray } from '../util/validate.js';

export interface Space<T> {
  /** A uniformly drawn element (Box: see {@link Box.sample}). */
  sample(): T;
  /** Whether `value` is an element of the space (type, shape and range). */
  contains(value: unknown): value is T;
  /** Why `value` is not an element, or `undefined` when it is one. */
  explain(value: unknown): string | undefined;
  /** Reseeds the space's own generator, so that `sample()` repeats. */
  seed(seed: number): void;
  /** Gymnasium's notation, e.g. `Discrete(2)` or `Box(-2, 2, (1,), float32)`. */
  toString(): string;
}

abstract class SeededSpace<T> implements Space<T> {
  protected random = new Random(entropySeed());

  abstract sample(): T;
  abstract explain(value: unknown): string | undefined;
  abstract toString(): string;

  contains(value: unknown): value is T {
    return this.explain(value) === undefined;
  }

  seed(seed: number): void {
    assertInteger(seed, `${this}.seed: seed`);
    this.random = new Random(seed);
  }
}

/** The integers {0, 1, …, n − 1}. Elements are plain numbers. */
export class Discrete extends SeededSpace<number> {
  /** @param n the number of elements (≥ 1). */
  constructor(readonly n: number) {
    super();
    assertInteger(n, 'Discrete: n', 1, 2 ** 31 - 1);
  }

  sample(): number {
    return this.random.integer(this.n);
  }

  explain(value: unknown): string | undefined {
    if (typeof value !== 'number') return `expected an integer, got ${describe(value)}`;
    if (!Number.isInteger(value) || value < 0 || value >= this.n) return `expected an integer in [0, ${this.n - 1}], got ${value}`;
    return undefined;
  }

  override toString(): string {
    return `Discrete(${this.n})`;
  }
}

/**
 * A box [low, high] of float32 values with a given shape (row-major). Bounds are stored as their
 * float32 values, as Gymnasium stores a float32 Box; ±Infinity marks an unbounded side.
 */
export class Box extends SeededSpace<Float32Array> {
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly shape: readonly number[];
  /** Number of elements: the product of `shape`. */
  readonly size: number;

  /**
   * @param low lower bound, one number for every element or an array of `size` numbers
   * @param high upper bound, likewise
   * @param shape the shape; by default that of an array bound, or [1] for scalar bounds
   */
  constructor(low: number | ArrayLike<number>, high: number | ArrayLike<number>, shape?: readonly number[]) {
    super();
    const inferred = typeof low !== 'number' ? [low.length] : typeof high !== 'number' ? [high.length] : [1];
    this.shape = [...(shape ?? inferred)];
    this.shape.forEach((d, i) => assertInteger(d, `Box: shape[${i}]`, 1));
    this.size = this.shape.reduce((a, b) => a * b, 1);
    this.low = boundArray(low, this.size, 'Box: low');
    this.high = boundArray(high, this.size, 'Box: high');
    for (let i = 0; i < this.size; i++) {
      if (!(this.low[i]! <= this.high[i]!) || this.low[i] === Infinity || this.high[i] === -Infinity) {
        throw new RangeError(`Box: low[${i}] = ${this.low[i]} and high[${i}] = ${this.high[i]} must satisfy low ≤ high with finite or outward-infinite bounds`);
      }
    }
  }

  /** Whether every element has finite bounds on both sides. */
  isBounded(): boolean {
    for (let i = 0; i < this.size; i++) if (!Number.isFinite(this.low[i]!) || !Number.isFinite(this.high[i]!)) return false;
    return true;
  }

  /**
   * Gymnasium's sampling: uniform on a bounded side pair, low + Exp(1) or high − Exp(1) on a
   * half-bounded element, a standard normal on an unbounded one. Returns a new array.
   */
  sample(): Float32Array {
    const out = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const low = this.low[i]!;
      const high = this.high[i]!;
      const lowFinite = Number.isFinite(low);
      const highFinite = Number.isFinite(high);
      let x: number;
      if (lowFinite && highFinite) x = this.random.uniformIn(low, high);
      else if (lowFinite) x = low - log(1 - this.random.uniform());
      else if (highFinite) x = high + log(1 - this.random.uniform());
      else x = this.random.normal();
      // Rounding to float32 may step outside by one ulp; clamp back so the sample is contained.
      out[i] = Math.min(Math.max(Math.fround(x), low), high);
    }
    return out;
  }

  explain(value: unknown): string | undefined {
    return this.check(value, true);
  }

  /**
   * Why `value` is not an array of `size` finite numbers, or `undefined` when it is one, whatever
   * its range: what an environment that clips its actions (Gymnasium's Pendulum-v1, for one)
   * accepts. NaN and ±Infinity never pass.
   */
  explainShape(value: unknown): string | undefined {
    return this.check(value, false);
  }

  /**
   * Whether `value` is a Float32Array of this box's size with finite elements (the actions a
   * policy gives): explainShape's common case, tested without the work of preparing a message.
   */
  isFiniteFloat32(value: unknown): boolean {
    if (!(value instanceof Float32Array) || value.length !== this.size) return false;
    for (let i = 0; i < value.length; i++) if (!Number.isFinite(value[i])) return false;
    return true;
  }

  private check(value: unknown, bounded: boolean): string | undefined {
    if (!isNumericArray(value)) {
      return `expected an array or typed array of ${this.size} number${this.size > 1 ? 's' : ''}, got ${describe(value)}`;
    }
    const array = value as ArrayLike<unknown>;
    if (array.length !== this.size) return `expected length ${this.size}, got length ${array.length}`;
    for (let i = 0; i < this.size; i++) {
      const x = array[i];
      if (typeof x !== 'number') return `element ${i} must be a number, got ${describe(x)}`;
      if (bounded ? !(x >= this.low[i]! && x <= this.high[i]!) : !Number.isFinite(x)) {
        return bounded ? `element ${i} must lie in [${this.low[i]}, ${this.high[i]}], got ${x}` : `element ${i} must be a finite number, got ${x}`;
      }
    }
    return undefined;
  }

  override toString(): string {
    const bound = (b: Float64Array) => (b.every((x) => x === b[0]) ? String(b[0]) : `[${Array.from(b).join(', ')}]`);
    return `Box(${bound(this.low)}, ${bound(this.high)}, (${this.shape.join(', ')},), float32)`;
  }
}

function boundArray(bound: number | ArrayLike<number>, size: number, what: string): Float64Array {
  const out = new Float64Array(size);
  if (typeof bound === 'number') {
    if (Number.isNaN(bound)) throw new RangeError(`${what} must be a number or ±Infinity, got NaN`);
    return out.fill(Math.fround(bound));
  }
  if (bound.length !== size) throw new RangeError(`${what} must have length ${size}, got ${bound.length}`);
  for (let i = 0; i < size; i++) {
    const x = bound[i];
    if (typeof x !== 'number' || Number.isNaN(x)) throw new RangeError(`${what}[${i}] must be a number or ±Infinity, got ${describe(x)}`);
    out[i] = Math.fround(x);
  }
  return out;
}

/** Numbers per action of `space`: 1 for a Discrete space (the action's index), the Box's size otherwise. */
export function actionSizeOf(space: Discrete | Box): number {
  return 'n' in space ? 1 : space.size;
}

/** A seed for generators the user did not seed, as Gymnasium draws one from the OS. */
export function entropySeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}
