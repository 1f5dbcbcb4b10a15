import { lanes, at, horizontalSum, multiplyAdd } from './simd';
import { dot } from './vector';

// Register-blocked matrix products. Two micro-kernel shapes cover the three layouts that
// backpropagation needs:
//  - broadcast form (A·B and Aᵀ·B): a 4-row × 2-vector tile of C lives in registers; each step
//    broadcasts one element of A per row and multiplies a vector row of B;
//  - dot form (A·Bᵀ): a 2 × 4 tile of C, each entry a vector dot product along the shared,
//    contiguous dimension, reduced across lanes once at the end.
// Edge tiles handle every size, so nothing needs padding.

/** Depth of one pass over k, so that a strip of A and a panel of B stay in cache across tiles. */
const DEPTH_BLOCK: i32 = 256;

/**
 * C[m×n] ← (accumulate ? C : 0) + Â·B with Â(i, p) = A[i·rowStride + p·depthStride] and B
 * row-major [k][n]. rowStride = k, depthStride = 1 gives A·B; rowStride = 1, depthStride = m
 * gives Aᵀ·B for A stored [k][m].
 */
export function gemmBroadcast<T>(
  c: usize, a: usize, b: usize, m: i32, k: i32, n: i32,
  rowStride: i32, depthStride: i32, accumulate: bool,
): void {
  const width = lanes<T>();
  if (k == 0) {
    if (!accumulate) memory.fill(c, 0, (<usize>(m * n)) << alignof<T>());
    return;
  }
  for (let p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
    const p1 = min(p0 + DEPTH_BLOCK, k);
    const add = accumulate || p0 > 0;
    let j = 0;
    for (; j + 2 * width <= n; j += 2 * width) {
      let i = 0;
      for (; i + 4 <= m; i += 4) broadcastTile4x2<T>(c, a, b, i, j, p0, p1, n, rowStride, depthStride, add);
      for (; i < m; i++) broadcastTile1x2<T>(c, a, b, i, j, p0, p1, n, rowStride, depthStride, add);
    }
    for (; j + width <= n; j += width) {
      for (let i = 0; i < m; i++) broadcastTile1x1<T>(c, a, b, i, j, p0, p1, n, rowStride, depthStride, add);
    }
    for (; j < n; j++) {
      for (let i = 0; i < m; i++) broadcastScalar<T>(c, a, b, i, j, p0, p1, n, rowStride, depthStride, add);
    }
  }
}

function broadcastTile4x2<T>(
  c: usize, a: usize, b: usize, i: i32, j: i32, p0: i32, p1: i32, n: i32,
  rowStride: i32, depthStride: i32, add: bool,
): void {
  const cRow = (<usize>n) << alignof<T>();
  const c0 = at<T>(c, i * n + j);
  const c1 = c0 + cRow;
  const c2 = c1 + cRow;
  const c3 = c2 + cRow;
  let x00 = v128.splat<T>(<T>0), x01 = x00, x10 = x00, x11 = x00;
  let x20 = x00, x21 = x00, x30 = x00, x31 = x00;
  if (add) {
    x00 = v128.load(c0); x01 = v128.load(c0, 16);
    x10 = v128.load(c1); x11 = v128.load(c1, 16);
    x20 = v128.load(c2); x21 = v128.load(c2, 16);
    x30 = v128.load(c3); x31 = v128.load(c3, 16);
  }
  const aRow = (<usize>rowStride) << alignof<T>();
  const aStep = (<usize>depthStride) << alignof<T>();
  const bStep = (<usize>n) << alignof<T>();
  let pa = at<T>(a, i * rowStride + p0 * depthStride);
  let pb = at<T>(b, p0 * n + j);
  for (let p = p0; p < p1; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let s = v128.load_splat<T>(pa);
    x00 = multiplyAdd<T>(x00, s, b0); x01 = multiplyAdd<T>(x01, s, b1);
    s = v128.load_splat<T>(pa + aRow);
    x10 = multiplyAdd<T>(x10, s, b0); x11 = multiplyAdd<T>(x11, s, b1);
    s = v128.load_splat<T>(pa + 2 * aRow);
    x20 = multiplyAdd<T>(x20, s, b0); x21 = multiplyAdd<T>(x21, s, b1);
    s = v128.load_splat<T>(pa + 3 * aRow);
    x30 = multiplyAdd<T>(x30, s, b0); x31 = multiplyAdd<T>(x31, s, b1);
    pa += aStep;
    pb += bStep;
  }
  v128.store(c0, x00); v128.store(c0, x01, 16);
  v128.store(c1, x10); v128.store(c1, x11, 16);
  v128.store(c2, x20); v128.store(c2, x21, 16);
  v128.store(c3, x30); v128.store(c3, x31, 16);
}

