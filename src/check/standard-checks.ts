// The finite-difference checks on the architectures policygrad trains by default (CleanRL's
// 64-64 tanh actors and critics), in f64: what `npm start` and the gradcheck command report.
import { createEngine } from '../backends/create-engine.js';
import { softmaxCrossEntropy, meanSquaredError } from '../nn/losses.js';
import type { Activation } from '../nn/mlp-layout.js';
import { Random } from '../random/prng.js';
import { gradcheck, hvpcheck, jvpcheck, type CheckResult } from './finite-difference.js';
import { mlpObjective } from './mlp-objective.js';
import type { ActionDistribution } from '../nn/distributions/action-distribution.js';
import { Categorical } from '../nn/distributions/categorical.js';
import { DiagonalGaussian } from '../nn/distributions/diagonal-gaussian.js';
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';

export interface StandardCheck {
  architecture: string;
  product: 'gradient' | 'Jacobian-vector' | 'Hessian-vector' | 'Fisher-vector';
  result: CheckResult;
}

/** An actor carries its action distribution, whose Fisher–vector product is checked too. */
const ARCHITECTURES: { name: string; sizes: number[]; activations: Activation[]; loss: 'cross-entropy' | 'squared-error'; distribution?: ActionDistribution }[] = [
  { name: 'CartPole actor 4-64-64-2 tanh', sizes: [4, 64, 64, 2], activations: ['tanh', 'tanh', 'identity'], loss: 'cross-entropy', distribution: new Categorical(2) },
  { name: 'CartPole critic 4-64-64-1 tanh', sizes: [4, 64, 64, 1], activations: ['tanh', 'tanh', 'identity'], loss: 'squared-error' },
  { name: 'Acrobot actor 6-64-64-3 tanh', sizes: [6, 64, 64, 3], activations: ['tanh', 'tanh', 'identity'], loss: 'cross-entropy', distribution: new Categorical(3) },
  { name: 'Pendulum actor 3-64-64-1 tanh', sizes: [3, 64, 64, 1], activations: ['tanh', 'tanh', 'identity'], loss: 'squared-error', distribution: new DiagonalGaussian(1) },
];

/** Runs every check; `batch` rows of seeded random data, `coordinatesPerBlock` sampled gradient entries. */
export async function runStandardChecks({ batch = 64, coordinatesPerBlock = 16, seed = 0 } = {}): Promise<StandardCheck[]> {
  const engine = await createEngine({ dtype: 'f64' });
  const random = new Random(seed);
  const checks: StandardCheck[] = [];
  for (const architecture of ARCHITECTURES) {
    const mlp = engine.createMLP({ sizes: architecture.sizes, activations: architecture.activations }, { maxBatch: batch });
    mlp.initOrthogonal(random);
    const outputSize = mlp.layout.outputSize;
    const inputs = Float64Array.from({ length: batch * mlp.layout.inputSize }, () => random.normal());
    const loss = architecture.loss === 'cross-entropy'
      ? softmaxCrossEntropy(Array.from({ length: batch }, () => random.integer(outputSize)), outputSize)
      : meanSquaredError(Float64Array.from({ length: batch * outputSize }, () => random.normal()), outputSize);
    const objective = mlpObjective(mlp, inputs, batch, loss);
    const parameters = Float64Array.from(mlp.parameters, (x) => x + 0.1 * random.normal());
    const blocks = mlp.layout.blocks;
    const outputsAt = (p: Float64Array) => {
      mlp.setParameters(p);
      return Float64Array.from(mlp.forward(inputs, batch));
    };
    checks.push(
      { architecture: architecture.name, product: 'gradient', result: gradcheck((p) => objective.value(p), (p) => objective.gradient(p), parameters, { blocks, coordinatesPerBlock, seed }) },
      { architecture: architecture.name, product: 'Jacobian-vector', result: jvpcheck(outputsAt, (p, v) => (outputsAt(p), Float64Array.from(mlp.jvp(v))), parameters, { seed }) },
      { architecture: architecture.name, product: 'Hessian-vector', result: hvpcheck((p) => objective.gradient(p), (p, v) => objective.hessianVectorProduct(p, v), parameters, { blocks, seed }) },
    );
    if (architecture.distribution) {
      checks.push({ architecture: architecture.name, product: 'Fisher-vector', result: fisherCheck(mlp, architecture.distribution, inputs, batch, parameters, seed) });
    }
  }
  return checks;
}

/**
 * The Fisher–vector product JᵀMJv of the network's parameters (M the distribution's Fisher in
 * output space; the log-std of a Gaussian held fixed) against finite differences of the gradient of
 * the mean KL(π_θold ‖ π_θ) at θ = θ_old, where the KL's Hessian is the Fisher.
 */
function fisherCheck(mlp: WasmMLP, distribution: ActionDistribution, inputs: Float64Array, batch: number, theta: Float64Array, seed: number): CheckResult {
  const extra = distribution.initialExtra();
  mlp.setParameters(theta);
  const oldOutputs = Float64Array.from(mlp.forward(inputs, batch));
  const klGradient = (p: Float64Array) => {
    mlp.setParameters(p);
    const outputs = mlp.forward(inputs, batch);
    const gradOutputs = new Float64Array(outputs.length);
    distribution.klOutputGradient(oldOutputs, extra, outputs, extra, batch, 1 / batch, gradOutputs);
    return Float64Array.from(mlp.backward(gradOutputs).parameters);
  };
  const fisherProduct = (p: Float64Array, v: Float64Array) => {
    mlp.setParameters(p);
    mlp.forward(inputs, batch);
    return Float64Array.from(mlp.gaussNewtonProduct(v, (y, t, b, out) => distribution.outputFisher(y, b).product(extra, 1 / batch, t, out)));
  };
  return hvpcheck(klGradient, fisherProduct, theta, { blocks: mlp.layout.blocks, seed });
}
