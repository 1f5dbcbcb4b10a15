import { lanes, at, horizontalSum, multiplyAdd } from './simd';
import { dot } from './vector';

// Register-blocked matrix products. Two micro-kernel shapes cover the three layouts that
// backpropagation needs:
//  - broadcast form (A·B and Aᵀ·B): a tile of C lives in registers; each step broadcasts one
//    element of A per row and multiplies vector rows of B;
//  - dot form (A·Bᵀ): each entry of C is a vector dot product along the shared, contiguous
//    dimension, reduced across lanes once at the end.
// Edge tiles handle every size, so nothing needs padding.
//
// The summation order of every entry is fixed, whatever the tile that computes it, so that the
// results are the same bit for bit on every host and for every tiling:
//  - broadcast form: C[i][j] ← ((C[i][j] or 0) + Â(i,0)·B[0][j]) + Â(i,1)·B[1][j] + … in the
//    order of p, each product and sum rounded;
//  - dot form: lane l of a vector accumulator (from 0) sums the terms p ≡ l (mod lanes) below the
//    last whole vector, in the order of p; the lanes are reduced as horizontalSum does, then the
//    remaining terms are added in the order of p, then the bias, then the old C. The one exception
//    is the last row of an odd m in the columns past the last group of four, which takes dot()'s
//    order (two accumulators), as the first release's edge tile did.

/** Depth of one pass over k, so that a strip of A and a panel of B stay in cache across tiles. */
const DEPTH_BLOCK: i32 = 256;

/** Bytes of B (broadcast form) or of B's rows (dot form) that a column panel keeps in L1 across every row. */
const PANEL_BYTES: i32 = 16384;

/** Bytes of A's rows (dot form) that a block of rows keeps in L2 across every column panel. */
const ROW_BLOCK_BYTES: i32 = 262144;

/**
 * Rows this many bytes apart (or more) are copied into contiguous scratch before a pass reuses
 * them: a panel of B, or a strip of Aᵀ. At a power-of-two stride of 1 KiB and more, the rows of a
 * pass fall into a few sets of the 8-way L1 cache and evict each other (Aᵀ·B at m = 2048 runs at
 * two thirds of the speed of m = 2064 without the copy).
 */
const PACK_STRIDE_BYTES: usize = 1024;

/** Columns of a panel when Â's strips are packed: each copy then serves 128 columns' tiles. */
const WIDE_PANEL: i32 = 128;

/** Scratch for a packed panel of B (PANEL_BYTES) and a packed strip of four rows of Â (4 × DEPTH_BLOCK f64). */
const PACKED_B: usize = memory.data(PANEL_BYTES, 16);
const PACKED_A: usize = memory.data(4 * DEPTH_BLOCK * 8, 16);

