// An optimiser step on the network's own backend (MLP.backwardSquaredNorm, MLP.createAdam)
// against plain f64 references: the squared norm against Σ g² over the gradient that backward
// returns, and each Adam step against the CPU Adam in f64 (src/nn/adam.ts, itself checked by hand
// in adam.test.ts) fed the same gradients.
//   wasm: exact — the same f64 arithmetic on the same gradient, into parameters of the same type.
//   WebGPU: 1e-5 normwise relative — an f32 tree sum for the norm; for Adam, f32 moments,
//   compared on the parameters' total change θ_t − θ₀ (the reference's parameters f32 too) and on
//   the moments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../src/backends/create-engine.js';
import type { MLP } from '../../src/backends/backend.js';
import { Adam } from '../../src/nn/adam.js';
import type { MLPSpec } from '../../src/nn/mlp-layout.js';
import { Random } from '../../src/random/prng.js';
import { normwiseRelativeError, randomArray } from '../helpers/reference.js';
import { AGREEMENT_SHAPES } from '../helpers/webgpu-agreement.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

const TOLERANCE = 1e-5;
const wasm = await createEngine({ dtype: 'f32' });
const gpu = await webgpuOrSkip('WebGPU optimiser steps');
const random = new Random(21);
const BATCH = 19;
/** Gradient scales of successive steps: unclipped, clipped, and clipped hard. */
const SCALES = [1, 0.37, 1, 0.05, 0.8];

const sumOfSquares = (values: ArrayLike<number>) => Array.from(values).reduce((s, x) => s + x * x, 0);

/** A network with random parameters, after a forward on random inputs. */
async function prepared(engine: { createMLP(spec: MLPSpec, options: { maxBatch: number }): MLP }, spec: MLPSpec, parameters: Float32Array, inputs: Float32Array): Promise<MLP> {
  const mlp = engine.createMLP(spec, { maxBatch: BATCH });
  mlp.setParameters(parameters);
  await mlp.forward(inputs, BATCH);
  return mlp;
}

/**
 * Runs SCALES.length steps of forward, backwardSquaredNorm and Adam (the learning rate changed
 * half-way, as PPO's annealing does) on `mlp`, and the same steps in f64 on the CPU with the
 * gradient that backward gives at the same parameters. Returns the largest errors seen.
 */
async function adamErrors(
  mlp: MLP, spec: MLPSpec, initial: Float32Array, inputs: Float32Array, precision: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array,
): Promise<{ norm: number; change: number; moments: number }> {
  const reference = new Adam(initial.length, { learningRate: 0.05, epsilon: 1e-5 });
  const adam = mlp.createAdam({ learningRate: 0.05, epsilon: 1e-5 });
  const theta = precision.from(initial);
  const errors = { norm: 0, change: 0, moments: 0 };
  for (const [t, scale] of SCALES.entries()) {
    if (t === 3) adam.learningRate = reference.learningRate = 0.02;
    const gradOutputs = Float32Array.from(randomArray(random, BATCH * spec.sizes.at(-1)!));
    await mlp.forward(inputs, BATCH);
    // The reference gradient: backward at the same parameters, read back in full.
    const gradient = Float64Array.from((await mlp.backward(gradOutputs)).parameters);
    const squaredNorm = await mlp.backwardSquaredNorm(gradOutputs);
    errors.norm = Math.max(errors.norm, Math.abs(squaredNorm - sumOfSquares(gradient)) / sumOfSquares(gradient));
    await adam.step(scale);
    reference.apply(theta, gradient, scale);
    const actual = await mlp.readParameters();
    const change = (values: ArrayLike<number>) => Float64Array.from(values, (x, i) => x - initial[i]!);
    errors.change = Math.max(errors.change, normwiseRelativeError(change(actual), change(theta)));
  }
  const state = await adam.getState();
  const expected = reference.getState();
  assert.is(state.step, expected.step);
  errors.moments = Math.max(normwiseRelativeError(state.firstMoment, expected.firstMoment), normwiseRelativeError(state.secondMoment, expected.secondMoment));
  return errors;
}

