// numpy's SeedSequence (numpy/random/bit_generator.pyx, after Melissa O'Neill's seed_seq): it
// hashes an integer seed into a pool of four 32-bit words and draws a generator's initial state
// from that pool. Gymnasium seeds every environment through it (gymnasium/utils/seeding.py:
// `np.random.SeedSequence(seed)` then `PCG64(seed_seq)`), so the same seed gives the same state
// here. Only what a plain integer seed needs: no spawn key, the default pool size of 4.
import { assertInteger } from '../util/validate.js';

const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
/** numpy's XSHIFT: half the bits of a 32-bit word. */
const XSHIFT = 16;

/**
 * The entropy pool of `np.random.SeedSequence(seed)` for a non-negative integer seed, and its
 * `generate_state`.
 */
export class SeedSequence {
  /** The four mixed 32-bit words (numpy's `pool`). */
  readonly pool = new Uint32Array(POOL_SIZE);

  /** @param seed a non-negative safe integer (numpy's `entropy`), split into 32-bit words, least significant first */
  constructor(readonly seed: number) {
    assertInteger(seed, 'SeedSequence: seed', 0, Number.MAX_SAFE_INTEGER);
    // numpy's _int_to_uint32_array: 0 is one zero word, otherwise as many words as the seed needs.
    const entropy: number[] = [];
    for (let rest = seed; entropy.length === 0 || rest > 0; rest = Math.floor(rest / 2 ** 32)) entropy.push(rest % 2 ** 32);
    const hashConst = { value: INIT_A };
    const mixer = this.pool;
    for (let i = 0; i < POOL_SIZE; i++) mixer[i] = hashmix(i < entropy.length ? entropy[i]! : 0, hashConst);
    for (let src = 0; src < POOL_SIZE; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) {
        if (src !== dst) mixer[dst] = mix(mixer[dst]!, hashmix(mixer[src]!, hashConst));
      }
    }
    for (let src = POOL_SIZE; src < entropy.length; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) mixer[dst] = mix(mixer[dst]!, hashmix(entropy[src]!, hashConst));
    }
  }

  /**
   * numpy's `generate_state(words, np.uint32)`: `words` 32-bit words cycled from the pool and
   * hashed. `generate_state(n, np.uint64)` is the same 2n words read in pairs, low word first.
   */
  generateState(words: number): Uint32Array {
    assertInteger(words, 'SeedSequence.generateState: words', 1);
    const state = new Uint32Array(words);
    let hashConst = INIT_B;
    for (let i = 0; i < words; i++) {
      let value = (this.pool[i % POOL_SIZE]! ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      state[i] = (value ^ (value >>> XSHIFT)) >>> 0;
    }
    return state;
  }
}

function hashmix(value: number, hashConst: { value: number }): number {
  value = (value ^ hashConst.value) >>> 0;
  hashConst.value = Math.imul(hashConst.value, MULT_A) >>> 0;
  value = Math.imul(value, hashConst.value) >>> 0;
  return (value ^ (value >>> XSHIFT)) >>> 0;
}

function mix(x: number, y: number): number {
  const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (result ^ (result >>> XSHIFT)) >>> 0;
}
