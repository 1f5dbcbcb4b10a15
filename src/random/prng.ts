import { cos, log } from '../math/index.js';

/**
 * The project's one source of randomness: xoshiro128** (Blackman & Vigna, 2018), seeded through
 * SplitMix32. Pure 32-bit integer arithmetic, so a seed gives the same stream bit for bit in Node
 * and in every browser. Normal draws use the Box–Muller transform without caching the second
 * value, so the whole state is the four state words; its logarithm and cosine are src/math's,
 * because the host's differ between engines in the last bit.
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** @param seed any integer (taken modulo 2³²); the same seed gives the same stream. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`Random: seed must be an integer, got ${seed}`);
    let x = seed >>> 0;
    const next = (): number => {
      // SplitMix32 spreads a small or structured seed over all 128 state bits.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A stream derived from this seed and `stream`, independent of this one for practical use. */
  static derive(seed: number, stream: number): Random {
    if (!Number.isInteger(stream) || stream < 0) {
      throw new RangeError(`Random.derive: stream must be a non-negative integer, got ${stream}`);
    }
    const base = new Random(seed);
    return new Random((base.nextUint32() ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  }

  /** The next 32 uniformly random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** A uniform integer in [0, n), without modulo bias. */
  integer(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new RangeError(`Random.integer: n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u1 = 1 - this.uniform(); // (0, 1], so the logarithm is finite
    const u2 = this.uniform();
    return Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<A extends { length: number; [i: number]: number }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const t = array[i]!;
      array[i] = array[j]!;
      array[j] = t;
    }
    return array;
  }

  /** The four state words, to save in a checkpoint. */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Restores a state from {@link getState}. */
  setState(state: readonly number[]): void {
    if (state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)) {
      throw new RangeError('Random.setState: state must be four unsigned 32-bit integers');
    }
    if (state.every((w) => w === 0)) throw new RangeError('Random.setState: the all-zero state is invalid');
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w | 0) as [number, number, number, number];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