function randomNetwork(spec: MLPSpec): { parameters: Float32Array; inputs: Float32Array } {
  const scratch = wasm.createMLP(spec);
  scratch.initOrthogonal(random);
  return {
    parameters: Float32Array.from(scratch.parameters, (x) => x + 0.1 * random.normal()),
    inputs: Float32Array.from(randomArray(random, BATCH * spec.sizes[0]!)),
  };
}

test('wasm: the squared norm and every Adam step equal the f64 reference exactly', async () => {
  for (const spec of AGREEMENT_SHAPES) {
    const { parameters, inputs } = randomNetwork(spec);
    const errors = await adamErrors(await prepared(wasm, spec, parameters, inputs), spec, parameters, inputs);
    assert.equal(errors, { norm: 0, change: 0, moments: 0 }, `[${spec.sizes}]`);
  }
});

test('wasm: an f64 network steps in f64', async () => {
  const engine = await createEngine({ dtype: 'f64' });
  const spec = AGREEMENT_SHAPES[0]!;
  const { parameters, inputs } = randomNetwork(spec);
  const errors = await adamErrors(await prepared(engine, spec, parameters, inputs), spec, parameters, inputs, Float64Array);
  assert.equal(errors, { norm: 0, change: 0, moments: 0 });
});

test('Adam state: a restored optimiser continues as the original does', async () => {
  for (const engine of gpu ? [wasm, gpu] : [wasm]) {
    const spec = AGREEMENT_SHAPES[1]!;
    const { parameters, inputs } = randomNetwork(spec);
    const original = await prepared(engine, spec, parameters, inputs);
    const restored = await prepared(engine, spec, parameters, inputs);
    const gradOutputs = Float32Array.from(randomArray(random, BATCH * 2));
    const first = original.createAdam({ learningRate: 0.01 });
    await original.backwardSquaredNorm(gradOutputs);
    await first.step(0.5);
    const second = restored.createAdam({ learningRate: 0.01 });
    second.setState(await first.getState());
    restored.setParameters(await original.readParameters());
    for (const [mlp, adam] of [[original, first], [restored, second]] as const) {
      await mlp.forward(inputs, BATCH);
      await mlp.backwardSquaredNorm(gradOutputs);
      await adam.step(0.5);
    }
    assert.equal(await restored.readParameters(), await original.readParameters(), engine.name);
    assert.throws(() => second.setState({ step: 1, firstMoment: [0], secondMoment: [0] }), /Adam state.firstMoment must have length 4610, got 1/);
  }
});

if (gpu) {
  test(`WebGPU: the squared norm and the Adam steps agree with the f64 reference within ${TOLERANCE}`, async () => {
    // The last shape has 7,607 parameters: the norm's workgroup strides over them many times.
    for (const spec of [...AGREEMENT_SHAPES, { sizes: [6, 80, 80, 7], activations: ['tanh', 'tanh', 'identity'] } satisfies MLPSpec]) {
      const { parameters, inputs } = randomNetwork(spec);
      const mlp = await prepared(gpu, spec, parameters, inputs);
      const errors = await adamErrors(mlp, spec, parameters, inputs);
      for (const [what, error] of Object.entries(errors)) assert.ok(error <= TOLERANCE, `[${spec.sizes}] ${what}: ${error}`);
    }
  });

  test('WebGPU: a step with a bad gradient scale throws, naming it', async () => {
    const adam = gpu.createMLP(AGREEMENT_SHAPES[0]!).createAdam();
    assert.throws(() => adam.step(Number.NaN), /Adam gradientScale must be a finite number, got NaN/);
    assert.throws(() => { adam.learningRate = -1; }, /Adam learningRate must be ≥ 0, got -1/);
  });
}

test.run();
