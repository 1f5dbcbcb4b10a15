// numpy's default bit generator PCG64 (numpy/random/src/pcg64/pcg64.h, after O'Neill's PCG
// family): a 128-bit linear congruential generator whose 64-bit output is the XSL-RR permutation
// of the new state. The 128-bit arithmetic runs in doubles on exact integers, no BigInt: the state
// as four 32-bit words times the multiplier as eight 16-bit limbs, 20 partial products of at most
// 48 bits (only those that reach the low 128 bits), each column sum below 2⁵¹. A draw costs little
// more than `Random.uniform()` (two xoshiro128** outputs; about 23 against 19 ns in Node 20), which
// matters because the classic-control envs draw their initial states from it on every reset, and
// CartPole resets every few dozen steps.
import { describe } from '../util/validate.js';
import { SeedSequence } from './seed-sequence.js';

// PCG's default 128-bit multiplier 0x2360ed051fc65da44385df649fccf645 as 16-bit limbs, least significant first.
const M0 = 0xf645;
const M1 = 0x9fcc;
const M2 = 0xdf64;
const M3 = 0x4385;
const M4 = 0x5da4;
const M5 = 0x1fc6;
const M6 = 0xed05;
const M7 = 0x2360;
const TWO_16 = 0x10000;
const INVERSE_TWO_16 = 1 / 0x10000;
const INVERSE_TWO_32 = 1 / 0x100000000;
const INVERSE_TWO_53 = 1 / 9007199254740992;

/**
 * PCG64 as numpy implements it. `nextUint64` leaves the 64-bit output in `high` and `low`
 * (unsigned 32-bit halves); `nextDouble` is numpy's `next_double`, (x >> 11) · 2⁻⁵³.
 */
export class PCG64 {
  // The 128-bit state and increment (odd) as 32-bit words, least significant first, stored as
  // signed int32 (`| 0`), which V8 keeps as small integers in the object (an unsigned word above
  // 2³¹ would be a boxed double: a fifth slower) and read back unsigned (`>>> 0`).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private i0 = 1;
  private i1 = 0;
  private i2 = 0;
  private i3 = 0;
  /** The high 32 bits of the latest output. */
  high = 0;
  /** The low 32 bits of the latest output. */
  low = 0;

  /**
   * numpy's `PCG64(seed)` for a non-negative integer seed: `SeedSequence(seed).generate_state(4,
   * uint64)` gives the initial state (words 0, 1: high and low 64 bits) and the stream (words 2, 3),
   * then PCG's `srandom`: state 0, increment 2·stream + 1, a step, add the initial state, a step.
   */
  static fromSeed(seed: number): PCG64 {
    const words = new SeedSequence(seed).generateState(8);
    // uint64 word k is 32-bit words 2k (low) and 2k + 1 (high); the 128-bit numbers are (word 0 : word 1) and (word 2 : word 3).
    const initState = [words[2]!, words[3]!, words[0]!, words[1]!];
    const stream = [words[6]!, words[7]!, words[4]!, words[5]!];
    const increment: number[] = [];
    let carry = 1;
    for (let i = 0; i < 4; i++) {
      // (stream << 1) | 1, word by word: each word's top bit moves into the next.
      increment.push(((stream[i]! << 1) | carry) >>> 0);
      carry = stream[i]! >>> 31;
    }
    const generator = new PCG64();
    generator.assign([0, 0, 0, 0], increment);
    generator.step();
    const state = generator.getState().slice(0, 4);
    carry = 0;
    for (let i = 0; i < 4; i++) {
      const sum = state[i]! + initState[i]! + carry;
      state[i] = sum >>> 0;
      carry = sum > 0xffffffff ? 1 : 0;
    }
    generator.assign(state, increment);
    generator.step();
    return generator;
  }

