// A tiny learner and a tiny fixed batch for the algorithms' direct tests: f64 networks (so that
// references computed by hand agree to rounding), a categorical or Gaussian policy, and a batch
// whose actions and log-probabilities come from the policy itself.
import type { Learner } from '../../src/algos/algorithm.js';
import { createEngine } from '../../src/backends/create-engine.js';
import type { WasmMLP } from '../../src/backends/wasm/wasm-mlp.js';
import type { ActionDistribution } from '../../src/nn/distributions/action-distribution.js';
import { Policy } from '../../src/policy/policy.js';
import { Random } from '../../src/random/prng.js';
import type { PreparedBatch } from '../../src/rollout/prepared-batch.js';

const engine = await createEngine({ dtype: 'f64' });

export interface TinyLearner extends Learner {
  readonly policy: Policy<WasmMLP>;
  readonly critic: WasmMLP;
}

/**
 * Actor and critic observationSize → hidden → (distribution's outputs | 1), tanh, orthogonal
 * initialisation (gain 1 everywhere, so that the policy is far from uniform) from `seed`.
 */
export function tinyLearner(distribution: ActionDistribution, options: { observationSize: number; hidden: number; batchSize: number; seed: number }): TinyLearner {
  const { observationSize, hidden, batchSize, seed } = options;
  const random = new Random(seed);
  const spec = (outputs: number) => ({ sizes: [observationSize, hidden, outputs], activations: ['tanh' as const, 'identity' as const] });
  const actor = engine.createMLP(spec(distribution.outputSize), { maxBatch: batchSize });
  const critic = engine.createMLP(spec(1), { maxBatch: batchSize });
  actor.initOrthogonal(random, [1, 1]);
  critic.initOrthogonal(random, [1, 1]);
  return { policy: new Policy(actor, distribution), critic, batchSize, minibatchRandom: new Random(seed + 1) };
}

/**
 * numSteps × numEnvs steps on random normal observations, actions sampled from the learner's
 * policy with their log-probabilities, the critic's values, advantages N(advantageMean, 1) and
 * returns = values + advantages; no episode ends (each sub-env's column is one trajectory, cut at
 * the end).
 */
export function tinyBatch(learner: TinyLearner, random: Random, numSteps: number, numEnvs = 1, advantageMean = 0): PreparedBatch {
  const size = numSteps * numEnvs;
  const { policy, critic } = learner;
  const observationSize = critic.layout.inputSize;
  const actionSize = policy.distribution.actionSize;
  const observations = Float32Array.from({ length: size * observationSize }, () => random.normal());
  const discrete = policy.distribution.kind === 'categorical';
  const actions = discrete ? new Int32Array(size) : new Float32Array(size * actionSize);
  const sampled = new Float64Array(size * actionSize);
  const logProbs = new Float64Array(size);
  const outputs = Float64Array.from(policy.network.forward(observations, size));
  policy.distribution.sample(outputs, policy.extra, size, random, sampled);
  actions.set(sampled);
  policy.distribution.logProb(outputs, policy.extra, Float64Array.from(actions), size, logProbs);
  const values = Float32Array.from(critic.forward(observations, size));
  const advantages = Float32Array.from({ length: size }, () => advantageMean + random.normal());
  const returns = values.map((v, i) => v + advantages[i]!);
  const lastObservations = Float32Array.from({ length: numEnvs * observationSize }, () => random.normal());
  return {
    numSteps, numEnvs, observationSize, actionSize, size,
    observations, actions, rewards: Float32Array.from({ length: size }, () => random.normal()),
    terminated: new Uint8Array(size), truncated: new Uint8Array(size),
    values, logProbs: Float32Array.from(logProbs),
    finalObservations: new Float32Array(size * observationSize), finalValues: new Float32Array(size),
    lastObservations, lastValues: Float32Array.from(critic.forward(lastObservations, numEnvs)),
    episodes: { count: 0, returns: new Float64Array(size), lengths: new Int32Array(size) },
    advantages, returns,
  };
}

