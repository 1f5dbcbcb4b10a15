// PPO with sample reuse, the lecture's sample-efficient variant: an experience buffer of whole
// trajectories from recent rollouts, each stored with the log-probabilities of the policy that
// sampled it (its behaviour policy). Every iteration:
//   add the new rollout's trajectories; drop the oldest beyond the buffer's capacity (old samples
//   make the importance weights' variance large)
//   recompute every stored trajectory's GAE advantages with the current critic
//   several epochs of minibatches over the whole buffer: the clipped surrogate with the ratio
//   r = π(a|s) / μ(a|s) against each step's own behaviour policy μ; value loss without clipping
//   (stored trajectories keep no old values); entropy bonus; gradient clipping; Adam — PPO's own
//   epochs (ppoEpochs in ppo.ts), drawing minibatches from the buffer instead of the batch
import type { Box, Discrete } from '../envs/spaces.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { RolloutPolicy } from '../rollout/rollout-policy.js';
import { TrajectoryBuffer, type TrajectoryInit } from '../rollout/trajectory-buffer.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import { ActorCriticOptimizer, type ActorCriticOptimizerState } from './actor-critic-optimizer.js';
import type { Algorithm, Learner, RunHorizon } from './algorithm.js';
import { annealedLearningRate, PPO_SETTINGS, ppoEpochs, type MinibatchSource, type PPOMetrics } from './ppo.js';
import { explainedVariance } from './statistics.js';

export const PPO_REUSE_SETTINGS = {
  ...PPO_SETTINGS,
  bufferRollouts: { type: 'integer', default: 4, min: 1, doc: 'rollouts of trajectories the experience buffer holds; the oldest are dropped' },
} as const satisfies SettingsSchema;
export type PPOReuseSettings = Settings<typeof PPO_REUSE_SETTINGS>;

/**
 * What PPO with sample reuse reports: PPO's metrics (old_approx_kl and epochs aside) over the
 * buffer, and the buffer's own.
 */
export type PPOReuseMetrics = Omit<PPOMetrics, 'old_approx_kl' | 'epochs'> & {
  /** Steps in the experience buffer after this rollout was added. */
  buffer_steps: number;
  /** Trajectories (or pieces of them, cut at rollout ends) in the buffer. */
  buffer_trajectories: number;
  /** Mean over the minibatch rows of the updates since each row's behaviour policy collected it. */
  mean_policy_lag: number;
};

/**
 * What sample reuse needs beyond a Learner: the spaces its buffer stores, the acting critic that
 * revalues stored trajectories, and GAE's γ and λ to recompute their advantages.
 */
export interface ReuseLearner extends Learner {
  readonly actorCritic: Pick<RolloutPolicy, 'values'>;
  readonly envs: { readonly observationSize: number; readonly actionSize: number; readonly singleActionSpace: Discrete | Box };
  readonly settings: { readonly gamma: number; readonly gaeLambda: number };
}

export interface PPOReuseState extends ActorCriticOptimizerState {
  policyVersion: number;
  buffer: TrajectoryInit[];
}

export class PPOReuse implements Algorithm<PPOReuseMetrics> {
  readonly buffer: TrajectoryBuffer;
  readonly optimizer: ActorCriticOptimizer;
  private policyVersion = 0;

  /** @param horizon the run's iterations, over which the learning rate anneals (read at every update). */
  constructor(readonly learner: ReuseLearner, readonly settings: PPOReuseSettings, readonly horizon: RunHorizon) {
    this.optimizer = new ActorCriticOptimizer(learner, { learningRate: settings.learningRate, epsilon: settings.adamEpsilon }, settings.maxGradNorm);
    const envs = learner.envs;
    this.buffer = new TrajectoryBuffer({
      capacity: settings.bufferRollouts * learner.batchSize,
      observationSize: envs.observationSize,
      actionSize: envs.actionSize,
      discrete: 'n' in envs.singleActionSpace,
    });
  }

  async update(batch: PreparedBatch, iteration: number): Promise<PPOReuseMetrics> {
    const { learner, settings, buffer } = this;
    const learningRate = annealedLearningRate(settings, iteration, this.horizon.totalIterations);
    this.optimizer.learningRate = learningRate;

    buffer.addRollout(batch, this.policyVersion);
    buffer.computeAdvantages(learner.actorCritic, learner.settings.gamma, learner.settings.gaeLambda);
    const size = Math.floor(learner.batchSize / settings.minibatches);
    const gathered = buffer.createMinibatch(size);
    // Ratios against each step's own behaviour policy, whose log-probabilities the buffer keeps.
    const minibatch = { observations: gathered.observations, actions: gathered.actions, oldLogProbs: gathered.logProbs, advantages: new Float64Array(size), returns: gathered.returns };
    let lagSum = 0;
    let lagCount = 0;
    const source: MinibatchSource = {
      rows: buffer.size,
      gather: (indices) => {
        buffer.gather(indices, gathered);
        minibatch.advantages.set(gathered.advantages);
        for (let b = 0; b < size; b++) lagSum += this.policyVersion - gathered.policyVersions[b]!;
        lagCount += size;
      },
    };
    const result = await ppoEpochs(learner, this.optimizer, minibatch, size, source, settings, iteration);
    this.policyVersion++;
    return {
      learning_rate: learningRate,
      policy_loss: result.surrogate.loss,
      value_loss: result.valueLoss,
      entropy: result.entropy,
      approx_kl: result.surrogate.approxKL,
      clipfrac: result.clipFraction,
      explained_variance: explainedVariance(batch.values, batch.returns),
      buffer_steps: buffer.size,
      buffer_trajectories: buffer.trajectories.length,
      mean_policy_lag: lagSum / Math.max(lagCount, 1),
    };
  }

  async getState(): Promise<PPOReuseState> {
    return { ...(await this.optimizer.getState()), policyVersion: this.policyVersion, buffer: this.buffer.getState() };
  }

  setState(state: PPOReuseState): void {
    this.optimizer.setState(state);
    this.policyVersion = state.policyVersion;
    this.buffer.setState(state.buffer);
  }
}
