// Every kernel against a plain f64 reference (test/helpers/reference.ts) on random inputs whose
// sizes include 1, 3, 7, 63, 65 and others that are not multiples of the SIMD width, every product
// shape PPO and TRPO call (bench/kernels.ts), and shapes whose rows are far enough apart that the
// broadcast form packs them (n ≥ 256 f32 / 128 f64 with m ≥ 16; Aᵀ·B with m ≥ 256 / 128).
// Tolerances: a product's error is measured relative to Σ|a||b|, the scale of its rounding error;
// f64 must stay within the classical worst-case bound γ_k = k·2⁻⁵³ (with slack for the
// accumulate term), f32 within 1e-5 of the f64 reference (the requirement).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../src/backends/create-engine.js';
import type { WasmKernels, GemmLayout } from '../../src/backends/wasm/wasm-kernels.js';
import { Random } from '../../src/random/prng.js';
import { ACTIVATIONS } from '../../src/nn/mlp-layout.js';
import { TRAINING_SHAPES } from '../../bench/kernels.js';
import {
  maxRelativeError, randomArray, referenceActivation, referenceFirstDerivative, referenceGemm, referenceGemmMagnitude,
  referenceSecondDerivative,
} from '../helpers/reference.js';

const engines = {
  f32: (await createEngine({ dtype: 'f32' })).kernels,
  f64: (await createEngine({ dtype: 'f64' })).kernels,
};
const DTYPES = ['f32', 'f64'] as const;
const random = new Random(2024);

/** Random values placed in the engine's memory, and the same values (after rounding to the dtype) in f64. */
function place(kernels: WasmKernels, length: number, scale = 1) {
  const region = kernels.allocate(length);
  region.array.set(randomArray(random, length, scale));
  return { region, values: Float64Array.from(region.array) };
}

function productTolerance(dtype: 'f32' | 'f64', k: number): number {
  return dtype === 'f32' ? 1e-5 : (k + 2) * 2 ** -53;
}

const GEMM_SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 3, 7], [3, 7, 1], [7, 1, 3], [63, 65, 7], [65, 63, 64], [5, 1, 65], [17, 33, 9], [4, 8, 8],
  [64, 64, 64], [2, 300, 9], [9, 513, 13], [1, 64, 2], [128, 4, 64], [20, 37, 260], [260, 6, 21], [17, 300, 129], [131, 3, 40],
  ...Array.from({ length: 6 }, (): [number, number, number] => [1 + random.integer(70), 1 + random.integer(70), 1 + random.integer(70)]),
];

