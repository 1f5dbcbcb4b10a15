// A network on a worker thread (src/backends/thread/thread-network.ts) against the same network on
// this thread (WasmMLP, itself checked against f64 references and finite differences in
// wasm-mlp.test.ts): the same kernels on the same inputs, so the reference is exact — outputs,
// squared gradient norms, parameters and Adam's moments compared with Object.is (tolerance none)
// over odd shapes and batches, gradient scales other than 1 and learning rates changed between
// steps; a failure on the worker comes back as the request's error; requests made without
// waiting run in order; bad arguments are refused on the calling thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WasmBackend } from '../../src/backends/wasm/wasm-backend.js';
import { ThreadNetwork } from '../../src/backends/thread/thread-network.js';
import type { MLPSpec } from '../../src/nn/mlp-layout.js';
import { Random } from '../../src/random/prng.js';

const random = new Random(2026);
const fill = (length: number, scale = 1) => Float64Array.from({ length }, () => scale * random.normal());

function sameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) assert.unreachable(`${what}[${i}]: ${actual[i]} against ${expected[i]}`);
}

const SHAPES: [MLPSpec, number][] = [
  [{ sizes: [4, 64, 64, 1], activations: ['tanh', 'tanh', 'identity'] }, 128],
  [{ sizes: [5, 7, 3], activations: ['relu', 'identity'] }, 13],
  [{ sizes: [11, 33, 17, 2], activations: ['tanh', 'relu', 'identity'] }, 37],
];

for (const [spec, maxBatch] of SHAPES) {
  test(`${spec.sizes.join('-')}, batches up to ${maxBatch}: forward, ‖∂L/∂θ‖² and 6 Adam steps equal this thread's to the bit`, async () => {
    const local = (await WasmBackend.create('f32')).createMLP(spec, { maxBatch });
    const remote = await ThreadNetwork.create(spec, 'f32', { maxBatch });
    try {
      local.initOrthogonal(random);
      remote.setParameters(local.parameters);
      const options = { learningRate: 1e-3, epsilon: 1e-5 };
      const [localAdam, remoteAdam] = [local.createAdam(options), remote.createAdam(options)];
      for (let step = 0; step < 6; step++) {
        const batch = step === 0 ? maxBatch : 1 + random.integer(maxBatch);
        const inputs = Float32Array.from(fill(batch * local.layout.inputSize));
        sameBits(await remote.forward(inputs, batch), local.forward(inputs, batch), `step ${step} outputs`);
        const gradOutputs = fill(batch * local.layout.outputSize, 1 / batch);
        assert.ok(Object.is(await remote.backwardSquaredNorm(gradOutputs), local.backwardSquaredNorm(gradOutputs)), `step ${step} ‖g‖²`);
        const scale = step % 2 === 0 ? 1 : 0.37;
        localAdam.learningRate = remoteAdam.learningRate = 1e-3 * (1 - step / 10);
        await remoteAdam.step(scale);
        localAdam.step(scale);
        sameBits(await remote.readParameters(), local.parameters, `step ${step} parameters`);
      }
      const state = await remoteAdam.getState();
      assert.equal(state, localAdam.getState());
      // A state set on the worker is the state it then steps from: both step once more from a perturbed one.
      const perturbed = { ...state, firstMoment: state.firstMoment.map((m) => m * 0.5) };
      remoteAdam.setState(perturbed);
      localAdam.setState(perturbed);
      await remoteAdam.step();
      localAdam.step();
      sameBits(await remote.readParameters(), local.parameters, 'after setState');
      assert.equal(await remoteAdam.getState(), localAdam.getState());
    } finally {
      await remote.close();
    }
  });
}

test('requests made without waiting run in the order made, each with the arguments as they were at its call', async () => {
  const spec: MLPSpec = { sizes: [3, 5, 2], activations: ['tanh', 'identity'] };
  const local = (await WasmBackend.create('f32')).createMLP(spec, { maxBatch: 4 });
  const remote = await ThreadNetwork.create(spec, 'f32', { maxBatch: 4 });
  try {
    const [first, second] = [fill(local.layout.parameterCount), fill(local.layout.parameterCount)];
    const inputs = Float32Array.from(fill(12));
    const saved = inputs.slice();
    remote.setParameters(first);
    const before = remote.forward(inputs, 4);
    inputs.fill(0);
    local.setParameters(first);
    sameBits(await before, local.forward(saved, 4), 'first forward');
    remote.setParameters(second);
    const adam = remote.createAdam();
    remote.setParameters(first);
    // The last setParameters is the one in force, and the Adam made in between is there, unstepped.
    sameBits(await remote.forward(saved, 4), local.forward(saved, 4), 'after setting second then first');
    assert.equal(await adam.getState(), { step: 0, firstMoment: Array(local.layout.parameterCount).fill(0), secondMoment: Array(local.layout.parameterCount).fill(0) });
    local.setParameters(second);
    remote.setParameters(second);
    sameBits(await remote.forward(saved, 4), local.forward(saved, 4), 'second');
  } finally {
    await remote.close();
  }
});

test('a failure on the worker is the request\'s error; bad arguments are refused on this thread; a closed network refuses requests', async () => {
  const spec: MLPSpec = { sizes: [3, 4, 1], activations: ['tanh', 'identity'] };
  const remote = await ThreadNetwork.create(spec, 'f32', { maxBatch: 2 });
  remote.setParameters(fill(remote.layout.parameterCount));
  const adam = remote.createAdam();
  assert.throws(() => remote.backwardSquaredNorm([1, 1]), /call forward first/);
  assert.throws(() => remote.forward([1, 2, 3], 3), /batch/);
  assert.throws(() => remote.forward([1, 2], 1), /inputs/);
  await remote.forward([1, 2, 3, 4, 5, 6], 2);
  // f32 gradients overflow to ∞: the worker's Adam refuses them, and says which.
  await remote.backwardSquaredNorm([3e38, 3e38]);
  let message = '';
  await adam.step().catch((error: Error) => (message = error.message));
  assert.match(message, /Adam gradient\[\d+\] must be a finite number/);
  // The network still answers after a failed request.
  assert.is((await remote.forward([1, 2, 3], 1)).length, 1);
  await remote.close();
  let closed = '';
  await remote.readParameters().catch((error: Error) => (closed = error.message));
  assert.match(closed, /closed/);
});

test.run();
