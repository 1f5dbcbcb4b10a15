// The products' summation order, bit for bit. Reference: the order that assembly/gemm.ts documents,
// written out here as plain scalar arithmetic — each product and sum rounded to the dtype
// (Math.fround for f32: a product or sum of two f32 values rounded once from f64 is the f32
// operation's result) — the order the first release's kernels had, which the training baseline
// (test/fixtures/baseline.json) was recorded with. Tolerance: none, every entry compared with
// Object.is (so the sign of a zero counts too). Inputs mix normal values with exact zeros, −0 and
// tiny values, on shapes that reach every tile and edge: sizes around the vector width, the tile
// sizes and the packing thresholds, and every shape PPO and TRPO use.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../src/backends/create-engine.js';
import type { GemmLayout, WasmKernels } from '../../src/backends/wasm/wasm-kernels.js';
import { Random } from '../../src/random/prng.js';
import { TRAINING_SHAPES } from '../../bench/kernels.js';

const random = new Random(77);

/** Normal values, with one in ten an exact 0, −0 or a value near the bottom of f32's range. */
function values(length: number): Float64Array {
  return Float64Array.from({ length }, () => {
    const u = random.uniform();
    return u < 0.03 ? 0 : u < 0.06 ? -0 : u < 0.1 ? 1e-30 * random.normal() : random.normal();
  });
}

/** op(A)·op(B) (+ bias) (+ C) in the documented order, each operation rounded by `round`. */
function orderedProduct(
  a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number> | undefined, bias: ArrayLike<number> | undefined,
  m: number, k: number, n: number, layout: GemmLayout, round: (x: number) => number, lanes: number,
): Float64Array {
  const out = new Float64Array(m * n);
  const add = (x: number, y: number) => round(x + y);
  const term = (x: number, y: number) => round(x * y);
  const reduce = (s: number[]) => (lanes === 4 ? add(add(s[0]!, s[2]!), add(s[1]!, s[3]!)) : add(s[0]!, s[1]!));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum: number;
      if (layout !== 'nt') {
        // Broadcast form: from the old value (or 0), the terms in the order of p.
        sum = c ? c[i * n + j]! : 0;
        for (let p = 0; p < k; p++) sum = add(sum, term(layout === 'tn' ? a[p * m + i]! : a[i * k + p]!, b[p * n + j]!));
      } else {
        const x = (p: number) => a[i * k + p]!;
        const y = (p: number) => b[j * k + p]!;
        const whole = k - (k % lanes);
        let p = 0;
        if (m % 2 === 1 && i === m - 1 && j >= n - (n % 4)) {
          // dot()'s order: two vector accumulators over blocks of two vectors, then one more vector.
          const s0 = new Array<number>(lanes).fill(0);
          const s1 = new Array<number>(lanes).fill(0);
          for (; p + 2 * lanes <= k; p += 2 * lanes) {
            for (let l = 0; l < lanes; l++) {
              s0[l] = add(s0[l]!, term(x(p + l), y(p + l)));
              s1[l] = add(s1[l]!, term(x(p + lanes + l), y(p + lanes + l)));
            }
          }
          if (p + lanes <= k) {
            for (let l = 0; l < lanes; l++) s0[l] = add(s0[l]!, term(x(p + l), y(p + l)));
            p += lanes;
          }
          sum = reduce(s0.map((v, l) => add(v, s1[l]!)));
        } else {
          // One vector accumulator: lane l sums the terms p ≡ l below the last whole vector.
          const s = new Array<number>(lanes).fill(0);
          for (; p < whole; p++) s[p % lanes] = add(s[p % lanes]!, term(x(p), y(p)));
          sum = reduce(s);
        }
        for (; p < k; p++) sum = add(sum, term(x(p), y(p)));
        if (bias) sum = add(sum, bias[j]!);
        if (c) sum = add(sum, c[i * n + j]!);
      }
      out[i * n + j] = sum;
    }
  }
  return out;
}

function place(kernels: WasmKernels, data: Float64Array) {
  const region = kernels.allocate(data.length);
  region.array.set(data);
  return { region, values: Float64Array.from(region.array) };
}