for (const dtype of DTYPES) {
  const kernels = engines[dtype];

  test(`${dtype} gemm, every layout, with and without accumulate, matches the f64 reference`, () => {
    for (const [m, k, n] of GEMM_SHAPES) {
      for (const layout of ['nn', 'nt', 'tn'] as GemmLayout[]) {
        const a = place(kernels, m * k);
        const b = place(kernels, k * n);
        const expected = referenceGemm(a.values, b.values, m, k, n, layout);
        const magnitude = referenceGemmMagnitude(a.values, b.values, m, k, n, layout);
        const c = kernels.allocate(m * n);
        kernels.gemm(c, a.region, b.region, m, k, n, layout);
        const error = maxRelativeError(c.array, expected, magnitude);
        assert.ok(error <= productTolerance(dtype, k), `${layout} ${m}×${k}×${n}: error ${error}`);

        const initial = place(kernels, m * n);
        kernels.gemm(initial.region, a.region, b.region, m, k, n, layout, true);
        const accumulated = expected.map((x, i) => x + initial.values[i]!);
        const accumulatedMagnitude = magnitude.map((x, i) => x + Math.abs(initial.values[i]!));
        const accumulateError = maxRelativeError(initial.region.array, accumulated, accumulatedMagnitude);
        assert.ok(accumulateError <= productTolerance(dtype, k + 1), `${layout} accumulate ${m}×${k}×${n}: error ${accumulateError}`);
      }
    }
  });

  test(`${dtype} gemm at every shape PPO and TRPO use matches the f64 reference`, () => {
    for (const { layout, m, k, n } of TRAINING_SHAPES) {
      const a = place(kernels, m * k);
      const b = place(kernels, k * n);
      const c = kernels.allocate(m * n);
      kernels.gemm(c, a.region, b.region, m, k, n, layout);
      const error = maxRelativeError(c.array, referenceGemm(a.values, b.values, m, k, n, layout), referenceGemmMagnitude(a.values, b.values, m, k, n, layout));
      assert.ok(error <= productTolerance(dtype, k), `${layout} ${m}×${k}×${n}: error ${error}`);
    }
  });

  test(`${dtype} gemv and gemvTransposed match the f64 reference`, () => {
    for (const [m, n] of [[1, 1], [3, 7], [7, 3], [63, 65], [65, 63], [64, 64], [1, 300], [300, 1]] as [number, number][]) {
      const a = place(kernels, m * n);
      const x = place(kernels, n);
      const y = kernels.allocate(m);
      kernels.gemv(y, a.region, x.region, m, n);
      const expected = referenceGemm(a.values, x.values, m, n, 1, 'nn');
      assert.ok(maxRelativeError(y.array, expected, referenceGemmMagnitude(a.values, x.values, m, n, 1, 'nn')) <= productTolerance(dtype, n), `gemv ${m}×${n}`);

      const xt = place(kernels, m);
      const yt = kernels.allocate(n);
      kernels.gemvTransposed(yt, a.region, xt.region, m, n);
      const expectedT = referenceGemm(xt.values, a.values, 1, m, n, 'nn');
      assert.ok(maxRelativeError(yt.array, expectedT, referenceGemmMagnitude(xt.values, a.values, 1, m, n, 'nn')) <= productTolerance(dtype, m), `gemvT ${m}×${n}`);
    }
  });

  test(`${dtype} dot, axpy, scale and sumRows match the reference`, () => {
    const round = dtype === 'f32' ? Math.fround : (x: number) => x;
    for (const n of [0, 1, 3, 7, 8, 63, 65, 1000]) {
      const a = place(kernels, n);
      const b = place(kernels, n);
      let expected = 0;
      let magnitude = 0;
      for (let i = 0; i < n; i++) {
        expected += a.values[i]! * b.values[i]!;
        magnitude += Math.abs(a.values[i]! * b.values[i]!);
      }
      const error = Math.abs(kernels.dot(a.region, b.region) - expected) / Math.max(magnitude, Number.MIN_VALUE);
      assert.ok(error <= productTolerance(dtype, n), `dot n=${n}: error ${error}`);

      // axpy and scale round once per operation, with no fused multiply-add: exactly reproducible.
      const alpha = round(0.37);
      kernels.axpy(a.region, alpha, b.region);
      assert.equal(Array.from(a.region.array), Array.from(a.values, (y, i) => round(y + round(alpha * b.values[i]!))), `axpy n=${n}`);
      const before = Float64Array.from(b.region.array);
      kernels.scale(b.region, -1.5);
      assert.equal(Array.from(b.region.array), Array.from(before, (x) => round(-1.5 * x)), `scale n=${n}`);
    }
    for (const [rows, columns] of [[1, 1], [3, 7], [65, 63], [257, 5]] as [number, number][]) {
      const x = place(kernels, rows * columns);
      const out = place(kernels, columns);
      kernels.sumRows(out.region, x.region, rows, columns, true);
      const ones = new Float64Array(rows).fill(1);
      const expected = referenceGemm(ones, x.values, 1, rows, columns, 'nn').map((s, j) => s + out.values[j]!);
      const magnitude = referenceGemmMagnitude(ones, x.values, 1, rows, columns, 'nn').map((s, j) => s + Math.abs(out.values[j]!));
      assert.ok(maxRelativeError(out.region.array, expected, magnitude) <= productTolerance(dtype, rows + 1), `sumRows ${rows}×${columns}`);
    }
  });

  test(`${dtype} dense layer a(x·Wᵀ + b) matches the reference for every activation`, () => {
    for (const activation of ACTIVATIONS) {
      for (const [batch, nIn, nOut] of [[1, 4, 64], [3, 7, 5], [65, 63, 2], [257, 3, 9]] as [number, number, number][]) {
        const x = place(kernels, batch * nIn);
        const w = place(kernels, nOut * nIn, 1 / Math.sqrt(nIn));
        const bias = place(kernels, nOut);
        const out = kernels.allocate(batch * nOut);
        kernels.dense(out, x.region, w.region, bias.region, batch, nIn, nOut, activation);
        const pre = referenceGemm(x.values, w.values, batch, nIn, nOut, 'nt').map((z, i) => z + bias.values[i % nOut]!);
        const magnitude = referenceGemmMagnitude(x.values, w.values, batch, nIn, nOut, 'nt').map((s, i) => s + Math.abs(bias.values[i % nOut]!));
        const expected = pre.map((z) => referenceActivation(z, activation));
        // An activation has slope at most 1, so the pre-activation error bound carries over; the f32
        // tanh approximation adds at most 4e-7 (see the tanh test), absorbed by the floor of 1.
        const error = maxRelativeError(out.array, expected, magnitude.map((s) => Math.max(s, 1)));
        assert.ok(error <= productTolerance(dtype, nIn + 1), `${activation} ${batch}×${nIn}→${nOut}: error ${error}`);
      }
    }
  });

  test(`${dtype} activation derivatives, chain rule and its tangent match closed forms`, () => {
    const tolerance = dtype === 'f32' ? 1e-6 : 1e-15;
    for (const activation of ACTIVATIONS) {
      for (const n of [1, 3, 7, 63, 65]) {
        const z = place(kernels, n, 2);
        const y = kernels.allocate(n);
        kernels.activation(y, z.region, activation);
        const outputs = Float64Array.from(y.array);
        // The kernels take derivatives from the outputs y; the reference from the inputs z. Their
        // agreement checks the formulas a'(z) = f(y), a''(z) = g(y).
        const first = kernels.allocate(n);
        kernels.activationDerivative(first, y, activation);
        assert.ok(maxRelativeError(first.array, Array.from(z.values, (v) => referenceFirstDerivative(v, activation)), undefined, 1) <= tolerance, `${activation} a' n=${n}`);
        const second = kernels.allocate(n);
        kernels.activationSecondDerivative(second, y, activation);
        assert.ok(maxRelativeError(second.array, Array.from(z.values, (v) => referenceSecondDerivative(v, activation)), undefined, 1) <= tolerance, `${activation} a'' n=${n}`);

        const upstream = place(kernels, n);
        const upstreamTangent = place(kernels, n);
        const preTangent = place(kernels, n);
        const out = kernels.allocate(n);
        kernels.activationBackward(out, upstream.region, y, activation);
        const expectedBackward = Array.from(z.values, (v, i) => upstream.values[i]! * referenceFirstDerivative(v, activation));
        assert.ok(maxRelativeError(out.array, expectedBackward, undefined, 1) <= tolerance, `${activation} backward n=${n}`);
        kernels.activationBackwardTangent(out, upstreamTangent.region, upstream.region, y, preTangent.region, activation);
        const expectedTangent = Array.from(z.values, (v, i) =>
          upstreamTangent.values[i]! * referenceFirstDerivative(v, activation) + upstream.values[i]! * referenceSecondDerivative(v, activation) * preTangent.values[i]!);
        assert.ok(maxRelativeError(out.array, expectedTangent, undefined, 1) <= 4 * tolerance, `${activation} backward tangent n=${n}`);
        assert.ok(outputs.every((v, i) => Number.isFinite(v) && (activation !== 'relu' || v === Math.max(z.values[i]!, 0))));
      }
    }
  });
}

