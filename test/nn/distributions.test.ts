// The action distributions' derivatives against fourth-order central finite differences in f64
// (gradients ≤ 1e-7, Hessian products ≤ 1e-6 relative, as gradcheck/hvpcheck define them), the
// KL's full Hessian against a mixed second difference, closed-form values, and sampling against
// the distribution it draws from.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gradcheck, hvpcheck } from '../../src/check/finite-difference.js';
import type { ActionDistribution } from '../../src/nn/distributions/action-distribution.js';
import { Categorical } from '../../src/nn/distributions/categorical.js';
import { DiagonalGaussian } from '../../src/nn/distributions/diagonal-gaussian.js';
import { Random } from '../../src/random/prng.js';
import { randomArray } from '../helpers/reference.js';

const random = new Random(17);
const BATCH = 7;

const cases: { name: string; distribution: ActionDistribution }[] = [
  { name: 'Categorical(5)', distribution: new Categorical(5) },
  { name: 'DiagonalGaussian(3)', distribution: new DiagonalGaussian(3) },
];

function setUp(distribution: ActionDistribution) {
  const outputs = randomArray(random, BATCH * distribution.outputSize);
  const extra = randomArray(random, distribution.extraParameterCount, 0.3);
  const actions = distribution.kind === 'categorical' ? new Int32Array(BATCH) : new Float64Array(BATCH * distribution.actionSize);
  distribution.sample(outputs, extra, BATCH, random, actions);
  const weights = randomArray(random, BATCH);
  const oldOutputs = randomArray(random, BATCH * distribution.outputSize);
  const oldExtra = randomArray(random, distribution.extraParameterCount, 0.3);
  const joint = Float64Array.from([...outputs, ...extra]);
  const split = (x: Float64Array) => ({ y: x.subarray(0, outputs.length), e: x.subarray(outputs.length) });
  return { outputs, extra, actions, weights, oldOutputs, oldExtra, joint, split };
}

