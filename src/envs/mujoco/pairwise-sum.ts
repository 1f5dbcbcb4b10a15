// numpy's summation order for `np.sum(a)` and `np.sum(np.square(a))` over a contiguous float64
// array (numpy/_core/src/umath/loops_utils.h.src, pairwise_sum): fewer than 8 elements in
// sequence; up to 128 in eight interleaved partial sums, combined as ((r0 + r1) + (r2 + r3)) +
// ((r4 + r5) + (r6 + r7)), the remainder added in sequence; longer arrays split in two halves (a
// multiple of 8 first) summed recursively. Gymnasium's control and contact costs are such sums,
// and so is Humanoid's total mass, so summing in the same order gives them to the bit (for a
// float64 action).

const BLOCK = 128;

/** Σ a[i]² over a[start, start + n), in numpy's pairwise order: `np.sum(np.square(a))`. */
export function sumOfSquares(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwiseSum(a, start, n, true);
}

/** Σ a[i] over a[start, start + n), in numpy's pairwise order: `np.sum(a)`. */
export function sum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwiseSum(a, start, n, false);
}

// A flag rather than a function argument: a call that sees two different term functions is
// polymorphic, which made the sums about 15 times slower in V8.
const term = (x: number, squares: boolean) => (squares ? x * x : x);

/** Σ a[i]² (`squares`) or Σ a[i] over a[start, start + n), in numpy's pairwise order. */
function pairwiseSum(a: ArrayLike<number>, start: number, n: number, squares: boolean): number {
  if (n < 8) {
    let total = 0;
    for (let i = start; i < start + n; i++) total += term(a[i]!, squares);
    return total;
  }
  if (n <= BLOCK) {
    let r0 = term(a[start]!, squares);
    let r1 = term(a[start + 1]!, squares);
    let r2 = term(a[start + 2]!, squares);
    let r3 = term(a[start + 3]!, squares);
    let r4 = term(a[start + 4]!, squares);
    let r5 = term(a[start + 5]!, squares);
    let r6 = term(a[start + 6]!, squares);
    let r7 = term(a[start + 7]!, squares);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = start + i;
      r0 += term(a[j]!, squares);
      r1 += term(a[j + 1]!, squares);
      r2 += term(a[j + 2]!, squares);
      r3 += term(a[j + 3]!, squares);
      r4 += term(a[j + 4]!, squares);
      r5 += term(a[j + 5]!, squares);
      r6 += term(a[j + 6]!, squares);
      r7 += term(a[j + 7]!, squares);
    }
    let total = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) total += term(a[start + i]!, squares);
    return total;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half, squares) + pairwiseSum(a, start + half, n - half, squares);
}