/** log π_θ(a_b | s_b) on the batch, from the network's outputs at θ by the distribution's formula written out here. */
export function referenceLogProbs(learner: TinyLearner, batch: PreparedBatch, theta: Float64Array): Float64Array {
  const { outputs, extra } = outputsAt(learner, batch, theta);
  const n = learner.policy.distribution.outputSize;
  return Float64Array.from({ length: batch.size }, (_, b) => {
    const y = outputs.subarray(b * n, (b + 1) * n);
    if (extra.length === 0) return y[batch.actions[b]!]! - Math.log(y.reduce((s, x) => s + Math.exp(x), 0));
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const z = (batch.actions[b * n + j]! - y[j]!) / Math.exp(extra[j]!);
      sum += -0.5 * z * z - extra[j]! - 0.5 * Math.log(2 * Math.PI);
    }
    return sum;
  });
}

/** Mean KL(π_θold ‖ π_θnew) over the batch's observations, by the distribution's closed form written out here. */
export function referenceMeanKL(learner: TinyLearner, batch: PreparedBatch, thetaOld: Float64Array, thetaNew: Float64Array): number {
  const old = outputsAt(learner, batch, thetaOld);
  const now = outputsAt(learner, batch, thetaNew);
  const n = learner.policy.distribution.outputSize;
  let total = 0;
  for (let b = 0; b < batch.size; b++) {
    if (old.extra.length === 0) {
      const logZOld = Math.log(old.outputs.subarray(b * n, (b + 1) * n).reduce((s, x) => s + Math.exp(x), 0));
      const logZNew = Math.log(now.outputs.subarray(b * n, (b + 1) * n).reduce((s, x) => s + Math.exp(x), 0));
      for (let j = 0; j < n; j++) {
        const logPOld = old.outputs[b * n + j]! - logZOld;
        total += Math.exp(logPOld) * (logPOld - (now.outputs[b * n + j]! - logZNew));
      }
    } else {
      for (let j = 0; j < n; j++) {
        const sOld = old.extra[j]!;
        const sNew = now.extra[j]!;
        const difference = old.outputs[b * n + j]! - now.outputs[b * n + j]!;
        total += sNew - sOld + (Math.exp(2 * sOld) + difference * difference) / (2 * Math.exp(2 * sNew)) - 0.5;
      }
    }
  }
  return total / batch.size;
}

/** H(π_θ(· | s_b)) on the batch, by the distribution's formula written out here. */
export function referenceEntropies(learner: TinyLearner, batch: PreparedBatch, theta: Float64Array): Float64Array {
  const { outputs, extra } = outputsAt(learner, batch, theta);
  const n = learner.policy.distribution.outputSize;
  return Float64Array.from({ length: batch.size }, (_, b) => {
    if (extra.length > 0) return extra.reduce((s, x) => s + x + 0.5 * (1 + Math.log(2 * Math.PI)), 0);
    const y = outputs.subarray(b * n, (b + 1) * n);
    const logZ = Math.log(y.reduce((s, x) => s + Math.exp(x), 0));
    return -y.reduce((s, x) => s + Math.exp(x - logZ) * (x - logZ), 0);
  });
}

/** The central finite-difference gradient of f at θ, step h. */
export function finiteDifferenceGradient(f: (theta: Float64Array) => number, theta: Float64Array, h = 1e-6): Float64Array {
  return theta.map((_, i) => {
    const shifted = (s: number) => theta.map((x, j) => (j === i ? x + s : x));
    return (f(shifted(h)) - f(shifted(-h))) / (2 * h);
  });
}

/** (x − mean) / (unbiased std + 1e-8), written out here. */
export function referenceStandardize(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]! / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  return Float64Array.from(values, (x) => (x - mean) / (std + 1e-8));
}

/** The network's outputs and the distribution's extra parameters at θ (the policy is left at θ). */
function outputsAt(learner: TinyLearner, batch: PreparedBatch, theta: Float64Array): { outputs: Float64Array; extra: Float64Array } {
  const { policy } = learner;
  policy.setParameters(theta);
  const outputs = Float64Array.from(policy.network.forward(batch.observations, batch.size));
  return { outputs, extra: theta.slice(policy.network.layout.parameterCount) };
}
