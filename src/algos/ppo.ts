// Proximal policy optimisation with the clipped surrogate (Schulman et al., 2017), every core
// detail of CleanRL's ppo.py and ppo_continuous_action.py, but bootstrapping at time limits.
//
// for each iteration:
//   collect numEnvs × stepsPerEnv steps with π_old; GAE advantages Â and λ-returns R
//   for each epoch, for each minibatch (without replacement):                     ppoEpochs
//     r = π(a|s) / π_old(a|s);   Â standardised within the minibatch              ppoMinibatchStep
//     L_clip = mean( max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)) )   (the lecture's min(r·U, ℓε(U)), negated)
//     L_v = ½·mean( max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²) )
//     loss = L_clip − c_ent·mean(H) + c_v·L_v;  clip the joint gradient norm; one Adam step
//   stop the epochs early if approx_kl exceeds targetKL
// PPO with sample reuse (ppo-reuse.ts) runs the same epochs over an experience buffer.
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import { epochMinibatches } from '../rollout/samplers.js';
import { gatherRows } from '../util/gather-rows.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import { ActorCriticOptimizer, type ActorCriticOptimizerState } from './actor-critic-optimizer.js';
import { ADVANTAGE_SETTINGS, type Algorithm, type Learner, type RunHorizon } from './algorithm.js';
import { clippedSurrogate, type SurrogateResult } from './clipped-surrogate.js';
import { clippedValueLoss } from './clipped-value-loss.js';
import { assertAllNotDiverged, assertNotDiverged } from './divergence.js';
import { explainedVariance, mean, standardize } from './statistics.js';

/** CleanRL's ppo.py defaults. */
export const PPO_SETTINGS = {
  ...ADVANTAGE_SETTINGS,
  learningRate: { type: 'number', default: 2.5e-4, exclusiveMin: 0, doc: 'Adam learning rate' },
  annealLearningRate: { type: 'boolean', default: true, doc: 'anneal the learning rate linearly to 0' },
  adamEpsilon: { type: 'number', default: 1e-5, exclusiveMin: 0, doc: 'Adam ε added to the denominator' },
  minibatches: { type: 'integer', default: 4, min: 1, doc: 'minibatches per epoch' },
  epochs: { type: 'integer', default: 4, min: 1, doc: 'passes over each batch' },
  clipCoef: { type: 'number', default: 0.2, exclusiveMin: 0, doc: 'ε of the clipped surrogate' },
  clipValueLoss: { type: 'boolean', default: true, doc: 'clip the value function change to ±clipCoef' },
  entropyCoef: { type: 'number', default: 0.01, min: 0, doc: 'entropy bonus coefficient' },
  valueCoef: { type: 'number', default: 0.5, min: 0, doc: 'value loss coefficient' },
  maxGradNorm: { type: 'number', default: 0.5, exclusiveMin: 0, doc: 'global gradient norm bound' },
  targetKL: { type: 'number', default: 0, min: 0, doc: 'stop an update’s epochs once approx_kl exceeds this (0: never)' },
} as const satisfies SettingsSchema;
export type PPOSettings = Settings<typeof PPO_SETTINGS>;

/** What PPO reports each iteration, under CleanRL's names (ppo.py's `writer.add_scalar` calls). */
export type PPOMetrics = {
  /** The Adam learning rate of the iteration (annealed: lr·(1 − (iteration − 1)/iterations)). */
  learning_rate: number;
  /** The clipped surrogate loss of the last minibatch. */
  policy_loss: number;
  /** The (clipped) value loss of the last minibatch, ½·mean(…), before valueCoef. */
  value_loss: number;
  /** The mean entropy of the policy on the last minibatch, nats. */
  entropy: number;
  /** mean(−log r) on the last minibatch: the KL estimator CleanRL reports as old_approx_kl. */
  old_approx_kl: number;
  /** mean((r − 1) − log r) on the last minibatch: the unbiased, non-negative KL estimator. */
  approx_kl: number;
  /** The fraction of steps with |r − 1| > clipCoef, averaged over the update's minibatches. */
  clipfrac: number;
  /** 1 − Var[R − v]/Var[R] of the batch's values v against its λ-returns R. */
  explained_variance: number;
  /** The epochs the update ran: fewer than settings.epochs when targetKL stopped it. */
  epochs: number;
};

