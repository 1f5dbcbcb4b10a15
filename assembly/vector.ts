import { lanes, at, horizontalSum, multiplyAdd } from './simd';

/** Σ a[i]·b[i] over n elements. Two vector accumulators hide the add latency. */
export function dot<T>(a: usize, b: usize, n: i32): T {
  const width = lanes<T>();
  let sum0 = v128.splat<T>(<T>0);
  let sum1 = v128.splat<T>(<T>0);
  let i = 0;
  for (; i + 2 * width <= n; i += 2 * width) {
    sum0 = multiplyAdd<T>(sum0, v128.load(at<T>(a, i)), v128.load(at<T>(b, i)));
    sum1 = multiplyAdd<T>(sum1, v128.load(at<T>(a, i + width)), v128.load(at<T>(b, i + width)));
  }
  if (i + width <= n) {
    sum0 = multiplyAdd<T>(sum0, v128.load(at<T>(a, i)), v128.load(at<T>(b, i)));
    i += width;
  }
  let sum = horizontalSum<T>(v128.add<T>(sum0, sum1));
  for (; i < n; i++) sum += load<T>(at<T>(a, i)) * load<T>(at<T>(b, i));
  return sum;
}

/** y ← y + alpha·x over n elements. */
export function axpy<T>(y: usize, alpha: T, x: usize, n: i32): void {
  const width = lanes<T>();
  const alphas = v128.splat<T>(alpha);
  let i = 0;
  for (; i + width <= n; i += width) {
    v128.store(at<T>(y, i), multiplyAdd<T>(v128.load(at<T>(y, i)), alphas, v128.load(at<T>(x, i))));
  }
  for (; i < n; i++) store<T>(at<T>(y, i), load<T>(at<T>(y, i)) + alpha * load<T>(at<T>(x, i)));
}

/** x ← alpha·x over n elements. */
export function scale<T>(x: usize, alpha: T, n: i32): void {
  const width = lanes<T>();
  const alphas = v128.splat<T>(alpha);
  let i = 0;
  for (; i + width <= n; i += width) {
    v128.store(at<T>(x, i), v128.mul<T>(v128.load(at<T>(x, i)), alphas));
  }
  for (; i < n; i++) store<T>(at<T>(x, i), load<T>(at<T>(x, i)) * alpha);
}

/** out[j] ← (accumulate ? out[j] : 0) + Σ_i x[i][j], x row-major [rows][columns]: a bias gradient. */
export function sumRows<T>(out: usize, x: usize, rows: i32, columns: i32, accumulate: bool): void {
  const width = lanes<T>();
  if (!accumulate) memory.fill(out, 0, (<usize>columns) << alignof<T>());
  for (let i = 0; i < rows; i++) {
    const row = at<T>(x, i * columns);
    let j = 0;
    for (; j + width <= columns; j += width) {
      v128.store(at<T>(out, j), v128.add<T>(v128.load(at<T>(out, j)), v128.load(at<T>(row, j))));
    }
    for (; j < columns; j++) store<T>(at<T>(out, j), load<T>(at<T>(out, j)) + load<T>(at<T>(row, j)));
  }
}