/** Columns per panel: as many as keep `depth` rows of them within PANEL_BYTES, in whole units of `unit` columns. */
// @ts-ignore: decorator
@inline function panelColumns<T>(depth: i32, unit: i32): i32 {
  return max(unit, (PANEL_BYTES / (depth * sizeof<T>()) / unit) * unit);
}

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
  const size = <usize>sizeof<T>();
  if (k == 0) {
    if (!accumulate) memory.fill(c, 0, (<usize>(m * n)) << alignof<T>());
    return;
  }
  const cRow = (<usize>n) << alignof<T>();
  const aRow = (<usize>rowStride) << alignof<T>();
  const aStep = (<usize>depthStride) << alignof<T>();
  const bRow = cRow;
  // A copy pays when its rows are far apart and the pass reuses it: Â's strip across tiles of
  // columns or else B's panel across strips of rows (a wide panel does not fit the scratch).
  const packA = aStep >= PACK_STRIDE_BYTES && n >= 4 * width;
  const packB = !packA && m >= 16 && bRow >= PACK_STRIDE_BYTES;
  for (let p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
    const depth = min(DEPTH_BLOCK, k - p0);
    const add = accumulate || p0 > 0;
    // With a single strip of rows there is nothing to reuse a panel across: one panel. A packed
    // strip of Â is copied once a panel, so its panels are wide (B's then stream from L2).
    const panel = m <= 4 ? n : max(packA ? WIDE_PANEL : 0, panelColumns<T>(depth, 2 * width));
    for (let j0 = 0; j0 < n; j0 += panel) {
      const columns = min(panel, n - j0);
      let bPanel = b + ((<usize>(p0 * n + j0)) << alignof<T>());
      let bStep = bRow;
      if (packB) {
        bStep = (<usize>columns) << alignof<T>();
        packRows<T>(PACKED_B, bPanel, bRow, depth, bStep);
        bPanel = PACKED_B;
      }
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        let aStrip = a + ((<usize>(i * rowStride + p0 * depthStride)) << alignof<T>());
        let stripRow = aRow;
        let stripStep = aStep;
        if (packA) {
          packRows<T>(PACKED_A, aStrip, aStep, depth, 4 * size);
          aStrip = PACKED_A;
          stripRow = size;
          stripStep = 4 * size;
        }
        const cStrip = c + ((<usize>(i * n + j0)) << alignof<T>());
        let j = 0;
        for (; j + 2 * width <= columns; j += 2 * width) {
          const offset = (<usize>j) << alignof<T>();
          broadcastTile4x2<T>(cStrip + offset, cRow, aStrip, stripRow, stripStep, bPanel + offset, bStep, depth, add);
        }
        for (; j + width <= columns; j += width) {
          const offset = (<usize>j) << alignof<T>();
          broadcastTile4x1<T>(cStrip + offset, cRow, aStrip, stripRow, stripStep, bPanel + offset, bStep, depth, add);
        }
        for (; j < columns; j++) {
          const offset = (<usize>j) << alignof<T>();
          for (let r: usize = 0; r < 4; r++) {
            broadcastScalar<T>(cStrip + r * cRow + offset, aStrip + r * stripRow, stripStep, bPanel + offset, bStep, depth, add);
          }
        }
      }
      for (; i < m; i++) {
        const aRowStart = a + ((<usize>(i * rowStride + p0 * depthStride)) << alignof<T>());
        const cRowStart = c + ((<usize>(i * n + j0)) << alignof<T>());
        let j = 0;
        for (; j + 8 * width <= columns; j += 8 * width) {
          const offset = (<usize>j) << alignof<T>();
          broadcastTile1x8<T>(cRowStart + offset, aRowStart, aStep, bPanel + offset, bStep, depth, add);
        }
        for (; j + 2 * width <= columns; j += 2 * width) {
          const offset = (<usize>j) << alignof<T>();
          broadcastTile1x2<T>(cRowStart + offset, aRowStart, aStep, bPanel + offset, bStep, depth, add);
        }
        for (; j + width <= columns; j += width) {
          const offset = (<usize>j) << alignof<T>();
          broadcastTile1x1<T>(cRowStart + offset, aRowStart, aStep, bPanel + offset, bStep, depth, add);
        }
        for (; j < columns; j++) {
          const offset = (<usize>j) << alignof<T>();
          broadcastScalar<T>(cRowStart + offset, aRowStart, aStep, bPanel + offset, bStep, depth, add);
        }
      }
    }
  }
}

/** Copies `rows` rows of `bytes` bytes, `stride` bytes apart from `source`, contiguously to `target`. */
// @ts-ignore: decorator
@inline function packRows<T>(target: usize, source: usize, stride: usize, rows: i32, bytes: usize): void {
  // Vector moves, not memory.copy: a row is a few dozen bytes, and memory.copy is a call.
  for (let r = 0; r < rows; r++) {
    let q: usize = 0;
    for (; q + 16 <= bytes; q += 16) v128.store(target + q, v128.load(source + q));
    for (; q < bytes; q += sizeof<T>()) store<T>(target + q, load<T>(source + q));
    target += bytes;
    source += stride;
  }
}

// The broadcast tiles. C's tile starts at c, its rows cRow bytes apart; Â's rows start at a,
// aRow bytes apart, and advance aStep bytes a step; B's rows start at b and advance bStep bytes
// a step; `steps` steps.

/** Four rows × two vectors: eight independent sums. */
// @ts-ignore: decorator
@inline function broadcastTile4x2<T>(
  c: usize, cRow: usize, a: usize, aRow: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool,
): void {
  const c1 = c + cRow;
  const c2 = c1 + cRow;
  const c3 = c2 + cRow;
  let x00 = v128.splat<T>(<T>0), x01 = x00, x10 = x00, x11 = x00;
  let x20 = x00, x21 = x00, x30 = x00, x31 = x00;
  if (add) {
    x00 = v128.load(c); x01 = v128.load(c, 16);
    x10 = v128.load(c1); x11 = v128.load(c1, 16);
    x20 = v128.load(c2); x21 = v128.load(c2, 16);
    x30 = v128.load(c3); x31 = v128.load(c3, 16);
  }
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
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
  v128.store(c, x00); v128.store(c, x01, 16);
  v128.store(c1, x10); v128.store(c1, x11, 16);
  v128.store(c2, x20); v128.store(c2, x21, 16);
  v128.store(c3, x30); v128.store(c3, x31, 16);
}

