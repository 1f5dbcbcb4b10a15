// The wasm optimiser kernels (assembly/adam.ts, through WasmAdam and the raw kernel set) against
// plain f64 JavaScript:
//   Adam: the CPU Adam (src/nn/adam.ts, itself checked against torch's formula by hand in
//   test/nn/adam.test.ts) fed the same gradients. Tolerance: none — parameters and both moments
//   compared with Object.is after every step, over sizes that leave every remainder of the vector
//   loop (1, 3, 7, 33, 1001, 4610), gradient scales other than 1, and learning-rate changes
//   between steps, for f32 and f64 parameters.
//   ‖g‖²: a plain loop Σ g² in f64 in index order — tolerance none, the kernel adds in that order —
//   and a compensated (Neumaier) sum, the near-exact value, within (n − 1)·2⁻⁵³·Σg² (recursive
//   summation's bound for terms of one sign; the f32 squares are exact in f64).
//   Non-finite gradients: the index of the first, anywhere in the array, and no state change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Arena } from '../../src/engine/arena.js';
import { instantiateKernels, type DType } from '../../src/engine/wasm-module.js';
import { WasmAdam } from '../../src/backends/wasm/wasm-adam.js';
import { Adam } from '../../src/nn/adam.js';
import { Random } from '../../src/random/prng.js';

const SIZES = [1, 3, 7, 33, 1001, 4610];
const random = new Random(404);

async function setUp(dtype: DType) {
  const instance = await instantiateKernels(dtype);
  return { kernels: instance.kernels, arena: new Arena(instance.memory, instance.heapBase) };
}

function sameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} against ${expected.length}`;
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) return `[${i}]: ${actual[i]} against ${expected[i]}`;
  return undefined;
}

for (const dtype of ['f32', 'f64'] as const) {
  const { kernels, arena } = await setUp(dtype);
  const Float = dtype === 'f32' ? Float32Array : Float64Array;
  /** `length` values of `value()`, rounded to the dtype. */
  const draw = (length: number, value: () => number) => Float.from(Array.from({ length }, value));

  test(`${dtype} Adam: every step equals the CPU Adam bit for bit, moments included`, () => {
    for (const size of SIZES) {
      const parameters = arena.allocate(dtype, size);
      const gradients = arena.allocate(dtype, size);
      const options = { learningRate: 0.01, epsilon: 1e-5, beta1: 0.85, beta2: 0.995 };
      const adam = new WasmAdam(kernels, arena, parameters, gradients, options);
      const reference = new Adam(size, options);
      const initial = draw(size, () => random.normal());
      parameters.array.set(initial);
      const theta = Float.from(initial);
      for (const [t, scale] of [1, 0.37, 1, 0.05, 2.5, 1].entries()) {
        if (t === 2) adam.learningRate = reference.learningRate = 0.003;
        if (t === 4) adam.learningRate = reference.learningRate = 0.02;
        // Gradients over several orders of magnitude, some exactly 0.
        gradients.array.set(draw(size, () => (random.uniform() < 0.1 ? 0 : random.normal() * 10 ** random.integer(6) * 1e-4)));
        adam.step(scale);
        reference.apply(theta, gradients.array, scale);
        assert.is(sameBits(parameters.array, theta), undefined, `n=${size} step ${t + 1}: parameters`);
      }
      const state = adam.getState();
      const expected = reference.getState();
      assert.is(state.step, expected.step);
      assert.is(sameBits(state.firstMoment, expected.firstMoment), undefined, `n=${size}: first moment`);
      assert.is(sameBits(state.secondMoment, expected.secondMoment), undefined, `n=${size}: second moment`);
    }
  });

  test(`${dtype} Adam: a restored state continues bit for bit; a non-finite gradient throws and changes nothing`, () => {
    const size = 37;
    const parameters = arena.allocate(dtype, size);
    const gradients = arena.allocate(dtype, size);
    parameters.array.set(draw(size, () => random.normal()));
    gradients.array.set(draw(size, () => random.normal()));
    const adam = new WasmAdam(kernels, arena, parameters, gradients);
    adam.step(0.5);
    const restored = new WasmAdam(kernels, arena, parameters, gradients);
    restored.setState(JSON.parse(JSON.stringify(adam.getState())));
    const before = Float.from(parameters.array);
    adam.step(0.5);
    const afterOriginal = Float.from(parameters.array);
    parameters.array.set(before);
    restored.step(0.5);
    assert.is(sameBits(parameters.array, afterOriginal), undefined);

    const state = JSON.stringify(restored.getState());
    const kept = Float.from(parameters.array);
    for (const [index, bad] of [[0, Number.NaN], [5, Infinity], [size - 1, -Infinity]] as const) {
      const good = gradients.array[index]!;
      gradients.array[index] = bad;
      assert.throws(() => restored.step(), new RegExp(`Adam gradient\\[${index}\\] must be a finite number, got ${bad}`));
      gradients.array[index] = good;
    }
    assert.throws(() => restored.step(Number.NaN), /Adam gradientScale must be a finite number, got NaN/);
    assert.is(JSON.stringify(restored.getState()), state, 'the step count and the moments are untouched');
    assert.is(sameBits(parameters.array, kept), undefined, 'the parameters are untouched');
    assert.throws(() => restored.setState({ step: 1, firstMoment: [0], secondMoment: [0] }), /Adam state.firstMoment must have length 37, got 1/);
  });

  test(`${dtype} ‖g‖²: Σ g² in index order exactly, and within (n − 1)·2⁻⁵³ of the compensated sum`, () => {
    for (const size of [0, ...SIZES, 100_003]) {
      const x = arena.allocate(dtype, size);
      x.array.set(draw(size, () => random.normal() * 10 ** (random.integer(9) - 4)));
      let plain = 0;
      let sum = 0;
      let compensation = 0;
      for (const value of x.array) {
        const square = value * value;
        plain += square;
        const t = sum + square;
        compensation += Math.abs(sum) >= square ? sum - t + square : square - t + sum;
        sum = t;
      }
      const actual = kernels.sumOfSquares(x.pointer, size);
      assert.ok(Object.is(actual, plain), `n=${size}: ${actual} against the plain loop's ${plain}`);
      const accurate = sum + compensation;
      assert.ok(Math.abs(actual - accurate) <= Math.max(size - 1, 0) * 2 ** -53 * accurate, `n=${size}: ${actual} against ${accurate}`);
    }
  });

  test(`${dtype} firstNonFinite finds the first NaN or infinity wherever it lies, and −1 for none`, () => {
    for (const size of [1, 2, 3, 5, 8, 9, 33]) {
      const x = arena.allocate(dtype, size);
      x.array.set(draw(size, () => random.normal() * 1e30));
      assert.is(kernels.firstNonFinite(x.pointer, size), -1, `n=${size}, all finite`);
      for (let index = 0; index < size; index++) {
        for (const bad of [Number.NaN, Infinity, -Infinity]) {
          const good = x.array[index]!;
          x.array[index] = bad;
          if (index + 1 < size) x.array[size - 1] = Number.NaN;
          assert.is(kernels.firstNonFinite(x.pointer, size), index, `n=${size}: ${bad} at ${index}`);
          x.array[index] = good;
          if (index + 1 < size) x.array[size - 1] = 1;
        }
      }
    }
  });
}

test.run();