function broadcastTile1x2<T>(
  c: usize, a: usize, b: usize, i: i32, j: i32, p0: i32, p1: i32, n: i32,
  rowStride: i32, depthStride: i32, add: bool,
): void {
  const c0 = at<T>(c, i * n + j);
  let x0 = v128.splat<T>(<T>0), x1 = x0;
  if (add) {
    x0 = v128.load(c0); x1 = v128.load(c0, 16);
  }
  const aStep = (<usize>depthStride) << alignof<T>();
  const bStep = (<usize>n) << alignof<T>();
  let pa = at<T>(a, i * rowStride + p0 * depthStride);
  let pb = at<T>(b, p0 * n + j);
  for (let p = p0; p < p1; p++) {
    const s = v128.load_splat<T>(pa);
    x0 = multiplyAdd<T>(x0, s, v128.load(pb));
    x1 = multiplyAdd<T>(x1, s, v128.load(pb, 16));
    pa += aStep;
    pb += bStep;
  }
  v128.store(c0, x0); v128.store(c0, x1, 16);
}

function broadcastTile1x1<T>(
  c: usize, a: usize, b: usize, i: i32, j: i32, p0: i32, p1: i32, n: i32,
  rowStride: i32, depthStride: i32, add: bool,
): void {
  const c0 = at<T>(c, i * n + j);
  let x0 = add ? v128.load(c0) : v128.splat<T>(<T>0);
  const aStep = (<usize>depthStride) << alignof<T>();
  const bStep = (<usize>n) << alignof<T>();
  let pa = at<T>(a, i * rowStride + p0 * depthStride);
  let pb = at<T>(b, p0 * n + j);
  for (let p = p0; p < p1; p++) {
    x0 = multiplyAdd<T>(x0, v128.load_splat<T>(pa), v128.load(pb));
    pa += aStep;
    pb += bStep;
  }
  v128.store(c0, x0);
}

function broadcastScalar<T>(
  c: usize, a: usize, b: usize, i: i32, j: i32, p0: i32, p1: i32, n: i32,
  rowStride: i32, depthStride: i32, add: bool,
): void {
  const c0 = at<T>(c, i * n + j);
  let x = add ? load<T>(c0) : <T>0;
  for (let p = p0; p < p1; p++) {
    x += load<T>(at<T>(a, i * rowStride + p * depthStride)) * load<T>(at<T>(b, p * n + j));
  }
  store<T>(c0, x);
}

/**
 * C[m×n] ← (accumulate ? C : 0) + A·Bᵀ (+ bias[j] when bias ≠ 0), with A row-major [m][k] and
 * B row-major [n][k]. This is a dense layer's forward pass: inputs [batch][in] times weights
 * [out][in] transposed.
 */
export function gemmDot<T>(c: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let i = 0;
    for (; i + 2 <= m; i += 2) dotTile2x4<T>(c, a, b, bias, i, j, k, n, accumulate);
    for (; i < m; i++) dotTile1x4<T>(c, a, b, bias, i, j, k, n, accumulate);
  }
  for (; j < n; j++) {
    let i = 0;
    for (; i + 2 <= m; i += 2) dotTile2x1<T>(c, a, b, bias, i, j, k, n, accumulate);
    for (; i < m; i++) dotTile1x1<T>(c, a, b, bias, i, j, k, n, accumulate);
  }
}

/** Stores sum into C[i][j], adding the old value and the bias as asked. */
// @ts-ignore: decorator
@inline function storeDot<T>(c: usize, bias: usize, i: i32, j: i32, n: i32, accumulate: bool, sum: T): void {
  const address = at<T>(c, i * n + j);
  if (bias != 0) sum += load<T>(at<T>(bias, j));
  if (accumulate) sum += load<T>(address);
  store<T>(address, sum);
}