/** Four rows × one vector: a B one vector wide (Aᵀ·B into a 4-wide input layer's weights). */
// @ts-ignore: decorator
@inline function broadcastTile4x1<T>(
  c: usize, cRow: usize, a: usize, aRow: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool,
): void {
  const c1 = c + cRow;
  const c2 = c1 + cRow;
  const c3 = c2 + cRow;
  let x0 = v128.splat<T>(<T>0), x1 = x0, x2 = x0, x3 = x0;
  if (add) {
    x0 = v128.load(c); x1 = v128.load(c1); x2 = v128.load(c2); x3 = v128.load(c3);
  }
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
    const y = v128.load(pb);
    x0 = multiplyAdd<T>(x0, v128.load_splat<T>(pa), y);
    x1 = multiplyAdd<T>(x1, v128.load_splat<T>(pa + aRow), y);
    x2 = multiplyAdd<T>(x2, v128.load_splat<T>(pa + 2 * aRow), y);
    x3 = multiplyAdd<T>(x3, v128.load_splat<T>(pa + 3 * aRow), y);
    pa += aStep;
    pb += bStep;
  }
  v128.store(c, x0); v128.store(c1, x1); v128.store(c2, x2); v128.store(c3, x3);
}

/** One row × eight vectors: eight independent sums for a C of one to three rows. */
// @ts-ignore: decorator
@inline function broadcastTile1x8<T>(c: usize, a: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool): void {
  let x0 = v128.splat<T>(<T>0), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
  if (add) {
    x0 = v128.load(c); x1 = v128.load(c, 16); x2 = v128.load(c, 32); x3 = v128.load(c, 48);
    x4 = v128.load(c, 64); x5 = v128.load(c, 80); x6 = v128.load(c, 96); x7 = v128.load(c, 112);
  }
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
    const s = v128.load_splat<T>(pa);
    x0 = multiplyAdd<T>(x0, s, v128.load(pb)); x1 = multiplyAdd<T>(x1, s, v128.load(pb, 16));
    x2 = multiplyAdd<T>(x2, s, v128.load(pb, 32)); x3 = multiplyAdd<T>(x3, s, v128.load(pb, 48));
    x4 = multiplyAdd<T>(x4, s, v128.load(pb, 64)); x5 = multiplyAdd<T>(x5, s, v128.load(pb, 80));
    x6 = multiplyAdd<T>(x6, s, v128.load(pb, 96)); x7 = multiplyAdd<T>(x7, s, v128.load(pb, 112));
    pa += aStep;
    pb += bStep;
  }
  v128.store(c, x0); v128.store(c, x1, 16); v128.store(c, x2, 32); v128.store(c, x3, 48);
  v128.store(c, x4, 64); v128.store(c, x5, 80); v128.store(c, x6, 96); v128.store(c, x7, 112);
}

/** One row × two vectors. */
// @ts-ignore: decorator
@inline function broadcastTile1x2<T>(c: usize, a: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool): void {
  let x0 = v128.splat<T>(<T>0), x1 = x0;
  if (add) {
    x0 = v128.load(c); x1 = v128.load(c, 16);
  }
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
    const s = v128.load_splat<T>(pa);
    x0 = multiplyAdd<T>(x0, s, v128.load(pb));
    x1 = multiplyAdd<T>(x1, s, v128.load(pb, 16));
    pa += aStep;
    pb += bStep;
  }
  v128.store(c, x0); v128.store(c, x1, 16);
}

/** One row × one vector. */
// @ts-ignore: decorator
@inline function broadcastTile1x1<T>(c: usize, a: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool): void {
  let x0 = add ? v128.load(c) : v128.splat<T>(<T>0);
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
    x0 = multiplyAdd<T>(x0, v128.load_splat<T>(pa), v128.load(pb));
    pa += aStep;
    pb += bStep;
  }
  v128.store(c, x0);
}

