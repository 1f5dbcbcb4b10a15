// Width-generic helpers: one kernel source serves f32 (f32x4) and f64 (f64x2). Branches on
// sizeof<T>() are resolved at compile time, so each instantiation keeps only its own path.

/** Elements of T in one 128-bit vector: 4 for f32, 2 for f64. */
// @ts-ignore: decorator
@inline export function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** Byte address of element `index` of an array of T starting at `base`. */
// @ts-ignore: decorator
@inline export function at<T>(base: usize, index: i32): usize {
  return base + ((<usize>index) << alignof<T>());
}

/** Sum of the lanes of v, in a fixed order (so results are reproducible bit for bit). */
// @ts-ignore: decorator
@inline export function horizontalSum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    const pairs = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    return <T>(f32x4.extract_lane(pairs, 0) + f32x4.extract_lane(pairs, 1));
  }
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}

/** a + b·c, lane-wise, as two roundings (no fused multiply-add: results must not depend on the host). */
// @ts-ignore: decorator
@inline export function multiplyAdd<T>(a: v128, b: v128, c: v128): v128 {
  return v128.add<T>(a, v128.mul<T>(b, c));
}
