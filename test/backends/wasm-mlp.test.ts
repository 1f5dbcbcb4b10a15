// The MLP's products against references: forward against a plain f64 MLP; gradients, input
// gradients, Jacobian–vector and Hessian–vector products against fourth-order central finite
// differences in f64 (gradient ≤ 1e-7, HVP ≤ 1e-6 relative, the marks); the Gauss–Newton
// product against Jᵀ M J assembled column by column, and for symmetry and positive semi-definiteness.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../src/backends/create-engine.js';
import type { WasmMLP } from '../../src/backends/wasm/wasm-mlp.js';
import { gradcheck, hvpcheck, jvpcheck } from '../../src/check/finite-difference.js';
import { mlpObjective } from '../../src/check/mlp-objective.js';
import { meanSquaredError, softmaxCrossEntropy } from '../../src/nn/losses.js';
import type { Activation } from '../../src/nn/mlp-layout.js';
import type { OutputLoss, OutputMetric } from '../../src/nn/output-loss.js';
import { Random } from '../../src/random/prng.js';
import { normwiseRelativeError, randomArray, referenceMLPForward, referenceMLPPreActivations } from '../helpers/reference.js';

const f64 = await createEngine({ dtype: 'f64' });
const f32 = await createEngine({ dtype: 'f32' });
const random = new Random(7);

interface Case {
  sizes: number[];
  activations: Activation[];
  batch: number;
  loss: 'cross-entropy' | 'squared-error';
}

const hidden = (activation: Activation, sizes: number[], output: Activation = 'identity'): Activation[] =>
  sizes.slice(1).map((_, l) => (l === sizes.length - 2 ? output : activation));

/** Each activation, depths 1 to 4, odd widths, batch sizes 1 to 257, both losses. */
const CASES: Case[] = (['tanh', 'relu', 'identity'] as Activation[]).flatMap((activation) => [
  { sizes: [5, 3], activations: hidden(activation, [5, 3], activation), batch: 1, loss: 'cross-entropy' as const },
  { sizes: [3, 7, 4], activations: hidden(activation, [3, 7, 4]), batch: 2, loss: 'cross-entropy' as const },
  { sizes: [4, 9, 6, 3], activations: hidden(activation, [4, 9, 6, 3]), batch: 17, loss: 'squared-error' as const },
  { sizes: [2, 5, 5, 5, 2], activations: hidden(activation, [2, 5, 5, 5, 2], 'tanh'), batch: 64, loss: 'cross-entropy' as const },
  { sizes: [3, 8, 1], activations: hidden(activation, [3, 8, 1]), batch: 257, loss: 'squared-error' as const },
]);

/**
 * ReLU has no derivative at 0, and a finite difference that straddles a kink measures a jump, not
 * a derivative. Input rows are therefore drawn until every ReLU pre-activation of the row is at
 * least this far from 0 — tens of times what the stencil's largest move (2h = 1e-3, times the
 * pre-activation's sensitivity of a few units) can reach — and no ReLU layer is entirely off
 * (which would make every derivative zero and the check vacuous).
 */
const KINK_MARGIN = 0.05;

function drawInputs(c: Case, parameters: Float64Array): Float64Array {
  const inputSize = c.sizes[0]!;
  const rows: number[] = [];
  while (rows.length < c.batch * inputSize) {
    const row = randomArray(random, inputSize);
    const preActivations = referenceMLPPreActivations(c.sizes, c.activations, parameters, row, 1);
    const relu = preActivations.filter((_, l) => c.activations[l] === 'relu');
    const nearKink = relu.some((z) => z.some((v) => Math.abs(v) < KINK_MARGIN));
    const layerDead = relu.some((z) => z.every((v) => v < 0));
    if (!nearKink && !layerDead) rows.push(...row);
  }
  return Float64Array.from(rows);
}

function setUp(c: Case, engine = f64) {
  const mlp = engine.createMLP({ sizes: c.sizes, activations: c.activations }, { maxBatch: c.batch });
  const outputSize = c.sizes[c.sizes.length - 1]!;
  mlp.initOrthogonal(random);
  // Non-zero biases and a perturbation, so that no derivative vanishes by symmetry.
  const parameters = Float64Array.from(mlp.parameters, (x) => x + 0.2 * random.normal());
  const inputs = drawInputs(c, parameters);
  const loss: OutputLoss = c.loss === 'cross-entropy'
    ? softmaxCrossEntropy(Array.from({ length: c.batch }, () => random.integer(outputSize)), outputSize)
    : meanSquaredError(randomArray(random, c.batch * outputSize), outputSize);
  return { mlp, inputs, loss, parameters, objective: mlpObjective(mlp, inputs, c.batch, loss) };
}

