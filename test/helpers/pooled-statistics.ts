// The running statistics of Gymnasium's RunningMeanStd (and SB3's) in closed form, over every
// sample so far, for references independent of the incremental update: starting from mean 0,
// variance 1 at a pseudo-count of 1e-4, after samples x_1…x_N they are
//   μ = Σx / (N + 1e-4),   σ² = (1e-4·(1 + μ²) + Σ(x − μ)²) / (N + 1e-4).

/** μ and σ² per element of `rows` (each `size` numbers), recomputed from all of them. */
export function pooledStatistics(rows: readonly ArrayLike<number>[], size: number): { mean: number[]; variance: number[] } {
  const count = rows.length + 1e-4;
  const mean = Array.from({ length: size }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / count);
  const variance = mean.map((m, j) => (1e-4 * (1 + m * m) + rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0)) / count);
  return { mean, variance };
}
