// The kernels as a validated public API, gl-matrix style: output first, sizes explicit, nothing
// allocated. Every array must live in this backend's memory (from `allocate`), so calls are
// zero-copy; lengths must match the sizes exactly.
import { ArenaArray, type Arena } from '../../engine/arena.js';
import type { DType, KernelSet, WasmMemory } from '../../engine/wasm-module.js';
import { ACTIVATION_CODE, ACTIVATIONS, type Activation } from '../../nn/mlp-layout.js';
import type { GemmLayout } from '../mlp-programme.js';
import { assertFiniteNumber, assertInteger, assertOneOf, type FloatArray } from '../../util/validate.js';

/** An array the kernels accept: an arena region or a typed-array view into the same memory. */
export type KernelArray = ArenaArray | FloatArray;

export type { GemmLayout };

export class WasmKernels {
  constructor(private readonly kernels: KernelSet, private readonly arena: Arena, private readonly memory: WasmMemory, readonly dtype: DType) {}

  /** `length` zeroed elements in the backend's memory. */
  allocate(length: number): ArenaArray {
    assertInteger(length, 'length', 0);
    return this.arena.allocate(this.dtype, length);
  }

  /** Σ a[i]·b[i]. */
  dot(a: KernelArray, b: KernelArray): number {
    const n = this.lengthOf(a, 'a');
    return this.kernels.dot(this.pointer(a, 'a', n), this.pointer(b, 'b', n), n);
  }

  /** Σ x[i]², summed in f64 in the order of i (as a plain loop sums): a squared norm for gradient clipping. */
  sumOfSquares(x: KernelArray): number {
    const n = this.lengthOf(x, 'x');
    return this.kernels.sumOfSquares(this.pointer(x, 'x', n), n);
  }

  /** y ← y + alpha·x. */
  axpy(y: KernelArray, alpha: number, x: KernelArray): void {
    assertFiniteNumber(alpha, 'alpha');
    const n = this.lengthOf(y, 'y');
    this.kernels.axpy(this.pointer(y, 'y', n), alpha, this.pointer(x, 'x', n), n);
  }

  /** x ← alpha·x. */
  scale(x: KernelArray, alpha: number): void {
    assertFiniteNumber(alpha, 'alpha');
    const n = this.lengthOf(x, 'x');
    this.kernels.scale(this.pointer(x, 'x', n), alpha, n);
  }

  /** out[j] ← (accumulate ? out[j] : 0) + Σ_i x[i][j], x [rows][columns]. */
  sumRows(out: KernelArray, x: KernelArray, rows: number, columns: number, accumulate = false): void {
    this.sizes({ rows, columns });
    this.kernels.sumRows(this.pointer(out, 'out', columns), this.pointer(x, 'x', rows * columns), rows, columns, flag(accumulate));
  }

  /** y ← (accumulate ? y : 0) + A·x, A [m][n], x [n], y [m]. */
  gemv(y: KernelArray, a: KernelArray, x: KernelArray, m: number, n: number, accumulate = false): void {
    this.sizes({ m, n });
    this.kernels.gemv(this.pointer(y, 'y', m), this.pointer(a, 'a', m * n), this.pointer(x, 'x', n), m, n, flag(accumulate));
  }

  /** y ← (accumulate ? y : 0) + Aᵀ·x, A [m][n], x [m], y [n]. */
  gemvTransposed(y: KernelArray, a: KernelArray, x: KernelArray, m: number, n: number, accumulate = false): void {
    this.sizes({ m, n });
    this.kernels.gemvT(this.pointer(y, 'y', n), this.pointer(a, 'a', m * n), this.pointer(x, 'x', m), m, n, flag(accumulate));
  }

  /**
   * C [m][n] ← (accumulate ? C : 0) + op(A)·op(B), all row-major: 'nn' A [m][k]·B [k][n];
   * 'nt' A [m][k]·B [n][k]ᵀ; 'tn' A [k][m]ᵀ·B [k][n].
   */
  gemm(c: KernelArray, a: KernelArray, b: KernelArray, m: number, k: number, n: number, layout: GemmLayout = 'nn', accumulate = false): void {
    this.sizes({ m, k, n });
    assertOneOf(layout, ['nn', 'nt', 'tn'] as const, 'layout');
    const run = layout === 'nn' ? this.kernels.gemmNN : layout === 'nt' ? this.kernels.gemmNT : this.kernels.gemmTN;
    run(this.pointer(c, 'c', m * n), this.pointer(a, 'a', m * k), this.pointer(b, 'b', k * n), m, k, n, flag(accumulate));
  }