const describe = (c: Case) => `[${c.sizes}] ${c.activations.join('/')} batch ${c.batch} ${c.loss}`;

test('forward matches the plain f64 MLP (f64 within 1e-13, f32 within 1e-5, normwise)', () => {
  for (const c of CASES) {
    for (const [engine, tolerance] of [[f64, 1e-13], [f32, 1e-5]] as const) {
      const { mlp, inputs, parameters } = setUp(c, engine);
      mlp.setParameters(parameters);
      const stored = Float64Array.from(mlp.parameters); // after rounding to the engine's dtype
      const storedInputs = engine.dtype === 'f32' ? inputs.map(Math.fround) : inputs;
      const expected = referenceMLPForward(c.sizes, c.activations, stored, storedInputs, c.batch);
      const error = normwiseRelativeError(mlp.forward(inputs, c.batch), expected);
      assert.ok(error <= tolerance, `${engine.dtype} ${describe(c)}: ${error}`);
    }
  }
});

test('parameter gradients match finite differences within 1e-7 (f64)', () => {
  for (const c of CASES) {
    const { mlp, parameters, objective } = setUp(c);
    const result = gradcheck((p) => objective.value(p), (p) => objective.gradient(p), parameters, { blocks: mlp.layout.blocks });
    assert.ok(result.passed, `${describe(c)}: ${JSON.stringify(result.blocks)}`);
    assert.is(result.blocks.length, 2 * (c.sizes.length - 1));
  }
});

test('input gradients match finite differences within 1e-7 (f64)', () => {
  for (const c of CASES) {
    const { mlp, inputs, loss, parameters } = setUp(c);
    mlp.setParameters(parameters);
    const value = (x: Float64Array) => loss.value(mlp.forward(x, c.batch), c.batch);
    const gradient = (x: Float64Array) => {
      const outputs = mlp.forward(x, c.batch);
      const gradOutputs = new Float64Array(outputs.length);
      loss.gradient(outputs, c.batch, gradOutputs);
      return Float64Array.from(mlp.backward(gradOutputs, { inputGradients: true }).inputs!);
    };
    const result = gradcheck(value, gradient, inputs);
    assert.ok(result.passed, `${describe(c)}: ${result.maxRelativeError}`);
  }
});

test('Jacobian–vector products match finite differences of the outputs within 1e-7 (f64)', () => {
  for (const c of CASES) {
    const { mlp, inputs, parameters } = setUp(c);
    const outputsAt = (p: Float64Array) => {
      mlp.setParameters(p);
      return Float64Array.from(mlp.forward(inputs, c.batch));
    };
    const jvp = (p: Float64Array, v: Float64Array) => {
      outputsAt(p);
      return Float64Array.from(mlp.jvp(v));
    };
    const result = jvpcheck(outputsAt, jvp, parameters, { seed: c.batch });
    assert.ok(result.passed, `${describe(c)}: ${result.maxRelativeError}`);
  }
});

test('Hessian–vector products match finite differences of the gradient within 1e-6 (f64)', () => {
  for (const c of CASES) {
    const { mlp, parameters, objective } = setUp(c);
    for (const seed of [1, 2]) {
      const result = hvpcheck((p) => objective.gradient(p), (p, v) => objective.hessianVectorProduct(p, v), parameters, {
        blocks: mlp.layout.blocks, seed,
      });
      assert.ok(result.passed, `${describe(c)} seed ${seed}: ${JSON.stringify(result.blocks)}`);
    }
  }
});

test('hvp leaves mlp.gradients as backward left them', () => {
  const c = CASES[3]!;
  const { mlp, parameters, objective } = setUp(c);
  const gradient = objective.gradient(parameters);
  objective.hessianVectorProduct(parameters, randomArray(random, parameters.length));
  assert.equal(Array.from(mlp.gradients), Array.from(gradient));
});

/** M(Y) = the softmax cross-entropy Hessian per sample: positive semi-definite. */
function crossEntropyMetric(loss: OutputLoss): OutputMetric {
  return (outputs, tangent, batch, result) => loss.hessianVectorProduct(outputs, tangent, batch, result);
}

