// The policy's gradient against finite differences (≤ 1e-7, f64), and its three Fisher–vector
// products against each other: the analytic Gauss–Newton form equals the exact Hessian of the
// mean KL at θ = θ_old (1e-10 normwise), the exact KL Hessian matches a mixed second difference
// away from θ_old (1e-6), and the sampled Fisher converges to the analytic one (5 standard errors).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../src/backends/create-engine.js';
import { gradcheck } from '../../src/check/finite-difference.js';
import type { ActionDistribution } from '../../src/nn/distributions/action-distribution.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { DiagonalGaussian } from '../../src/nn/distributions/diagonal-gaussian.js';
import { Policy } from '../../src/policy/policy.js';
import { Random } from '../../src/random/prng.js';
import { normwiseRelativeError, randomArray } from '../helpers/reference.js';

const engine = await createEngine({ dtype: 'f64' });
const random = new Random(23);

async function setUp(distribution: ActionDistribution, batch: number, sizes: number[] = [3, 6, 5, distribution.outputSize]) {
  const network = engine.createMLP({ sizes, activations: [...sizes.slice(2).map(() => 'tanh' as const), 'identity'] }, { maxBatch: batch });
  network.initOrthogonal(random);
  const policy = new Policy(network, distribution);
  const theta = (await policy.getParameters()).map((x) => x + 0.3 * random.normal());
  policy.setParameters(theta);
  const observations = randomArray(random, batch * sizes[0]!);
  const actions = distribution.kind === 'categorical' ? new Int32Array(batch) : new Float64Array(batch * distribution.actionSize);
  await policy.act(observations, batch, random, actions, new Float64Array(batch));
  return { policy, theta, observations, actions };
}

const distributions = () => [new Categorical(3), new DiagonalGaussian(2)];