/** One entry. */
function broadcastScalar<T>(c: usize, a: usize, aStep: usize, b: usize, bStep: usize, steps: i32, add: bool): void {
  let x = add ? load<T>(c) : <T>0;
  let pa = a;
  let pb = b;
  for (let p = 0; p < steps; p++) {
    x += load<T>(pa) * load<T>(pb);
    pa += aStep;
    pb += bStep;
  }
  store<T>(c, x);
}

/**
 * C[m×n] ← (accumulate ? C : 0) + A·Bᵀ (+ bias[j] when bias ≠ 0), with A row-major [m][k] and
 * B row-major [n][k]. This is a dense layer's forward pass: inputs [batch][in] times weights
 * [out][in] transposed.
 */
export function gemmDot<T>(c: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  const quads = n & ~3;
  const pairs = m & ~1;
  if (quads > 0) {
    if (sizeof<T>() == 4 && k < 8 && m >= 4) dotShallow(c, a, b, bias, m, k, n, quads, accumulate);
    else dotQuads<T>(c, a, b, bias, m, k, n, quads, accumulate);
  }
  // The columns past the last group of four: four rows at a time, then single rows.
  let j = quads;
  for (; j + 2 <= n; j += 2) {
    let i = 0;
    for (; i + 4 <= pairs; i += 4) dotTile4x2<T>(c, a, b, bias, i, j, k, n, accumulate);
    for (; i < pairs; i++) {
      dotEntry<T>(c, a, b, bias, i, j, k, n, accumulate);
      dotEntry<T>(c, a, b, bias, i, j + 1, k, n, accumulate);
    }
    if (pairs < m) {
      dotTile1x1<T>(c, a, b, bias, pairs, j, k, n, accumulate);
      dotTile1x1<T>(c, a, b, bias, pairs, j + 1, k, n, accumulate);
    }
  }
  if (j < n) {
    let i = 0;
    for (; i + 4 <= pairs; i += 4) dotTile4x1<T>(c, a, b, bias, i, j, k, n, accumulate);
    for (; i < pairs; i++) dotEntry<T>(c, a, b, bias, i, j, k, n, accumulate);
    if (pairs < m) dotTile1x1<T>(c, a, b, bias, pairs, j, k, n, accumulate);
  }
}

/**
 * The columns [0, quads) of gemmDot in groups of four, two rows at a time (the last odd row
 * alone), blocked so that a block of A's rows stays in L2 and a panel of B's rows in L1 while
 * they meet.
 */
// @ts-ignore: decorator
@inline function dotQuads<T>(c: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, quads: i32, accumulate: bool): void {
  const rowBlock = max(2, (ROW_BLOCK_BYTES / max(1, k * sizeof<T>())) & ~1);
  const panel = panelColumns<T>(max(1, k), 4);
  for (let i0 = 0; i0 < m; i0 += rowBlock) {
    const i1 = min(i0 + rowBlock, m);
    const end = i1 & ~1;
    for (let j0 = 0; j0 < quads; j0 += panel) {
      const j1 = min(j0 + panel, quads);
      for (let i = i0; i < end; i += 2) {
        for (let j = j0; j < j1; j += 4) dotTile2x4<T>(c, a, b, bias, i, j, k, n, accumulate);
      }
      if (end < i1) {
        for (let j = j0; j < j1; j += 4) dotTile1x4<T>(c, a, b, bias, end, j, k, n, accumulate);
      }
    }
  }
}

/**
 * The columns [0, quads) of gemmDot for a shallow f32 product (k < 8: a first layer over a small
 * observation), where the tiles would spend more on reducing their accumulators than on the
 * products. Four columns of B at a time are transposed into registers, wᵖ = B[j…j+3][p], and each
 * row of A meets them as broadcasts: lane e of the class sum sˡ = 0 + A[i][l]·wˡ is lane l of
 * the dot form's accumulator of entry (i, j + e), so adding the sˡ lane-wise as horizontalSum adds
 * lanes, then the remaining terms, the bias and the old value, gives the tiles' results exactly.
 */