test('the Gauss–Newton product equals Jᵀ M J v assembled from Jacobian columns (f64, 1e-12 normwise)', () => {
  for (const c of CASES.filter((x) => x.loss === 'cross-entropy')) {
    const { mlp, inputs, loss, parameters } = setUp(c);
    mlp.setParameters(parameters);
    const outputs = Float64Array.from(mlp.forward(inputs, c.batch));
    const count = mlp.layout.parameterCount;
    // J column by column: J e_i by jvp.
    const columns = Array.from({ length: count }, (_, i) => {
      const basis = new Float64Array(count);
      basis[i] = 1;
      return Float64Array.from(mlp.jvp(basis));
    });
    const v = randomArray(random, count);
    const jv = new Float64Array(outputs.length);
    columns.forEach((column, i) => column.forEach((x, o) => (jv[o]! += x * v[i]!)));
    const mjv = new Float64Array(outputs.length);
    loss.hessianVectorProduct(outputs, jv, c.batch, mjv);
    const expected = columns.map((column) => column.reduce((s, x, o) => s + x * mjv[o]!, 0));
    const actual = mlp.gaussNewtonProduct(v, crossEntropyMetric(loss));
    assert.ok(normwiseRelativeError(actual, expected) <= 1e-12, describe(c));
  }
});

test('the Gauss–Newton product is symmetric and positive semi-definite (f64)', () => {
  for (const c of CASES) {
    const { mlp, inputs, loss, parameters } = setUp(c);
    mlp.setParameters(parameters);
    mlp.forward(inputs, c.batch);
    const metric = crossEntropyMetric(c.loss === 'cross-entropy' ? loss : meanSquaredError(new Float64Array(inputs.length / c.sizes[0]! * c.sizes[c.sizes.length - 1]!), c.sizes[c.sizes.length - 1]!));
    for (let trial = 0; trial < 3; trial++) {
      const u = randomArray(random, parameters.length);
      const v = randomArray(random, parameters.length);
      const gu = Float64Array.from(mlp.gaussNewtonProduct(u, metric));
      const gv = Float64Array.from(mlp.gaussNewtonProduct(v, metric));
      const vGu = v.reduce((s, x, i) => s + x * gu[i]!, 0);
      const uGv = u.reduce((s, x, i) => s + x * gv[i]!, 0);
      const scale = Math.sqrt(Math.abs(u.reduce((s, x, i) => s + x * gu[i]!, 0) * v.reduce((s, x, i) => s + x * gv[i]!, 0))) || 1;
      assert.ok(Math.abs(vGu - uGv) <= 1e-12 * scale, `${describe(c)} symmetry ${vGu} vs ${uGv}`);
      const vGv = v.reduce((s, x, i) => s + x * gv[i]!, 0);
      assert.ok(vGv >= -1e-12 * scale, `${describe(c)} vᵀGv = ${vGv}`);
    }
  }
});

test('for a single layer (outputs linear in θ) the Gauss–Newton product equals the exact HVP (f64, 1e-13)', () => {
  const c: Case = { sizes: [6, 4], activations: ['identity'], batch: 33, loss: 'cross-entropy' };
  const { mlp, loss, parameters, objective } = setUp(c);
  const v = randomArray(random, parameters.length);
  const exact = objective.hessianVectorProduct(parameters, v);
  const gaussNewton = objective.gaussNewtonProduct(parameters, v, crossEntropyMetric(loss));
  assert.ok(normwiseRelativeError(gaussNewton, exact) <= 1e-13);
  assert.is(mlp.layout.parameterCount, 28);
});

test('f32 backward and hvp agree with f64 within 1e-5 (normwise)', () => {
  const c: Case = { sizes: [4, 64, 64, 2], activations: ['tanh', 'tanh', 'identity'], batch: 65, loss: 'cross-entropy' };
  const wide = setUp(c, f64);
  const narrow = { ...wide, mlp: f32.createMLP({ sizes: c.sizes, activations: c.activations }, { maxBatch: c.batch }) };
  // The same (f32-representable) parameters and inputs in both.
  const parameters = wide.parameters.map(Math.fround);
  const inputs = wide.inputs.map(Math.fround);
  const v = randomArray(random, parameters.length).map(Math.fround);
  const results = [wide.mlp, narrow.mlp].map((mlp: WasmMLP) => {
    const objective = mlpObjective(mlp, inputs, c.batch, wide.loss);
    return { gradient: objective.gradient(parameters), hvp: objective.hessianVectorProduct(parameters, v) };
  });
  assert.ok(normwiseRelativeError(results[1]!.gradient, results[0]!.gradient) <= 1e-5, 'gradient');
  assert.ok(normwiseRelativeError(results[1]!.hvp, results[0]!.hvp) <= 1e-5, 'hvp');
});