function dotTile2x4<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const row = (<usize>k) << alignof<T>();
  const a0 = at<T>(a, i * k);
  const a1 = a0 + row;
  const b0 = at<T>(b, j * k);
  const b1 = b0 + row;
  const b2 = b1 + row;
  const b3 = b2 + row;
  let s00 = v128.splat<T>(<T>0), s01 = s00, s02 = s00, s03 = s00;
  let s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    const x0 = v128.load(a0 + offset);
    const x1 = v128.load(a1 + offset);
    let y = v128.load(b0 + offset);
    s00 = multiplyAdd<T>(s00, x0, y); s10 = multiplyAdd<T>(s10, x1, y);
    y = v128.load(b1 + offset);
    s01 = multiplyAdd<T>(s01, x0, y); s11 = multiplyAdd<T>(s11, x1, y);
    y = v128.load(b2 + offset);
    s02 = multiplyAdd<T>(s02, x0, y); s12 = multiplyAdd<T>(s12, x1, y);
    y = v128.load(b3 + offset);
    s03 = multiplyAdd<T>(s03, x0, y); s13 = multiplyAdd<T>(s13, x1, y);
  }
  let r00 = horizontalSum<T>(s00), r01 = horizontalSum<T>(s01), r02 = horizontalSum<T>(s02), r03 = horizontalSum<T>(s03);
  let r10 = horizontalSum<T>(s10), r11 = horizontalSum<T>(s11), r12 = horizontalSum<T>(s12), r13 = horizontalSum<T>(s13);
  for (; p < k; p++) {
    const x0 = load<T>(at<T>(a0, p));
    const x1 = load<T>(at<T>(a1, p));
    const y0 = load<T>(at<T>(b0, p));
    const y1 = load<T>(at<T>(b1, p));
    const y2 = load<T>(at<T>(b2, p));
    const y3 = load<T>(at<T>(b3, p));
    r00 += x0 * y0; r01 += x0 * y1; r02 += x0 * y2; r03 += x0 * y3;
    r10 += x1 * y0; r11 += x1 * y1; r12 += x1 * y2; r13 += x1 * y3;
  }
  storeDot<T>(c, bias, i, j, n, accumulate, r00);
  storeDot<T>(c, bias, i, j + 1, n, accumulate, r01);
  storeDot<T>(c, bias, i, j + 2, n, accumulate, r02);
  storeDot<T>(c, bias, i, j + 3, n, accumulate, r03);
  storeDot<T>(c, bias, i + 1, j, n, accumulate, r10);
  storeDot<T>(c, bias, i + 1, j + 1, n, accumulate, r11);
  storeDot<T>(c, bias, i + 1, j + 2, n, accumulate, r12);
  storeDot<T>(c, bias, i + 1, j + 3, n, accumulate, r13);
}

function dotTile1x4<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const row = (<usize>k) << alignof<T>();
  const a0 = at<T>(a, i * k);
  const b0 = at<T>(b, j * k);
  const b1 = b0 + row;
  const b2 = b1 + row;
  const b3 = b2 + row;
  let s0 = v128.splat<T>(<T>0), s1 = s0, s2 = s0, s3 = s0;
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    const x = v128.load(a0 + offset);
    s0 = multiplyAdd<T>(s0, x, v128.load(b0 + offset));
    s1 = multiplyAdd<T>(s1, x, v128.load(b1 + offset));
    s2 = multiplyAdd<T>(s2, x, v128.load(b2 + offset));
    s3 = multiplyAdd<T>(s3, x, v128.load(b3 + offset));
  }
  let r0 = horizontalSum<T>(s0), r1 = horizontalSum<T>(s1), r2 = horizontalSum<T>(s2), r3 = horizontalSum<T>(s3);
  for (; p < k; p++) {
    const x = load<T>(at<T>(a0, p));
    r0 += x * load<T>(at<T>(b0, p));
    r1 += x * load<T>(at<T>(b1, p));
    r2 += x * load<T>(at<T>(b2, p));
    r3 += x * load<T>(at<T>(b3, p));
  }
  storeDot<T>(c, bias, i, j, n, accumulate, r0);
  storeDot<T>(c, bias, i, j + 1, n, accumulate, r1);
  storeDot<T>(c, bias, i, j + 2, n, accumulate, r2);
  storeDot<T>(c, bias, i, j + 3, n, accumulate, r3);
}

function dotTile2x1<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const a0 = at<T>(a, i * k);
  const a1 = a0 + ((<usize>k) << alignof<T>());
  const b0 = at<T>(b, j * k);
  let s0 = v128.splat<T>(<T>0), s1 = s0;
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    const y = v128.load(b0 + offset);
    s0 = multiplyAdd<T>(s0, v128.load(a0 + offset), y);
    s1 = multiplyAdd<T>(s1, v128.load(a1 + offset), y);
  }
  let r0 = horizontalSum<T>(s0), r1 = horizontalSum<T>(s1);
  for (; p < k; p++) {
    const y = load<T>(at<T>(b0, p));
    r0 += load<T>(at<T>(a0, p)) * y;
    r1 += load<T>(at<T>(a1, p)) * y;
  }
  storeDot<T>(c, bias, i, j, n, accumulate, r0);
  storeDot<T>(c, bias, i + 1, j, n, accumulate, r1);
}

function dotTile1x1<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  storeDot<T>(c, bias, i, j, n, accumulate, dot<T>(at<T>(a, i * k), at<T>(b, j * k), k));
}
