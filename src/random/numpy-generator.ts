// numpy's `Generator` over PCG64, as far as Gymnasium's environments draw from it: `random`,
// `uniform` and `standard_normal` / `normal` (numpy/random/_generator.pyx and
// numpy/random/src/distributions/distributions.c). With the same seed it returns the same doubles
// as `np.random.Generator(np.random.PCG64(seed))`, bit for bit, so an initial state drawn here is
// the one Gymnasium draws.
import { exp, log1p } from '../math/index.js';
import { assertFiniteNumber, assertInteger } from '../util/validate.js';
import { PCG64 } from './pcg64.js';
import { FI_DOUBLE, KI_DOUBLE, WI_DOUBLE } from './ziggurat-tables.js';

/** The start of the normal's tail, numpy's `ziggurat_nor_r`, and its reciprocal `ziggurat_nor_inv_r`. */
const ZIGGURAT_R = 3.6541528853610087963519472518;
const ZIGGURAT_INV_R = 0.27366123732975827203338247596;

/**
 * `np.random.default_rng(seed)`, i.e. `Generator(PCG64(SeedSequence(seed)))`, which Gymnasium's
 * `np_random` is. The state is PCG64's (see {@link getState}); numpy's buffered 32-bit half-word
 * is never used by these draws, so it is not part of it.
 */
export class NumpyGenerator {
  private readonly bits: PCG64;

  /** @param seed a non-negative safe integer, as Gymnasium's `reset(seed=…)` takes */
  constructor(seed: number) {
    this.bits = PCG64.fromSeed(seed);
  }

  /** `Generator.random()`: a double in [0, 1) with 53 random bits. */
  random(): number {
    return this.bits.nextDouble();
  }

  /** `Generator.uniform(low, high)`: low + (high − low) · U, numpy's `random_uniform`. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.bits.nextDouble();
  }

  /** Fills `out` with `Generator.uniform(low, high, size=out.length)`, element 0 first. */
  uniformFill(out: Float64Array, low: number, high: number): Float64Array {
    assertFiniteNumber(low, 'NumpyGenerator.uniformFill: low');
    assertFiniteNumber(high, 'NumpyGenerator.uniformFill: high');
    for (let i = 0; i < out.length; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /**
   * `Generator.standard_normal()`: numpy's `random_standard_normal`, Marsaglia and Tsang's
   * ziggurat with 256 layers. One 64-bit draw gives the layer (low 8 bits), the sign (bit 8) and a
   * 52-bit mantissa (bits 9 to 60); 99.3% of draws return at once. The wedge test and the tail
   * (layer 0, beyond r) use exp and log1p, src/math's, the same bits in every engine.
   */
  standardNormal(): number {
    const bits = this.bits;
    for (;;) {
      bits.nextUint64();
      const low = bits.low;
      const layer = low & 0xff;
      const negative = ((low >>> 8) & 1) === 1;
      const mantissa = (bits.high & 0x1fffffff) * 0x800000 + (low >>> 9);
      const x = negative ? -(mantissa * WI_DOUBLE[layer]!) : mantissa * WI_DOUBLE[layer]!;
      if (mantissa < KI_DOUBLE[layer]!) return x;
      if (layer === 0) {
        for (;;) {
          // numpy takes log1p(−U) (its GH 13361), so that U = 0 cannot give log(0).
          const xx = -ZIGGURAT_INV_R * log1p(-bits.nextDouble());
          const yy = -log1p(-bits.nextDouble());
          if (yy + yy > xx * xx) return ((mantissa / 256) & 1) === 1 ? -(ZIGGURAT_R + xx) : ZIGGURAT_R + xx;
        }
      }
      if ((FI_DOUBLE[layer - 1]! - FI_DOUBLE[layer]!) * bits.nextDouble() + FI_DOUBLE[layer]! < exp(-0.5 * x * x)) return x;
    }
  }

  /** `Generator.normal(loc, scale)`: loc + scale · z, numpy's `random_normal`. */
  normal(loc: number, scale: number): number {
    return loc + scale * this.standardNormal();
  }

  /** Fills `out` with `Generator.standard_normal(size=out.length)`, element 0 first. */
  standardNormalFill(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal();
    return out;
  }

  /** PCG64's state and increment as eight unsigned 32-bit words, to save in a checkpoint. */
  getState(): number[] {
    return this.bits.getState();
  }

  /**
   * Restores a state from {@link getState}.
   * @param words eight unsigned 32-bit integers, the increment's lowest word (the fifth) odd
   * @param what the name of the argument in the error, default `'NumpyGenerator.setState'`
   */
  setState(words: readonly number[], what = 'NumpyGenerator.setState'): void {
    this.bits.setState(words, what);
  }
}

/** Validates a Gymnasium-style seed: a non-negative safe integer (Gymnasium rejects negative seeds). */
export function assertSeed(seed: unknown, what: string): asserts seed is number {
  assertInteger(seed, what, 0, Number.MAX_SAFE_INTEGER);
}
