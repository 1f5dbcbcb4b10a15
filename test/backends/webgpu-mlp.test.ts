// The WebGPU MLP against the wasm f32 MLP, product by product: forward, backward with input
// gradients, jvp, hvp with softmax cross-entropy and the Gauss–Newton product with its Hessian as
// the metric. Reference: the wasm backend, itself checked against finite differences in f64
// (wasm-mlp.test.ts). Tolerance: 1e-5 normwise relative, ‖gpu − wasm‖∞ / ‖wasm‖∞: both are f32,
// summing in different orders, so they agree to a few ulp times the depth of the sums.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createEngine } from '../../src/backends/create-engine.js';
import { softmaxCrossEntropy } from '../../src/nn/losses.js';
import { Random } from '../../src/random/prng.js';
import { randomArray } from '../helpers/reference.js';
import { AGREEMENT_BATCHES, AGREEMENT_SHAPES, productErrors } from '../helpers/webgpu-agreement.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

const TOLERANCE = 1e-5;
const gpu = await webgpuOrSkip('WebGPU MLP against wasm');
const wasm = await createEngine({ dtype: 'f32' });
const random = new Random(11);

const f32 = (values: Float64Array) => Float32Array.from(values);

if (gpu) {
  test(`every product agrees with the wasm f32 backend within ${TOLERANCE} (normwise relative)`, async () => {
    for (const spec of AGREEMENT_SHAPES) {
      for (const batch of AGREEMENT_BATCHES) {
        const errors = await productErrors(gpu, wasm, spec, batch, random);
        for (const [product, error] of Object.entries(errors)) {
          assert.ok(error <= TOLERANCE, `[${spec.sizes}] ${spec.activations.join('/')} batch ${batch} ${product}: ${error}`);
        }
        assert.is(Object.keys(errors).length, 8);
      }
    }
  });

  test('hvp leaves the gradient of the latest backward untouched', async () => {
    const mlp = gpu.createMLP({ sizes: [3, 5, 2], activations: ['tanh', 'identity'] }, { maxBatch: 4 });
    mlp.initOrthogonal(new Random(5));
    const outputs = await mlp.forward(f32(randomArray(random, 12)), 4);
    const loss = softmaxCrossEntropy([0, 1, 1, 0], 2);
    const gradOutputs = new Float32Array(8);
    loss.gradient(outputs, 4, gradOutputs);
    const { parameters: gradient } = await mlp.backward(gradOutputs);
    await mlp.hvp(f32(randomArray(random, 32)), loss);
    assert.equal(await mlp.readGradients(), gradient);
  });

  test('calls not awaited run in call order', async () => {
    const mlp = gpu.createMLP({ sizes: [2, 3, 1], activations: ['tanh', 'identity'] }, { maxBatch: 2 });
    mlp.initOrthogonal(new Random(9));
    const first = mlp.forward([1, 2, 3, 4], 2);
    mlp.setParameters(new Float32Array(13).fill(0.5));
    const second = mlp.forward([1, 2, 3, 4], 2);
    const [a, b] = await Promise.all([first, second]);
    assert.not.equal(a, b);
    const expected = 0.5 + 1.5 * Math.tanh(0.5 + 0.5 * (1 + 2)); // every weight and bias 0.5
    assert.ok(Math.abs(b[0]! - expected) < 1e-6, `${b[0]} vs ${expected}`);
  });

  test('bad input throws errors naming the argument', async () => {
    const mlp = gpu.createMLP({ sizes: [3, 4, 2], activations: ['tanh', 'identity'] }, { maxBatch: 2 });
    assert.throws(() => mlp.backward([1, 2]), /backward: call forward first/);
    assert.throws(() => mlp.forward([1, 2, 3], 3), /batch must be an integer in \[1, 2\], got 3/);
    assert.throws(() => mlp.forward([1, Number.NaN, 3], 1), /inputs\[1\] must be a finite number, got NaN/);
    await mlp.forward([1, 2, 3], 1);
    assert.throws(() => mlp.backward([1, 2, 3]), /gradOutputs must have length 2, got 3/);
    assert.throws(() => mlp.jvp(new Float64Array(5)), /direction must have length 26, got 5/);
    assert.throws(() => mlp.setParameters(new Float64Array(26).fill(Infinity)), /parameters\[0\] must be a finite number, got Infinity/);
    assert.throws(() => mlp.initOrthogonal(new Random(1), [1]), /gains must have one entry per layer \(2\), got 1/);
    assert.throws(() => gpu.createMLP({ sizes: [3, 4, 2], activations: ['tanh', 'identity'] }, { maxBatch: 0 }), /maxBatch must be an integer in \[1, 1048576\], got 0/);
    try {
      await mlp.gaussNewtonProduct(new Float64Array(26), (_y, _t, _b, r) => r.fill(Number.NaN));
      assert.unreachable('a NaN metric must be rejected');
    } catch (error) {
      assert.match((error as Error).message, /output metric product\[0\] is NaN/);
    }
    assert.equal(Array.from(await mlp.forward([1, 2, 3], 1)).length, 2, 'a failed call does not stop the next');
  });

  test("createEngine: 'webgpu' is f32 only; 'auto' picks WebGPU when there is an adapter", async () => {
    try {
      await createEngine({ backend: 'webgpu', dtype: 'f64' });
      assert.unreachable();
    } catch (error) {
      assert.match((error as Error).message, /dtype must be 'f32' for backend 'webgpu'/);
    }
    const notices: string[] = [];
    const auto = await createEngine({ backend: 'auto', onNotice: (m) => notices.push(m) });
    assert.is(auto.name, 'webgpu');
    assert.equal(notices, []);
    const auto64 = await createEngine({ backend: 'auto', dtype: 'f64', onNotice: (m) => notices.push(m) });
    assert.is(auto64.name, 'wasm');
    assert.match(notices[0]!, /uses wasm for dtype 'f64'/);
  });
}

test("without an adapter, 'webgpu' throws a clear error and 'auto' falls back to wasm with a notice", () => {
  // A child process whose Vulkan loader finds no driver at all.
  const script = `
    import { createEngine } from ${JSON.stringify(new URL('../../src/index.js', import.meta.url).href)};
    const notices = [];
    const auto = await createEngine({ backend: 'auto', onNotice: (m) => notices.push(m) });
    let error;
    try { await createEngine({ backend: 'webgpu' }); } catch (e) { error = e; }
    console.log(JSON.stringify({ auto: auto.name, notices, error: error && error.name + ': ' + error.message }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' }, encoding: 'utf8',
  });
  assert.is(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { auto: string; notices: string[]; error: string };
  assert.is(result.auto, 'wasm');
  assert.is(result.notices.length, 1);
  assert.match(result.notices[0]!, /backend 'auto' falls back to wasm: WebGPU found no adapter/);
  assert.match(result.error, /^WebGPUUnavailableError: WebGPU found no adapter/);
});

test.run();