test('a wider network: sampled gradient coordinates and the full HVP pass (f64)', () => {
  const c: Case = { sizes: [8, 65, 63, 3], activations: ['tanh', 'tanh', 'identity'], batch: 31, loss: 'cross-entropy' };
  const { mlp, parameters, objective } = setUp(c);
  const gradient = gradcheck((p) => objective.value(p), (p) => objective.gradient(p), parameters, { blocks: mlp.layout.blocks, coordinatesPerBlock: 12 });
  assert.ok(gradient.passed, JSON.stringify(gradient.blocks));
  assert.ok(gradient.blocks.every((b) => b.checked === Math.min(12, mlp.layout.blocks.find((x) => x.name === b.name)!.length)));
  const hvp = hvpcheck((p) => objective.gradient(p), (p, v) => objective.hessianVectorProduct(p, v), parameters, { blocks: mlp.layout.blocks });
  assert.ok(hvp.passed, JSON.stringify(hvp.blocks));
});

test('views of parameters survive memory growth', () => {
  const engine = f32;
  const mlp = engine.createMLP({ sizes: [3, 5, 2], activations: ['tanh', 'identity'] }, { maxBatch: 4 });
  mlp.initOrthogonal(new Random(3));
  const before = Array.from(mlp.parameters);
  const stale = mlp.parameters;
  engine.kernels.allocate(8 * 1024 * 1024); // 32 MiB: forces the memory to grow
  assert.is(stale.length, 0, 'a raw view made before growth is detached');
  assert.equal(Array.from(mlp.parameters), before);
  assert.is(mlp.forward([1, 2, 3], 1).length, 2);
});

test('bad input throws errors naming the argument', () => {
  const mlp = f32.createMLP({ sizes: [3, 4, 2], activations: ['tanh', 'identity'] }, { maxBatch: 2 });
  assert.throws(() => mlp.backward([1, 2]), /backward: call forward first/);
  assert.throws(() => mlp.forward([1, 2, 3], 3), /batch must be an integer in \[1, 2\], got 3/);
  assert.throws(() => mlp.forward([1, 2], 1), /inputs must have length 3, got 2/);
  assert.throws(() => mlp.forward([1, Number.NaN, 3], 1), /inputs\[1\] must be a finite number, got NaN/);
  mlp.forward([1, 2, 3], 1);
  assert.throws(() => mlp.backward([1, 2, 3]), /gradOutputs must have length 2, got 3/);
  assert.throws(() => mlp.jvp(new Float64Array(5)), /direction must have length 26, got 5/);
  assert.throws(() => mlp.setParameters(new Float64Array(26).fill(Infinity)), /parameters\[0\] must be a finite number, got Infinity/);
  assert.throws(() => mlp.initOrthogonal(new Random(1), [1]), /gains must have one entry per layer \(2\), got 1/);
  assert.throws(() => mlp.gaussNewtonProduct(new Float64Array(26), (_y, _t, _b, r) => r.fill(Number.NaN)), /output metric product\[0\] is NaN/);
  assert.throws(() => f32.createMLP({ sizes: [3, -4, 2], activations: ['tanh', 'identity'] }), /spec.sizes\[1\] must be an integer ≥ 1|spec.sizes\[1\] must be an integer in/);
  assert.throws(() => f32.createMLP({ sizes: [3, 4, 2], activations: ['tanh', 'softsign' as never] }), /spec.activations\[1\] must be one of/);
  assert.throws(() => f32.createMLP({ sizes: [3, 4, 2], activations: ['tanh'] }), /spec.activations must be an array of 2 activations/);
  assert.throws(() => f32.createMLP({ sizes: [3], activations: [] }), /spec.sizes must be an array of at least two/);
  assert.throws(() => f32.createMLP({ sizes: [3, 2], activations: ['tanh'] }, { maxBatch: 0 }), /maxBatch must be an integer in \[1, /);
});

test.run();