/** The rows of one minibatch, gathered from the batch (or a buffer). */
export interface PPOMinibatch {
  observations: Float32Array;
  actions: ArrayLike<number>;
  /** log μ(a|s): the log-probabilities of the policy that collected each step. */
  oldLogProbs: ArrayLike<number>;
  /** Standardised in place when settings.normalizeAdvantages. */
  advantages: Float64Array;
  returns: ArrayLike<number>;
  /** The critic's values at collection, for the clipped value loss; omitted, the loss is unclipped. */
  oldValues?: ArrayLike<number>;
}

/** Where an update's minibatches come from: `rows` to draw from without replacement, and how chosen rows fill the minibatch. */
export interface MinibatchSource {
  rows: number;
  gather(indices: Int32Array): void;
}

/** What the epochs report: the last minibatch's losses and the mean clip fraction. */
export interface EpochsResult {
  surrogate: SurrogateResult;
  valueLoss: number;
  entropy: number;
  clipFraction: number;
  epochs: number;
}

export class PPO implements Algorithm<PPOMetrics> {
  readonly optimizer: ActorCriticOptimizer;
  readonly minibatchSize: number;

  /** @param horizon the run's iterations, over which the learning rate anneals (read at every update). */
  constructor(readonly learner: Learner, readonly settings: PPOSettings, readonly horizon: RunHorizon) {
    this.optimizer = new ActorCriticOptimizer(learner, { learningRate: settings.learningRate, epsilon: settings.adamEpsilon }, settings.maxGradNorm);
    this.minibatchSize = Math.floor(learner.batchSize / settings.minibatches);
  }

  async update(batch: PreparedBatch, iteration: number): Promise<PPOMetrics> {
    const { settings } = this;
    const learningRate = annealedLearningRate(settings, iteration, this.horizon.totalIterations);
    this.optimizer.learningRate = learningRate;

    const size = this.minibatchSize;
    const { observationSize, actionSize } = batch;
    const observations = new Float32Array(size * observationSize);
    const actions = batch.actions instanceof Int32Array ? new Int32Array(size * actionSize) : new Float32Array(size * actionSize);
    const oldLogProbs = new Float64Array(size);
    const advantages = new Float64Array(size);
    const returns = new Float64Array(size);
    const oldValues = new Float64Array(size);
    const minibatch: PPOMinibatch = { observations, actions, oldLogProbs, advantages, returns, ...(settings.clipValueLoss ? { oldValues } : {}) };
    const source: MinibatchSource = {
      rows: batch.size,
      gather(indices) {
        gatherRows(batch.observations, indices, observationSize, observations);
        gatherRows(batch.actions, indices, actionSize, actions);
        gatherRows(batch.logProbs, indices, 1, oldLogProbs);
        gatherRows(batch.advantages, indices, 1, advantages);
        gatherRows(batch.returns, indices, 1, returns);
        gatherRows(batch.values, indices, 1, oldValues);
      },
    };
    const result = await ppoEpochs(this.learner, this.optimizer, minibatch, size, source, settings, iteration);
    return {
      learning_rate: learningRate,
      policy_loss: result.surrogate.loss,
      value_loss: result.valueLoss,
      entropy: result.entropy,
      old_approx_kl: result.surrogate.oldApproxKL,
      approx_kl: result.surrogate.approxKL,
      clipfrac: result.clipFraction,
      explained_variance: explainedVariance(batch.values, batch.returns),
      epochs: result.epochs,
    };
  }

  getState(): Promise<ActorCriticOptimizerState> {
    return this.optimizer.getState();
  }

  setState(state: ActorCriticOptimizerState): void {
    this.optimizer.setState(state);
  }
}