  /** out [batch][nOut] ← a(x·Wᵀ + bias), x [batch][nIn], W [nOut][nIn]. */
  dense(out: KernelArray, x: KernelArray, weight: KernelArray, bias: KernelArray, batch: number, nIn: number, nOut: number, activation: Activation): void {
    this.sizes({ batch, nIn, nOut });
    this.kernels.denseForward(
      this.pointer(out, 'out', batch * nOut), this.pointer(x, 'x', batch * nIn), this.pointer(weight, 'weight', nOut * nIn),
      this.pointer(bias, 'bias', nOut), batch, nIn, nOut, this.code(activation),
    );
  }

  /** out ← a(x) elementwise. */
  activation(out: KernelArray, x: KernelArray, activation: Activation): void {
    const n = this.lengthOf(out, 'out');
    this.kernels.activationForward(this.pointer(out, 'out', n), this.pointer(x, 'x', n), n, this.code(activation));
  }

  /** out ← a'(z), given the outputs y = a(z). */
  activationDerivative(out: KernelArray, y: KernelArray, activation: Activation): void {
    const n = this.lengthOf(out, 'out');
    this.kernels.activationDerivative(this.pointer(out, 'out', n), this.pointer(y, 'y', n), n, this.code(activation));
  }

  /** out ← a''(z), given the outputs y = a(z). */
  activationSecondDerivative(out: KernelArray, y: KernelArray, activation: Activation): void {
    const n = this.lengthOf(out, 'out');
    this.kernels.activationSecondDerivative(this.pointer(out, 'out', n), this.pointer(y, 'y', n), n, this.code(activation));
  }

  /** out ← upstream ⊙ a'(z), given y = a(z). */
  activationBackward(out: KernelArray, upstream: KernelArray, y: KernelArray, activation: Activation): void {
    const n = this.lengthOf(out, 'out');
    this.kernels.activationBackward(this.pointer(out, 'out', n), this.pointer(upstream, 'upstream', n), this.pointer(y, 'y', n), n, this.code(activation));
  }

  /** out ← upstreamTangent ⊙ a'(z) + upstream ⊙ a''(z) ⊙ preActivationTangent, given y = a(z). */
  activationBackwardTangent(out: KernelArray, upstreamTangent: KernelArray, upstream: KernelArray, y: KernelArray, preActivationTangent: KernelArray, activation: Activation): void {
    const n = this.lengthOf(out, 'out');
    this.kernels.activationBackwardTangent(
      this.pointer(out, 'out', n), this.pointer(upstreamTangent, 'upstreamTangent', n), this.pointer(upstream, 'upstream', n),
      this.pointer(y, 'y', n), this.pointer(preActivationTangent, 'preActivationTangent', n), n, this.code(activation),
    );
  }

  private code(activation: Activation): number {
    assertOneOf(activation, ACTIVATIONS, 'activation');
    return ACTIVATION_CODE[activation];
  }

  private sizes(sizes: Record<string, number>): void {
    for (const [name, value] of Object.entries(sizes)) assertInteger(value, name, 0, 2 ** 30);
  }

  private lengthOf(array: KernelArray, what: string): number {
    if (array instanceof ArenaArray) return array.length;
    if (array instanceof Float32Array || array instanceof Float64Array) return array.length;
    throw new TypeError(`${what} must be an array from allocate(), got ${typeof array}`);
  }

  /** The byte pointer of `array`, after checking that it lives here, has this dtype and `length` elements. */
  private pointer(array: KernelArray, what: string, length: number): number {
    const expected = this.dtype === 'f32' ? Float32Array : Float64Array;
    if (array instanceof ArenaArray) {
      if (array.dtype !== this.dtype) throw new TypeError(`${what} must be ${this.dtype}, got ${array.dtype}`);
      array = array.array;
    }
    if (!(array instanceof expected)) {
      throw new TypeError(`${what} must be a ${expected.name} from allocate(), got ${array?.constructor?.name ?? typeof array}`);
    }
    if (array.buffer !== this.memory.buffer) {
      throw new TypeError(`${what} must live in this backend's memory (use allocate(); views made before memory grew are detached)`);
    }
    if (array.length !== length) throw new RangeError(`${what} must have length ${length}, got ${array.length}`);
    return array.byteOffset;
  }
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}