for (const { name, distribution } of cases) {
  test(`${name}: ∂(Σ w log π)/∂(outputs, extra) matches finite differences`, () => {
    const { actions, weights, joint, split } = setUp(distribution);
    const value = (x: Float64Array) => {
      const { y, e } = split(x);
      const out = new Float64Array(BATCH);
      distribution.logProb(y, e, actions, BATCH, out);
      return out.reduce((s, v, b) => s + weights[b]! * v, 0);
    };
    const gradient = (x: Float64Array) => {
      const { y, e } = split(x);
      const g = new Float64Array(x.length);
      distribution.logProbBackward(y, e, actions, BATCH, weights, g.subarray(0, y.length), g.subarray(y.length));
      return g;
    };
    assert.ok(gradcheck(value, gradient, joint).passed);
  });

  test(`${name}: ∂(Σ w H)/∂(outputs, extra) matches finite differences`, () => {
    const { weights, joint, split } = setUp(distribution);
    const value = (x: Float64Array) => {
      const { y, e } = split(x);
      const out = new Float64Array(BATCH);
      distribution.entropy(y, e, BATCH, out);
      return out.reduce((s, v, b) => s + weights[b]! * v, 0);
    };
    const gradient = (x: Float64Array) => {
      const { y, e } = split(x);
      const g = new Float64Array(x.length);
      distribution.entropyBackward(y, e, BATCH, weights, g.subarray(0, y.length), g.subarray(y.length));
      return g;
    };
    assert.ok(gradcheck(value, gradient, joint).passed);
  });

  test(`${name}: the KL's output gradient and output Hessian match finite differences`, () => {
    const { outputs, extra, oldOutputs, oldExtra } = setUp(distribution);
    const scale = 1 / BATCH;
    const value = (y: Float64Array) => {
      const out = new Float64Array(BATCH);
      distribution.kl(oldOutputs, oldExtra, y, extra, BATCH, out);
      return scale * out.reduce((s, v) => s + v, 0);
    };
    const gradient = (y: Float64Array) => {
      const g = new Float64Array(y.length);
      distribution.klOutputGradient(oldOutputs, oldExtra, y, extra, BATCH, scale, g);
      return g;
    };
    const hessian = (y: Float64Array, t: Float64Array) => {
      const h = new Float64Array(y.length);
      distribution.klOutputHessianProduct(oldOutputs, oldExtra, y, extra, BATCH, scale, t, h);
      return h;
    };
    assert.ok(gradcheck(value, gradient, outputs).passed);
    assert.ok(hvpcheck(gradient, hessian, outputs).passed);
  });

  test(`${name}: the KL's full Hessian over (outputs, extra) matches a mixed second difference within 1e-6`, () => {
    const { joint, split, oldOutputs, oldExtra } = setUp(distribution);
    const n = joint.length;
    const kl = (x: Float64Array) => {
      const { y, e } = split(x);
      const out = new Float64Array(BATCH);
      distribution.kl(oldOutputs, oldExtra, y, e, BATCH, out);
      return out.reduce((s, v) => s + v, 0);
    };
    const hessianTimes = (x: Float64Array, w: Float64Array) => {
      const { y, e } = split(x);
      const { y: wy, e: we } = split(w);
      const result = new Float64Array(n);
      distribution.klOutputHessianProduct(oldOutputs, oldExtra, y, e, BATCH, 1, wy, result.subarray(0, y.length));
      distribution.klExtraHessianProduct(oldOutputs, oldExtra, y, e, BATCH, 1, wy, we, result.subarray(0, y.length), result.subarray(y.length));
      return result;
    };
    for (let trial = 0; trial < 3; trial++) {
      const u = randomArray(random, n);
      const w = randomArray(random, n);
      const h = 1e-4;
      const at = (a: number, b: number) => kl(joint.map((x, i) => x + a * h * u[i]! + b * h * w[i]!));
      const numeric = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h);
      const analytic = u.reduce((s, x, i) => s + x * hessianTimes(joint, w)[i]!, 0);
      assert.ok(Math.abs(analytic - numeric) <= 1e-6 * Math.max(Math.abs(analytic), 1), `${analytic} vs ${numeric}`);
    }
  });

  test(`${name}: logProbAndEntropy and its backward give the bits of the separate calls (Object.is)`, () => {
    const { outputs, extra, actions, weights } = setUp(distribution);
    const entropyWeights = randomArray(random, BATCH);
    const [logProbs, entropies, fusedLogProbs, fusedEntropies] = Array.from({ length: 4 }, () => new Float64Array(BATCH));
    distribution.logProb(outputs, extra, actions, BATCH, logProbs);
    distribution.entropy(outputs, extra, BATCH, entropies);
    distribution.logProbAndEntropy(outputs, extra, actions, BATCH, fusedLogProbs, fusedEntropies);
    const gradOutputs = new Float64Array(outputs.length).fill(Number.NaN); // overwritten, as in the separate calls
    const gradExtra = randomArray(random, extra.length); // added into
    const fusedGradOutputs = gradOutputs.slice();
    const fusedGradExtra = gradExtra.slice();
    distribution.logProbBackward(outputs, extra, actions, BATCH, weights, gradOutputs, gradExtra);
    distribution.entropyBackward(outputs, extra, BATCH, entropyWeights, gradOutputs, gradExtra);
    distribution.logProbAndEntropyBackward(outputs, extra, actions, BATCH, weights, entropyWeights, fusedGradOutputs, fusedGradExtra);
    for (const [separate, fused, what] of [[logProbs, fusedLogProbs, 'log π'], [entropies, fusedEntropies, 'H'], [gradOutputs, fusedGradOutputs, '∂/∂outputs'], [gradExtra, fusedGradExtra, '∂/∂extra']] as const) {
      separate.forEach((x, i) => assert.ok(Object.is(x, fused[i]), `${what}[${i}]: separate ${x}, fused ${fused[i]}`));
    }
  });

  test(`${name}: the Fisher information equals the KL's Hessian at the old policy; KL(p‖p) = 0`, () => {
    const { outputs, extra } = setUp(distribution);
    const tangent = randomArray(random, outputs.length);
    const extraTangent = randomArray(random, extra.length);
    const fisher = new Float64Array(outputs.length);
    const fisherExtra = new Float64Array(extra.length);
    distribution.outputFisher(outputs, BATCH).product(extra, 0.5, tangent, fisher);
    distribution.fisherExtraProduct(extra, BATCH, 0.5, extraTangent, fisherExtra);
    const hessian = new Float64Array(outputs.length);
    const hessianExtra = new Float64Array(extra.length);
    distribution.klOutputHessianProduct(outputs, extra, outputs, extra, BATCH, 0.5, tangent, hessian);
    distribution.klExtraHessianProduct(outputs, extra, outputs, extra, BATCH, 0.5, tangent, extraTangent, hessian, hessianExtra);
    assert.equal(Array.from(hessian), Array.from(fisher));
    hessianExtra.forEach((x, j) => assert.ok(Math.abs(x - fisherExtra[j]!) <= 1e-14 * Math.abs(x)));
    const kl = new Float64Array(BATCH);
    distribution.kl(outputs, extra, outputs, extra, BATCH, kl);
    assert.ok(kl.every((x) => Math.abs(x) < 1e-15));
  });
}