/**
 * The epochs of one update: each a fresh permutation of the source's rows cut into minibatches of
 * `size` (a remainder, when the minibatch count does not divide the rows, is skipped), one
 * optimiser step per minibatch; the epochs stop early once approx_kl exceeds settings.targetKL.
 */
export async function ppoEpochs(
  learner: Learner, optimizer: ActorCriticOptimizer, minibatch: PPOMinibatch, size: number, source: MinibatchSource,
  settings: PPOSettings, iteration: number,
): Promise<EpochsResult> {
  let surrogate: SurrogateResult = { loss: 0, approxKL: 0, oldApproxKL: 0, clipFraction: 0 };
  let valueLoss = 0;
  let entropy = 0;
  const clipFractions: number[] = [];
  let epochs = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    epochs++;
    for (const indices of epochMinibatches(source.rows, size, learner.minibatchRandom)) {
      if (indices.length < size) continue;
      source.gather(indices);
      ({ surrogate, valueLoss, entropy } = await ppoMinibatchStep(learner, optimizer, minibatch, size, settings, iteration));
      clipFractions.push(surrogate.clipFraction);
    }
    if (settings.targetKL > 0 && surrogate.approxKL > settings.targetKL) break;
  }
  return { surrogate, valueLoss, entropy, clipFraction: mean(clipFractions), epochs };
}

/**
 * One minibatch step: the ratio and clipped surrogate, the value loss and the entropy bonus,
 * their gradients, and one joint-norm-clipped Adam step. Policy and critic run side by side: on a
 * GPU both forwards are in flight at once, then both backwards, whose gradients stay there; with
 * the critic on a worker thread, it computes while this thread does the policy's part. So each
 * critic request is made first and its answer awaited last.
 */
export async function ppoMinibatchStep(
  learner: Learner, optimizer: ActorCriticOptimizer, minibatch: PPOMinibatch, size: number,
  settings: Pick<PPOSettings, 'normalizeAdvantages' | 'clipCoef' | 'entropyCoef' | 'valueCoef'>, iteration: number,
): Promise<{ surrogate: SurrogateResult; valueLoss: number; entropy: number }> {
  const { policy, critic } = learner;
  const { observations, advantages } = minibatch;
  const criticForward = critic.forward(observations, size);
  const { logProbs, entropies } = await policy.evaluate(observations, minibatch.actions, size);
  const values = await criticForward;
  // Exploded parameters show first here; unchecked, they surface as a non-finite gradient input.
  assertAllNotDiverged(logProbs, "policy's log-probabilities", iteration, size);
  assertAllNotDiverged(values, "critic's values", iteration, size);
  const dValues = new Float64Array(size);
  const valueLoss = clippedValueLoss(values, minibatch.returns, minibatch.oldValues, settings.clipCoef, settings.valueCoef, dValues);
  assertNotDiverged(valueLoss, 'value loss', iteration);
  const criticBackward = critic.backwardSquaredNorm(dValues);
  if (settings.normalizeAdvantages) standardize(advantages);
  const dLogProbs = new Float64Array(size);
  const surrogate = clippedSurrogate(logProbs, minibatch.oldLogProbs, advantages, settings.clipCoef, dLogProbs);
  assertNotDiverged(surrogate.loss, 'policy loss', iteration);
  const dEntropies = new Float64Array(size).fill(-settings.entropyCoef / size);
  const policyGradient = await policy.backwardForStep(dLogProbs, dEntropies);
  const criticSquaredNorm = await criticBackward;
  await optimizer.step(policyGradient, criticSquaredNorm, iteration);
  return { surrogate, valueLoss, entropy: mean(entropies) };
}

/** CleanRL's schedule: lr·(1 − (iteration − 1)/iterations) when annealing, else lr. */
export function annealedLearningRate(settings: Pick<PPOSettings, 'learningRate' | 'annealLearningRate'>, iteration: number, totalIterations: number): number {
  return settings.annealLearningRate ? settings.learningRate * (1 - (iteration - 1) / totalIterations) : settings.learningRate;
}