function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) return `entry ${i}: ${actual[i]} against ${expected[i]}`;
  }
  return undefined;
}

const EDGE_SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33];
const SHAPES: [number, number, number][] = [
  ...Array.from({ length: 60 }, (): [number, number, number] => [
    EDGE_SIZES[random.integer(EDGE_SIZES.length)]!, EDGE_SIZES[random.integer(EDGE_SIZES.length)]!, EDGE_SIZES[random.integer(EDGE_SIZES.length)]!,
  ]),
  [1, 64, 64], [5, 64, 3], [130, 3, 6], [64, 300, 9], [3, 513, 2], [9, 1, 65],
  // Past the packing thresholds: B's rows ≥ 1 KiB apart with m ≥ 16; Aᵀ·B's steps ≥ 1 KiB apart.
  [20, 37, 260], [17, 300, 129], [260, 6, 21], [131, 3, 40],
];

for (const dtype of ['f32', 'f64'] as const) {
  const { kernels } = await createEngine({ dtype });
  const round = dtype === 'f32' ? Math.fround : (x: number) => x;
  const lanes = dtype === 'f32' ? 4 : 2;

  test(`${dtype} gemm in every layout, with and without accumulate, sums in the documented order`, () => {
    // Each shape in every layout with and without accumulate; the training shapes in their own layout.
    const cases = [
      ...SHAPES.flatMap(([m, k, n]) => (['nn', 'nt', 'tn'] as const).flatMap((layout) => [false, true].map((accumulate) => ({ layout, m, k, n, accumulate })))),
      ...TRAINING_SHAPES.map((shape) => ({ ...shape, accumulate: false })),
    ];
    for (const { layout, m, k, n, accumulate } of cases) {
      const a = place(kernels, values(m * k));
      const b = place(kernels, values(k * n));
      const c = place(kernels, values(m * n));
      const expected = orderedProduct(a.values, b.values, accumulate ? c.values : undefined, undefined, m, k, n, layout, round, lanes);
      kernels.gemm(c.region, a.region, b.region, m, k, n, layout, accumulate);
      const difference = firstDifference(c.region.array, expected);
      assert.is(difference, undefined, `${layout}${accumulate ? ' accumulate' : ''} ${m}×${k}×${n}: ${difference}`);
    }
  });

  test(`${dtype} dense layers and gemv sum in the documented order, the bias after the products`, () => {
    for (const [batch, nIn, nOut] of [...SHAPES.slice(0, 30), [4, 4, 64], [128, 4, 64], [3, 3, 64], [7, 6, 5]] as [number, number, number][]) {
      const x = place(kernels, values(batch * nIn));
      const w = place(kernels, values(nOut * nIn));
      const bias = place(kernels, values(nOut));
      const out = kernels.allocate(batch * nOut);
      kernels.dense(out, x.region, w.region, bias.region, batch, nIn, nOut, 'identity');
      const expected = orderedProduct(x.values, w.values, undefined, bias.values, batch, nIn, nOut, 'nt', round, lanes);
      const difference = firstDifference(out.array, expected);
      assert.is(difference, undefined, `dense ${batch}×${nIn}→${nOut}: ${difference}`);
    }
    for (const [m, n] of [[1, 1], [3, 7], [7, 3], [65, 63], [2, 300], [300, 2]] as [number, number][]) {
      const a = place(kernels, values(m * n));
      const x = place(kernels, values(n));
      const y = kernels.allocate(m);
      kernels.gemv(y, a.region, x.region, m, n);
      // gemv is the one-row A·Bᵀ x·Aᵀ; gemvTransposed the one-row A·B xᵀ·A.
      assert.is(firstDifference(y.array, orderedProduct(x.values, a.values, undefined, undefined, 1, n, m, 'nt', round, lanes)), undefined, `gemv ${m}×${n}`);
      const xt = place(kernels, values(m));
      const yt = kernels.allocate(n);
      kernels.gemvTransposed(yt, a.region, xt.region, m, n);
      assert.is(firstDifference(yt.array, orderedProduct(xt.values, a.values, undefined, undefined, 1, m, n, 'nn', round, lanes)), undefined, `gemvT ${m}×${n}`);
    }
  });
}

test.run();