for (const distribution of distributions()) {
  test(`${distribution.kind}: ∇θ of Σ w·log π + Σ u·H matches finite differences`, async () => {
    const batch = 9;
    const { policy, theta, observations, actions } = await setUp(distribution, batch);
    const w = randomArray(random, batch);
    const u = randomArray(random, batch);
    // The loss evaluated directly on the wasm network, synchronously, for the finite differences.
    const network = policy.network as import('../../src/backends/wasm/wasm-mlp.js').WasmMLP;
    const value = (t: Float64Array) => {
      policy.setParameters(t);
      const outputs = network.forward(observations, batch);
      const logProbs = new Float64Array(batch);
      const entropies = new Float64Array(batch);
      distribution.logProb(outputs, policy.extra, actions, batch, logProbs);
      distribution.entropy(outputs, policy.extra, batch, entropies);
      return logProbs.reduce((s, x, b) => s + w[b]! * x + u[b]! * entropies[b]!, 0);
    };
    policy.setParameters(theta);
    await policy.evaluate(observations, actions, batch);
    const analytic = await policy.gradient(w, u);
    // gradcheck asks for the analytic gradient once, at θ: computed above (the policy API is async).
    const result = gradcheck(value, () => analytic, theta, { blocks: [
      { name: 'network', offset: 0, length: policy.network.layout.parameterCount },
      { name: 'extra', offset: policy.network.layout.parameterCount, length: distribution.extraParameterCount },
    ] });
    assert.ok(result.passed, JSON.stringify(result.blocks));
  });

  test(`${distribution.kind}: analytic Fisher = exact KL Hessian at θ_old (1e-10); sampled Fisher uses one JVP and VJP`, async () => {
    const batch = 11;
    const { policy, observations, actions } = await setUp(distribution, batch);
    await policy.evaluate(observations, actions, batch);
    policy.markOld();
    const v = randomArray(random, policy.parameterCount);
    const analytic = await policy.fisherVectorProduct(v, 'analytic');
    const exact = await policy.fisherVectorProduct(v, 'kl-hessian');
    assert.ok(normwiseRelativeError(exact, analytic) <= 1e-10, String(normwiseRelativeError(exact, analytic)));
    // F is symmetric positive semi-definite.
    const u = randomArray(random, policy.parameterCount);
    const fu = await policy.fisherVectorProduct(u, 'analytic');
    const uFv = u.reduce((s, x, i) => s + x * analytic[i]!, 0);
    const vFu = v.reduce((s, x, i) => s + x * fu[i]!, 0);
    assert.ok(Math.abs(uFv - vFu) <= 1e-12 * Math.abs(uFv) + 1e-15);
    assert.ok(v.reduce((s, x, i) => s + x * analytic[i]!, 0) >= 0);
    const sampled = await policy.fisherVectorProduct(v, 'sampled');
    assert.is(sampled.length, policy.parameterCount);
  });

  test(`${distribution.kind}: the exact KL Hessian away from θ_old matches a mixed second difference (1e-6)`, async () => {
    const batch = 6;
    const { policy, theta, observations, actions } = await setUp(distribution, batch);
    await policy.evaluate(observations, actions, batch);
    policy.markOld();
    const moved: Float64Array = theta.map((x) => x + 0.2 * random.normal());
    const meanKL = async (t: Float64Array) => {
      policy.setParameters(t);
      await policy.evaluate(observations, actions, batch);
      return policy.meanKL();
    };
    const u = randomArray(random, theta.length);
    const w = randomArray(random, theta.length);
    const h = 1e-4;
    const at = (a: number, b: number) => meanKL(moved.map((x, i) => x + a * h * u[i]! + b * h * w[i]!));
    const numeric = ((await at(1, 1)) - (await at(1, -1)) - (await at(-1, 1)) + (await at(-1, -1))) / (4 * h * h);
    await meanKL(moved);
    const hw = await policy.fisherVectorProduct(w, 'kl-hessian');
    const analytic = u.reduce((s, x, i) => s + x * hw[i]!, 0);
    assert.ok(Math.abs(analytic - numeric) <= 1e-6 * Math.max(1, Math.abs(analytic)), `${analytic} vs ${numeric}`);
  });

  test(`${distribution.kind}: the sampled Fisher converges to the analytic one (each coordinate within 5 standard errors)`, async () => {
    // One state repeated, actions drawn from π: F̂v is a mean of i.i.d. terms with expectation Fv.
    const groups = 16;
    const perGroup = 512;
    const { policy } = await setUp(distribution, perGroup, [3, 4, distribution.outputSize]);
    const state = randomArray(random, 3);
    const observations = Float64Array.from({ length: perGroup * 3 }, (_, i) => state[i % 3]!);
    const v = randomArray(random, policy.parameterCount);
    const estimates: Float64Array[] = [];
    let analytic: Float64Array = new Float64Array(0);
    for (let g = 0; g < groups; g++) {
      const actions = distribution.kind === 'categorical' ? new Int32Array(perGroup) : new Float64Array(perGroup * distribution.actionSize);
      await policy.act(observations, perGroup, random, actions, new Float64Array(perGroup));
      await policy.evaluate(observations, actions, perGroup);
      estimates.push(await policy.fisherVectorProduct(v, 'sampled'));
      analytic = await policy.fisherVectorProduct(v, 'analytic');
    }
    const mean = analytic.map((_, i) => estimates.reduce((s, e) => s + e[i]!, 0) / groups);
    const standardError = analytic.map((_, i) => Math.sqrt(estimates.reduce((s, e) => s + (e[i]! - mean[i]!) ** 2, 0) / (groups - 1) / groups));
    const scale = Math.max(...analytic.map(Math.abs));
    analytic.forEach((f, i) => assert.ok(Math.abs(mean[i]! - f) <= 5 * standardError[i]! + 1e-12 * scale, `coordinate ${i}: ${mean[i]} vs ${f} ± ${standardError[i]}`));
    assert.ok(normwiseRelativeError(mean, analytic) < 0.1, String(normwiseRelativeError(mean, analytic)));
  });
}

test('policy errors name what is wrong', async () => {
  const network = engine.createMLP({ sizes: [2, 3], activations: ['identity'] }, { maxBatch: 2 });
  assert.throws(() => new Policy(network, new Categorical(2)), /network has 3 outputs but the categorical distribution needs 2/);
  const policy = new Policy(network, new Categorical(3));
  await assert.not.throws(() => policy.getParameters());
  let message = '';
  await policy.gradient([1]).catch((e: Error) => (message = e.message));
  assert.match(message, /gradient: call evaluate/);
  await policy.evaluate([0, 0, 1, 1], [0, 2], 2);
  assert.throws(() => policy.meanKL(), /meanKL: call markOld\(\) on this batch first/);
  message = '';
  await policy.fisherVectorProduct(new Float64Array(9), 'exact' as never).catch((e: Error) => (message = e.message));
  assert.match(message, /method must be one of 'analytic', 'kl-hessian', 'sampled'/);
});

test.run();
