// numpy's default bit generator PCG64 (numpy/random/src/pcg64/pcg64.h, after O'Neill's PCG
// family): a 128-bit linear congruential generator whose 64-bit output is the XSL-RR permutation
// of the new state. The 128-bit arithmetic runs on eight 16-bit limbs in doubles, so every
// partial product and column sum is exact; no BigInt. Draws happen only at resets, where this
// costs well under a microsecond per draw.
import { assertInteger } from '../util/validate.js';
import { SeedSequence } from './seed-sequence.js';

const LIMBS = 8;
/** PCG's default 128-bit multiplier 0x2360ed051fc65da44385df649fccf645, least significant limb first. */
const MULTIPLIER = [0xf645, 0x9fcc, 0xdf64, 0x4385, 0x5da4, 0x1fc6, 0xed05, 0x2360];

/**
 * PCG64 as numpy implements it. `nextUint64` leaves the 64-bit output in `high` and `low`
 * (unsigned 32-bit halves); `nextDouble` is numpy's `next_double`, (x >> 11) · 2⁻⁵³.
 */
export class PCG64 {
  /** The 128-bit state, 16-bit limbs, least significant first. */
  private readonly state = new Float64Array(LIMBS);
  /** The 128-bit increment (odd), likewise. */
  private readonly increment = new Float64Array(LIMBS);
  private readonly columns = new Float64Array(LIMBS);
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
    const generator = new PCG64();
    const inc = new Uint32Array(4);
    let carry = 1;
    for (let i = 0; i < 4; i++) {
      // (stream << 1) | 1, word by word: each word's top bit moves into the next.
      inc[i] = ((stream[i]! << 1) | carry) >>> 0;
      carry = stream[i]! >>> 31;
    }
    generator.setWords(generator.increment, inc);
    generator.step();
    const s = generator.state;
    let c = 0;
    for (let i = 0; i < LIMBS; i++) {
      const limb = i % 2 === 0 ? initState[i >> 1]! & 0xffff : initState[i >> 1]! >>> 16;
      const t = s[i]! + limb + c;
      c = t >= 0x10000 ? 1 : 0;
      s[i] = t - c * 0x10000;
    }
    generator.step();
    return generator;
  }

  /** Advances the state: state ← state · multiplier + increment (mod 2¹²⁸). */
  private step(): void {
    const s = this.state;
    const col = this.columns;
    col.fill(0);
    for (let i = 0; i < LIMBS; i++) {
      const si = s[i]!;
      for (let j = 0; j < LIMBS - i; j++) col[i + j] += si * MULTIPLIER[j]!;
    }
    let carry = 0;
    for (let k = 0; k < LIMBS; k++) {
      const t = col[k]! + this.increment[k]! + carry;
      carry = Math.floor(t / 0x10000);
      s[k] = t - carry * 0x10000;
    }
  }

  /** Steps and sets `high`, `low` to the XSL-RR output: (state_hi ⊕ state_lo) rotated right by the state's top 6 bits. */
  nextUint64(): void {
    this.step();
    const s = this.state;
    const w0 = s[0]! + s[1]! * 0x10000;
    const w1 = s[2]! + s[3]! * 0x10000;
    const w2 = s[4]! + s[5]! * 0x10000;
    const w3 = s[6]! + s[7]! * 0x10000;
    let hi = (w3 ^ w1) >>> 0;
    let lo = (w2 ^ w0) >>> 0;
    let rotation = w3 >>> 26;
    if (rotation >= 32) {
      const t = hi;
      hi = lo;
      lo = t;
      rotation -= 32;
    }
    if (rotation === 0) {
      this.high = hi;
      this.low = lo;
    } else {
      this.high = ((hi >>> rotation) | (lo << (32 - rotation))) >>> 0;
      this.low = ((lo >>> rotation) | (hi << (32 - rotation))) >>> 0;
    }
  }

  /** numpy's `next_double`: the top 53 bits of the next output, times 2⁻⁵³, in [0, 1). */
  nextDouble(): number {
    this.nextUint64();
    return (this.high * 0x200000 + (this.low >>> 11)) / 9007199254740992;
  }

  /** The state and increment as eight unsigned 32-bit words (state, then increment; least significant first). */
  getState(): number[] {
    const words: number[] = [];
    for (const limbs of [this.state, this.increment]) for (let i = 0; i < LIMBS; i += 2) words.push(limbs[i]! + limbs[i + 1]! * 0x10000);
    return words;
  }

  /** Restores a state from {@link getState}; the increment must be odd, as PCG requires. */
  setState(words: readonly number[]): void {
    if (!Array.isArray(words) || words.length !== 8) throw new RangeError(`PCG64.setState: expected 8 unsigned 32-bit words, got ${words.length} words`);
    words.forEach((w, i) => assertInteger(w, `PCG64.setState: word ${i}`, 0, 0xffffffff));
    if (words[4]! % 2 !== 1) throw new RangeError('PCG64.setState: the increment (words 4 to 7) must be odd');
    this.setWords(this.state, words.slice(0, 4));
    this.setWords(this.increment, words.slice(4));
  }

  private setWords(limbs: Float64Array, words: ArrayLike<number>): void {
    for (let i = 0; i < 4; i++) {
      limbs[2 * i] = words[i]! & 0xffff;
      limbs[2 * i + 1] = words[i]! >>> 16;
    }
  }
}