  /**
   * Advances the state: state ← state · multiplier + increment (mod 2¹²⁸). Word k of the result
   * collects the products a_i·M_j at bit 32k (2i + j = 2k) and the low 16 bits of those at bit
   * 32k + 16 (2i + j = 2k + 1); what lies above bit 32k + 31 carries into word k + 1, and above
   * bit 127 is dropped. Every intermediate is an integer below 2⁵³, so every operation is exact.
   */
  private step(): void {
    const a0 = this.s0 >>> 0;
    const a1 = this.s1 >>> 0;
    const a2 = this.s2 >>> 0;
    const a3 = this.s3 >>> 0;
    let odd = a0 * M1;
    let oddLow = odd & 0xffff;
    let sum = a0 * M0 + oddLow * TWO_16 + (this.i0 >>> 0);
    const w0 = sum >>> 0;
    let carry = (sum - w0) * INVERSE_TWO_32 + (odd - oddLow) * INVERSE_TWO_16;
    odd = a0 * M3 + a1 * M1;
    oddLow = odd & 0xffff;
    sum = a0 * M2 + a1 * M0 + oddLow * TWO_16 + (this.i1 >>> 0) + carry;
    const w1 = sum >>> 0;
    carry = (sum - w1) * INVERSE_TWO_32 + (odd - oddLow) * INVERSE_TWO_16;
    odd = a0 * M5 + a1 * M3 + a2 * M1;
    oddLow = odd & 0xffff;
    sum = a0 * M4 + a1 * M2 + a2 * M0 + oddLow * TWO_16 + (this.i2 >>> 0) + carry;
    const w2 = sum >>> 0;
    carry = (sum - w2) * INVERSE_TWO_32 + (odd - oddLow) * INVERSE_TWO_16;
    odd = a0 * M7 + a1 * M5 + a2 * M3 + a3 * M1;
    sum = a0 * M6 + a1 * M4 + a2 * M2 + a3 * M0 + (odd & 0xffff) * TWO_16 + (this.i3 >>> 0) + carry;
    this.s0 = w0 | 0;
    this.s1 = w1 | 0;
    this.s2 = w2 | 0;
    this.s3 = sum | 0;
  }

  /**
   * Steps and sets `high`, `low` to the XSL-RR output: (state_hi ⊕ state_lo) rotated right by the
   * state's top 6 bits. Without branches: a rotation by 32 or more swaps the halves first (through
   * a mask), and `(x << (31 − r)) << 1` is x << (32 − r) that gives 0 for r = 0, where JavaScript's
   * shift count, taken mod 32, would give x.
   */
  nextUint64(): void {
    this.step();
    const x = this.s3 ^ this.s1;
    const y = this.s2 ^ this.s0;
    const rotation = this.s3 >>> 26;
    const swap = (x ^ y) & -(rotation >>> 5);
    const hi = x ^ swap;
    const lo = y ^ swap;
    const r = rotation & 31;
    this.high = ((hi >>> r) | ((lo << (31 - r)) << 1)) >>> 0;
    this.low = ((lo >>> r) | ((hi << (31 - r)) << 1)) >>> 0;
  }

  /** numpy's `next_double`: the top 53 bits of the next output, times 2⁻⁵³, in [0, 1). */
  nextDouble(): number {
    this.nextUint64();
    return (this.high * 0x200000 + (this.low >>> 11)) * INVERSE_TWO_53;
  }

  /** The state and increment as eight unsigned 32-bit words (state, then increment; least significant first). */
  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3, this.i0, this.i1, this.i2, this.i3].map((word) => word >>> 0);
  }

  /**
   * Restores a state from {@link getState}; the increment must be odd, as PCG requires.
   * @param words eight unsigned 32-bit integers
   * @param what the name of the argument in the error, default `'PCG64.setState'`
   */
  setState(words: readonly number[], what = 'PCG64.setState'): void {
    const problem = PCG64.stateProblem(words);
    if (problem !== undefined) throw new RangeError(`${what} ${problem}`);
    this.assign(words.slice(0, 4), words.slice(4));
  }

  /**
   * Why `words` is not a state {@link setState} takes, as "must be …, got …", or undefined if it is
   * one: eight unsigned 32-bit integers, the fifth (the increment's lowest word) odd.
   */
  static stateProblem(words: unknown): string | undefined {
    if (!Array.isArray(words) || words.length !== 8) {
      return `must be numpy's PCG64 state, 8 unsigned 32-bit words (state, then increment), got ${Array.isArray(words) ? `${words.length} words` : describe(words)}`;
    }
    const bad = words.findIndex((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff);
    if (bad >= 0) return `must be 8 unsigned 32-bit words, got word ${bad} = ${describe(words[bad])}`;
    if ((words[4] as number) % 2 !== 1) return `must have an odd increment (words 4 to 7), got word 4 = ${words[4]}`;
    return undefined;
  }

  private assign(state: readonly number[], increment: readonly number[]): void {
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word | 0) as [number, number, number, number];
    [this.i0, this.i1, this.i2, this.i3] = increment.map((word) => word | 0) as [number, number, number, number];
  }
}