function dotShallow(c: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, quads: i32, accumulate: bool): void {
  const whole = k & ~3;
  const rest = k - whole;
  const row = (<usize>k) << 2;
  const cRow = (<usize>n) << 2;
  const zero = f32x4.splat(0);
  // Rows in blocks whose rows of C stay in L1 while every group of columns writes them.
  const rowBlock = max(1, PANEL_BYTES / <i32>cRow);
  for (let i0 = 0; i0 < m; i0 += rowBlock) {
    const rows = min(rowBlock, m - i0);
    for (let j = 0; j < quads; j += 4) {
      const b0 = at<f32>(b, j * k);
      // Nothing past B's end is read: the columns beyond a shallow k stay zero.
      const w0 = whole != 0 ? gather<f32>(b0, row) : zero;
      const w1 = whole != 0 ? gather<f32>(b0 + 4, row) : zero;
      const w2 = whole != 0 ? gather<f32>(b0 + 8, row) : zero;
      const w3 = whole != 0 ? gather<f32>(b0 + 12, row) : zero;
      const biases = bias != 0 ? v128.load(at<f32>(bias, j)) : zero;
      let x = a + (<usize>i0) * row;
      let out = at<f32>(c, i0 * n + j);
      if (rest == 0 && !accumulate) {
        // k = 4, the common case (CartPole's observation): no tail, no old value.
        for (let i = 0; i < rows; i++) {
          // With one term per class, (0 + t₀ + t₂) … equals (t₀ + t₂) … + 0 (the zero only turns −0 into +0).
          const s0 = f32x4.mul(v128.load_splat<f32>(x), w0);
          const s1 = f32x4.mul(v128.load_splat<f32>(x, 4), w1);
          const s2 = f32x4.mul(v128.load_splat<f32>(x, 8), w2);
          const s3 = f32x4.mul(v128.load_splat<f32>(x, 12), w3);
          let r = f32x4.add(f32x4.add(f32x4.add(s0, s2), f32x4.add(s1, s3)), zero);
          if (bias != 0) r = f32x4.add(r, biases);
          v128.store(out, r);
          x += row;
          out += cRow;
        }
        continue;
      }
      const tail = b0 + ((<usize>whole) << 2);
      const u0 = rest > 0 ? gather<f32>(tail, row) : zero;
      const u1 = rest > 1 ? gather<f32>(tail + 4, row) : zero;
      const u2 = rest > 2 ? gather<f32>(tail + 8, row) : zero;
      for (let i = 0; i < rows; i++) {
        let r = zero;
        let xt = x;
        if (whole != 0) {
          const s0 = f32x4.mul(v128.load_splat<f32>(x), w0);
          const s1 = f32x4.mul(v128.load_splat<f32>(x, 4), w1);
          const s2 = f32x4.mul(v128.load_splat<f32>(x, 8), w2);
          const s3 = f32x4.mul(v128.load_splat<f32>(x, 12), w3);
          r = f32x4.add(f32x4.add(f32x4.add(s0, s2), f32x4.add(s1, s3)), zero);
          xt += 16;
        }
        if (rest > 0) r = multiplyAdd<f32>(r, v128.load_splat<f32>(xt), u0);
        if (rest > 1) r = multiplyAdd<f32>(r, v128.load_splat<f32>(xt, 4), u1);
        if (rest > 2) r = multiplyAdd<f32>(r, v128.load_splat<f32>(xt, 8), u2);
        if (bias != 0) r = f32x4.add(r, biases);
        if (accumulate) r = f32x4.add(r, v128.load(out));
        v128.store(out, r);
        x += row;
        out += cRow;
      }
    }
  }
}

/** Stores sum into C[i][j], adding the bias and the old value as asked. */
// @ts-ignore: decorator
@inline function storeDot<T>(c: usize, bias: usize, i: i32, j: i32, n: i32, accumulate: bool, sum: T): void {
  const address = at<T>(c, i * n + j);
  if (bias != 0) sum += load<T>(at<T>(bias, j));
  if (accumulate) sum += load<T>(address);
  store<T>(address, sum);
}

/** Lane e of the result is horizontalSum(s_e), the same additions in the same order, for four f32 accumulators. */
// @ts-ignore: decorator
@inline function horizontalSums4(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  // [s0₀+s0₂, s0₁+s0₃, s1₀+s1₂, s1₁+s1₃] and the same for s2, s3; then the pairs added.
  const x = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 1, 4, 5), v128.shuffle<f32>(s0, s1, 2, 3, 6, 7));
  const y = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 1, 4, 5), v128.shuffle<f32>(s2, s3, 2, 3, 6, 7));
  return f32x4.add(v128.shuffle<f32>(x, y, 0, 2, 4, 6), v128.shuffle<f32>(x, y, 1, 3, 5, 7));
}