test('closed forms: uniform categorical entropy log n; standard Gaussian entropy d(1 + log 2π)/2', () => {
  const entropy = new Float64Array(1);
  new Categorical(4).entropy([0.3, 0.3, 0.3, 0.3], [], 1, entropy);
  assert.ok(Math.abs(entropy[0]! - Math.log(4)) < 1e-15);
  new DiagonalGaussian(2).entropy([5, -1], [0, 0], 1, entropy);
  assert.ok(Math.abs(entropy[0]! - (1 + Math.log(2 * Math.PI))) < 1e-15);
  // log N(0 | 0, 1) = −log √(2π). KL(N(0, 1) ‖ N(1, e⁴)), i.e. s° = 0, s = 2, Δ = 1:
  // s − s° + (σ°² + Δ²)/(2σ²) − ½ = 2 + (1 + 1)/(2e⁴) − ½.
  const logProb = new Float64Array(1);
  new DiagonalGaussian(1).logProb([0], [0], [0], 1, logProb);
  assert.ok(Math.abs(logProb[0]! + 0.5 * Math.log(2 * Math.PI)) < 1e-15);
  const kl = new Float64Array(1);
  new DiagonalGaussian(1).kl([0], [0], [1], [2], 1, kl);
  assert.ok(Math.abs(kl[0]! - (2 + 2 / (2 * Math.exp(4)) - 0.5)) < 1e-15);
});

test('sampling: categorical frequencies match softmax (chi-square, 3 dof, cut 21.1 at p = 1e-4)', () => {
  const categorical = new Categorical(4);
  const logits = [0.5, -1, 2, 0];
  const n = 40_000;
  const actions = new Int32Array(n);
  const repeated = Array.from({ length: n }, () => logits).flat();
  categorical.sample(repeated, [], n, new Random(3), actions);
  const z = logits.reduce((s, x) => s + Math.exp(x), 0);
  const counts = [0, 0, 0, 0];
  actions.forEach((a) => counts[a]!++);
  const chiSquare = counts.reduce((s, c, j) => s + (c - (n * Math.exp(logits[j]!)) / z) ** 2 / ((n * Math.exp(logits[j]!)) / z), 0);
  assert.ok(chiSquare < 21.1, String(chiSquare));
});

test('sampling: Gaussian draws have mean μ and std exp(s) (5 standard errors)', () => {
  const gaussian = new DiagonalGaussian(2);
  const n = 40_000;
  const actions = new Float64Array(2 * n);
  gaussian.sample(Array.from({ length: n }, () => [1, -2]).flat(), [Math.log(0.5), 0.2], n, new Random(4), actions);
  for (const [j, mean, std] of [[0, 1, 0.5], [1, -2, Math.exp(0.2)]] as const) {
    const xs = Array.from({ length: n }, (_, b) => actions[2 * b + j]!);
    const m = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / n;
    assert.ok(Math.abs(m - mean) < (5 * std) / Math.sqrt(n), `mean ${m}`);
    assert.ok(Math.abs(Math.sqrt(v) - std) < (5 * std) / Math.sqrt(2 * n), `std ${Math.sqrt(v)}`);
  }
});

test('bad arguments throw errors naming them', () => {
  assert.throws(() => new Categorical(1), /Categorical actions must be an integer ≥ 2/);
  assert.throws(() => new DiagonalGaussian(0), /DiagonalGaussian dimensions must be an integer ≥ 1/);
});

test.run();
