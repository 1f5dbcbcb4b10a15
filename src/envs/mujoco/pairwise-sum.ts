// numpy's summation order for `np.sum(np.square(a))` over a contiguous float64 array
// (numpy/_core/src/umath/loops_utils.h.src, pairwise_sum): fewer than 8 elements in sequence; up
// to 128 in eight interleaved partial sums, combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) +
// (r6 + r7)), the remainder added in sequence; longer arrays split in two halves (a multiple of 8
// first) summed recursively. Gymnasium's control and contact costs are such sums, so summing in
// the same order gives its costs to the bit (for a float64 action).

const BLOCK = 128;

/** Σ a[i]² over a[start, start + n), in numpy's pairwise order. */
export function sumOfSquares(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let sum = 0;
    for (let i = start; i < start + n; i++) sum += a[i]! * a[i]!;
    return sum;
  }
  if (n <= BLOCK) {
    let r0 = a[start]! * a[start]!;
    let r1 = a[start + 1]! * a[start + 1]!;
    let r2 = a[start + 2]! * a[start + 2]!;
    let r3 = a[start + 3]! * a[start + 3]!;
    let r4 = a[start + 4]! * a[start + 4]!;
    let r5 = a[start + 5]! * a[start + 5]!;
    let r6 = a[start + 6]! * a[start + 6]!;
    let r7 = a[start + 7]! * a[start + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = start + i;
      r0 += a[j]! * a[j]!;
      r1 += a[j + 1]! * a[j + 1]!;
      r2 += a[j + 2]! * a[j + 2]!;
      r3 += a[j + 3]! * a[j + 3]!;
      r4 += a[j + 4]! * a[j + 4]!;
      r5 += a[j + 5]! * a[j + 5]!;
      r6 += a[j + 6]! * a[j + 6]!;
      r7 += a[j + 7]! * a[j + 7]!;
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) sum += a[start + i]! * a[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return sumOfSquares(a, start, half) + sumOfSquares(a, start + half, n - half);
}