/** Lane e of the result is horizontalSum(s_e) for two f64 accumulators. */
// @ts-ignore: decorator
@inline function horizontalSums2(s0: v128, s1: v128): v128 {
  return f64x2.add(v128.shuffle<f64>(s0, s1, 0, 2), v128.shuffle<f64>(s0, s1, 1, 3));
}

/** The elements at base, base + stride, … (bytes) as one vector; contiguous and splatted cases load at once. */
// @ts-ignore: decorator
@inline function gather<T>(base: usize, stride: usize): v128 {
  if (stride == sizeof<T>()) return v128.load(base);
  if (stride == 0) return v128.load_splat<T>(base);
  let v = v128.splat<T>(load<T>(base));
  v = v128.replace_lane<T>(v, 1, load<T>(base + stride));
  if (sizeof<T>() == 4) {
    v = v128.replace_lane<T>(v, 2, load<T>(base + 2 * stride));
    v = v128.replace_lane<T>(v, 3, load<T>(base + 3 * stride));
  }
  return v;
}

/** Stores the lanes of v at base, base + stride, … (bytes). */
// @ts-ignore: decorator
@inline function scatter<T>(base: usize, stride: usize, v: v128): void {
  if (stride == sizeof<T>()) {
    v128.store(base, v);
    return;
  }
  v128.store_lane<T>(base, v, 0);
  v128.store_lane<T>(base + stride, v, 1);
  if (sizeof<T>() == 4) {
    v128.store_lane<T>(base + 2 * stride, v, 2);
    v128.store_lane<T>(base + 3 * stride, v, 3);
  }
}

/**
 * The rest of one vector of entries of C whose reduced sums are in `sums`: the depth terms
 * q ∈ [p, k) added in order, then the bias, then the old value, stored. Entry e is C at
 * c + e·cStride (bytes), its terms a[e·aStride + q]·b[e·bStride + q], its bias at bias + e·biasStride.
 */
// @ts-ignore: decorator
@inline function finishVector<T>(
  sums: v128, c: usize, cStride: usize, a: usize, aStride: usize, b: usize, bStride: usize,
  p: i32, k: i32, bias: usize, biasStride: usize, accumulate: bool,
): void {
  let r = sums;
  for (let q = p; q < k; q++) {
    r = multiplyAdd<T>(r, gather<T>(at<T>(a, q), aStride), gather<T>(at<T>(b, q), bStride));
  }
  if (bias != 0) r = v128.add<T>(r, gather<T>(bias, biasStride));
  if (accumulate) r = v128.add<T>(r, gather<T>(c, cStride));
  scatter<T>(c, cStride, r);
}

/** finishVector for four entries (one f32 vector or two f64 vectors) from their accumulators s0…s3. */
// @ts-ignore: decorator
@inline function finishFour<T>(
  s0: v128, s1: v128, s2: v128, s3: v128, c: usize, cStride: usize, a: usize, aStride: usize, b: usize, bStride: usize,
  p: i32, k: i32, bias: usize, biasStride: usize, accumulate: bool,
): void {
  if (sizeof<T>() == 4) {
    finishVector<T>(horizontalSums4(s0, s1, s2, s3), c, cStride, a, aStride, b, bStride, p, k, bias, biasStride, accumulate);
  } else {
    finishVector<T>(horizontalSums2(s0, s1), c, cStride, a, aStride, b, bStride, p, k, bias, biasStride, accumulate);
    const bias2: usize = bias == 0 ? 0 : bias + 2 * biasStride;
    finishVector<T>(horizontalSums2(s2, s3), c + 2 * cStride, cStride, a + 2 * aStride, aStride, b + 2 * bStride, bStride, p, k, bias2, biasStride, accumulate);
  }
}

/** The bias of column j, or 0 for none. */
// @ts-ignore: decorator
@inline function biasAt<T>(bias: usize, j: i32): usize {
  return bias == 0 ? 0 : at<T>(bias, j);
}

/** Rows i, i + 1 × columns j … j + 3. */
// @ts-ignore: decorator
@inline function dotTile2x4<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
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
  const size = <usize>sizeof<T>();
  const c0 = at<T>(c, i * n + j);
  const bias0 = biasAt<T>(bias, j);
  finishFour<T>(s00, s01, s02, s03, c0, size, a0, 0, b0, row, p, k, bias0, size, accumulate);
  finishFour<T>(s10, s11, s12, s13, c0 + ((<usize>n) << alignof<T>()), size, a1, 0, b0, row, p, k, bias0, size, accumulate);
}