test('f32 tanh is within 4e-7 absolute (7 ulp of 1) and 1e-6 relative of Math.tanh on [−12, 12], and odd', () => {
  const kernels = engines.f32;
  const n = 48_001;
  const x = kernels.allocate(n);
  x.array.set(Float64Array.from({ length: n }, (_, i) => -12 + (24 * i) / (n - 1)));
  const y = kernels.allocate(n);
  kernels.activation(y, x, 'tanh');
  let worstAbsolute = 0;
  let worstRelative = 0;
  for (let i = 0; i < n; i++) {
    const exact = Math.tanh(x.array[i]!);
    worstAbsolute = Math.max(worstAbsolute, Math.abs(y.array[i]! - exact));
    worstRelative = Math.max(worstRelative, Math.abs(y.array[i]! - exact) / Math.abs(exact || 1));
    assert.is(y.array[i], -y.array[n - 1 - i]!);
  }
  assert.ok(worstAbsolute <= 4e-7, `absolute ${worstAbsolute}`);
  assert.ok(worstRelative <= 1e-6, `relative ${worstRelative}`);
});

test('kernels reject bad input with errors naming the argument', () => {
  const kernels = engines.f32;
  const a = kernels.allocate(6);
  const b = kernels.allocate(6);
  const c = kernels.allocate(4);
  assert.throws(() => kernels.gemm(c, a, b, 2, 3, 3, 'nn'), /c must have length 6, got 4/);
  assert.throws(() => kernels.gemm(kernels.allocate(5), a, b, 2, 3, 2), /c must have length 4, got 5/);
  assert.throws(() => kernels.gemm(c, a, b, -2, 3, 2), /m must be an integer/);
  assert.throws(() => kernels.gemm(c, a, b, 2, 3, 2, 'tt' as GemmLayout), /layout must be one of/);
  assert.throws(() => kernels.dot(new Float32Array(6), b), /a must live in this backend's memory/);
  assert.throws(() => kernels.dot(engines.f64.allocate(6), b), /a must be f32/);
  assert.throws(() => kernels.dot(a, kernels.allocate(5)), /b must have length 6/);
  assert.throws(() => kernels.axpy(a, Number.NaN, b), /alpha must be a finite number/);
  assert.throws(() => kernels.activation(a, b, 'sigmoid' as never), /activation must be one of 'identity', 'tanh', 'relu'/);
  assert.throws(() => kernels.dot([1, 2] as never, b), /a must be an array from allocate/);
});

test.run();
