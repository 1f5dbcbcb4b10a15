// The two 32-bit words of a double, as fdlibm reads and writes them (GET_HIGH_WORD,
// INSERT_WORDS, ...): one shared 8-byte buffer seen as a Float64Array and as 32-bit integer
// arrays, so no call allocates. The word order assumes a little-endian host (every current JS
// engine's platform); a big-endian one would silently swap the words, so it is refused at load.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('src/math: a little-endian host is required to read the words of a double');
}

const float = new Float64Array(1);
const signed = new Int32Array(float.buffer);
const unsigned = new Uint32Array(float.buffer);

/** The high word of `x` (sign, 11 exponent bits, top 20 fraction bits), as a signed 32-bit integer. */
export function highWord(x: number): number {
  float[0] = x;
  return signed[1]!;
}

/** The low word of `x` (the bottom 32 fraction bits), as an unsigned 32-bit integer. */
export function lowWord(x: number): number {
  float[0] = x;
  return unsigned[0]!;
}

/** The double whose high word is `high` and low word is `low` (each taken modulo 2³²). */
export function fromWords(high: number, low: number): number {
  signed[1] = high;
  unsigned[0] = low;
  return float[0]!;
}

/** `x` with its high word replaced by `high`. */
export function withHighWord(x: number, high: number): number {
  float[0] = x;
  signed[1] = high;
  return float[0]!;
}