/** Row i × columns j … j + 3. */
// @ts-ignore: decorator
@inline function dotTile1x4<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
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
  const size = <usize>sizeof<T>();
  finishFour<T>(s0, s1, s2, s3, at<T>(c, i * n + j), size, a0, 0, b0, row, p, k, biasAt<T>(bias, j), size, accumulate);
}

/** Rows i … i + 3 × columns j, j + 1: a layer with one or two outputs. */
// @ts-ignore: decorator
@inline function dotTile4x2<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const row = (<usize>k) << alignof<T>();
  const a0 = at<T>(a, i * k);
  const a1 = a0 + row;
  const a2 = a1 + row;
  const a3 = a2 + row;
  const b0 = at<T>(b, j * k);
  const b1 = b0 + row;
  let s00 = v128.splat<T>(<T>0), s10 = s00, s20 = s00, s30 = s00;
  let s01 = s00, s11 = s00, s21 = s00, s31 = s00;
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    const y0 = v128.load(b0 + offset);
    const y1 = v128.load(b1 + offset);
    let x = v128.load(a0 + offset);
    s00 = multiplyAdd<T>(s00, x, y0); s01 = multiplyAdd<T>(s01, x, y1);
    x = v128.load(a1 + offset);
    s10 = multiplyAdd<T>(s10, x, y0); s11 = multiplyAdd<T>(s11, x, y1);
    x = v128.load(a2 + offset);
    s20 = multiplyAdd<T>(s20, x, y0); s21 = multiplyAdd<T>(s21, x, y1);
    x = v128.load(a3 + offset);
    s30 = multiplyAdd<T>(s30, x, y0); s31 = multiplyAdd<T>(s31, x, y1);
  }
  const cColumn = (<usize>n) << alignof<T>();
  const c0 = at<T>(c, i * n + j);
  const size = <usize>sizeof<T>();
  finishFour<T>(s00, s10, s20, s30, c0, cColumn, a0, row, b0, 0, p, k, biasAt<T>(bias, j), 0, accumulate);
  finishFour<T>(s01, s11, s21, s31, c0 + size, cColumn, a0, row, b1, 0, p, k, biasAt<T>(bias, j + 1), 0, accumulate);
}

/** Rows i … i + 3 × column j. */
// @ts-ignore: decorator
@inline function dotTile4x1<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const row = (<usize>k) << alignof<T>();
  const a0 = at<T>(a, i * k);
  const a1 = a0 + row;
  const a2 = a1 + row;
  const a3 = a2 + row;
  const b0 = at<T>(b, j * k);
  let s0 = v128.splat<T>(<T>0), s1 = s0, s2 = s0, s3 = s0;
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    const y = v128.load(b0 + offset);
    s0 = multiplyAdd<T>(s0, v128.load(a0 + offset), y);
    s1 = multiplyAdd<T>(s1, v128.load(a1 + offset), y);
    s2 = multiplyAdd<T>(s2, v128.load(a2 + offset), y);
    s3 = multiplyAdd<T>(s3, v128.load(a3 + offset), y);
  }
  finishFour<T>(s0, s1, s2, s3, at<T>(c, i * n + j), (<usize>n) << alignof<T>(), a0, row, b0, 0, p, k, biasAt<T>(bias, j), 0, accumulate);
}

/** Entry (i, j) alone, in the order of the vector tiles. */
function dotEntry<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  const width = lanes<T>();
  const a0 = at<T>(a, i * k);
  const b0 = at<T>(b, j * k);
  let s = v128.splat<T>(<T>0);
  let p = 0;
  for (; p + width <= k; p += width) {
    const offset = (<usize>p) << alignof<T>();
    s = multiplyAdd<T>(s, v128.load(a0 + offset), v128.load(b0 + offset));
  }
  let r = horizontalSum<T>(s);
  for (; p < k; p++) r += load<T>(at<T>(a0, p)) * load<T>(at<T>(b0, p));
  storeDot<T>(c, bias, i, j, n, accumulate, r);
}

/** Entry (i, j) in dot()'s order: the last row of an odd m past the last group of four columns. */
function dotTile1x1<T>(c: usize, a: usize, b: usize, bias: usize, i: i32, j: i32, k: i32, n: i32, accumulate: bool): void {
  storeDot<T>(c, bias, i, j, n, accumulate, dot<T>(at<T>(a, i * k), at<T>(b, j * k), k));
}
