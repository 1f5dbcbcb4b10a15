// Proximal policy optimisation with the clipped surrogate (Schulman et al., 2017), every core
// detail of CleanRL's ppo.py and ppo_continuous_action.py, but bootstrapping at time limits.
//
// for each iteration:
//   collect numEnvs × stepsPerEnv steps with π_old; GAE advantages Â and λ-returns R
//   for each epoch, for each minibatch (without replacement), one step of ppo-minibatch.ts:
//     r = π(a|s) / π_old(a|s);   Â standardised within the minibatch
//     L_clip = mean( max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)) )       (the lecture's min(r·U, ℓε(U)), negated)
//     L_v = ½·mean( max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²) )
//     loss = L_clip − c_ent·mean(H) + c_v·L_v;  clip the joint gradient norm; one Adam step
//   stop the epochs early if approx_kl exceeds targetKL
import { epochMinibatches } from '../rollout/samplers.js';
import { ActorCriticOptimizer, type ActorCriticOptimizerState } from './actor-critic-optimizer.js';
import { gatherRows, type Agent, type PreparedBatch } from './agent.js';
import type { SurrogateResult } from './clipped-surrogate.js';
import { ppoMinibatchStep } from './ppo-minibatch.js';
import { explainedVariance, mean } from './statistics.js';

export interface PPOSettings {
  /** Adam learning rate (annealed linearly to 0 over the run when annealLearningRate). */
  learningRate: number;
  annealLearningRate: boolean;
  /** Adam ε (CleanRL: 1e-5). */
  adamEpsilon: number;
  /** Minibatches per epoch; the minibatch size is the batch size divided by this. */
  minibatches: number;
  /** Passes over the batch. */
  epochs: number;
  /** Standardise advantages within each minibatch (std + 1e-8). */
  normalizeAdvantages: boolean;
  /** ε of the clipped surrogate. */
  clipCoef: number;
  /** Clip the value function's change to ±clipCoef too. */
  clipValueLoss: boolean;
  /** Entropy bonus coefficient. */
  entropyCoef: number;
  /** Value loss coefficient. */
  valueCoef: number;
  /** Global gradient norm bound. */
  maxGradNorm: number;
  /** Stop the epochs once approx_kl exceeds this; 0 disables. */
  targetKL: number;
}

export type Metrics = Record<string, number>;

export class PPO {
  readonly optimizer: ActorCriticOptimizer;
  readonly minibatchSize: number;

  constructor(readonly agent: Agent, readonly settings: PPOSettings, readonly totalIterations: number) {
    this.optimizer = new ActorCriticOptimizer(agent, { learningRate: settings.learningRate, epsilon: settings.adamEpsilon }, settings.maxGradNorm);
    this.minibatchSize = Math.floor(agent.batchSize / settings.minibatches);
  }

  async update(batch: PreparedBatch, iteration: number): Promise<Metrics> {
    const { agent, settings } = this;
    const learningRate = annealedLearningRate(settings, iteration, this.totalIterations);
    this.optimizer.learningRate = learningRate;

    const size = this.minibatchSize;
    const { observationSize, actionSize } = batch;
    const observations = new Float32Array(size * observationSize);
    const actions = batch.actions instanceof Int32Array ? new Int32Array(size * actionSize) : new Float32Array(size * actionSize);
    const oldLogProbs = new Float64Array(size);
    const advantages = new Float64Array(size);
    const returns = new Float64Array(size);
    const oldValues = new Float64Array(size);
    const minibatch = { observations, actions, oldLogProbs, advantages, returns, ...(settings.clipValueLoss ? { oldValues } : {}) };
    let last: SurrogateResult = { loss: 0, approxKL: 0, oldApproxKL: 0, clipFraction: 0 };
    let valueLoss = 0;
    let entropy = 0;
    const clipFractions: number[] = [];
    let epochsRun = 0;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      epochsRun++;
      for (const indices of epochMinibatches(batch.size, size, agent.random.minibatches)) {
        if (indices.length < size) continue; // a remainder when minibatches does not divide the batch
        gatherRows(batch.observations, indices, observationSize, observations);
        gatherRows(batch.actions, indices, actionSize, actions);
        gatherRows(batch.logProbs, indices, 1, oldLogProbs);
        gatherRows(batch.advantages, indices, 1, advantages);
        gatherRows(batch.returns, indices, 1, returns);
        gatherRows(batch.values, indices, 1, oldValues);
        ({ surrogate: last, valueLoss, entropy } = await ppoMinibatchStep(agent, this.optimizer, minibatch, size, settings, iteration));
        clipFractions.push(last.clipFraction);
      }
      if (settings.targetKL > 0 && last.approxKL > settings.targetKL) break;
    }
    return {
      learning_rate: learningRate,
      policy_loss: last.loss,
      value_loss: valueLoss,
      entropy,
      old_approx_kl: last.oldApproxKL,
      approx_kl: last.approxKL,
      clipfrac: mean(clipFractions),
      explained_variance: explainedVariance(batch.values, batch.returns),
      epochs: epochsRun,
    };
  }

  getState(): Promise<ActorCriticOptimizerState> {
    return this.optimizer.getState();
  }

  setState(state: ActorCriticOptimizerState): void {
    this.optimizer.setState(state);
  }
}

/** CleanRL's schedule: lr·(1 − (iteration − 1)/iterations) when annealing, else lr. */
export function annealedLearningRate(settings: Pick<PPOSettings, 'learningRate' | 'annealLearningRate'>, iteration: number, totalIterations: number): number {
  return settings.annealLearningRate ? settings.learningRate * (1 - (iteration - 1) / totalIterations) : settings.learningRate;
}
