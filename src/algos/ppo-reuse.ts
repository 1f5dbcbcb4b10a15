// PPO with sample reuse, the lecture's sample-efficient variant: an experience buffer of whole
// trajectories from recent rollouts, each stored with the log-probabilities of the policy that
// sampled it (its behaviour policy). Every iteration:
//   add the new rollout's trajectories; drop the oldest beyond the buffer's capacity (old samples
//   make the importance weights' variance large)
//   recompute every stored trajectory's GAE advantages with the current critic
//   several epochs of minibatches over the whole buffer: the clipped surrogate with the ratio
//   r = π(a|s) / μ(a|s) against each step's own behaviour policy μ; value loss without clipping
//   (stored trajectories keep no old values); entropy bonus; gradient clipping; Adam
import { TrajectoryBuffer, type TrajectoryInit } from '../rollout/trajectory-buffer.js';
import { epochMinibatches } from '../rollout/samplers.js';
import { ActorCriticOptimizer, type ActorCriticOptimizerState } from './actor-critic-optimizer.js';
import type { Agent, PreparedBatch } from './agent.js';
import type { SurrogateResult } from './clipped-surrogate.js';
import { annealedLearningRate, type Metrics, type PPOSettings } from './ppo.js';
import { ppoMinibatchStep } from './ppo-minibatch.js';
import { explainedVariance, mean } from './statistics.js';

export interface PPOReuseSettings extends PPOSettings {
  /** Rollouts' worth of steps the buffer holds. */
  bufferRollouts: number;
}

export interface PPOReuseState extends ActorCriticOptimizerState {
  policyVersion: number;
  buffer: TrajectoryInit[];
}

export class PPOReuse {
  readonly buffer: TrajectoryBuffer;
  readonly optimizer: ActorCriticOptimizer;
  private policyVersion = 0;

  constructor(readonly agent: Agent, readonly settings: PPOReuseSettings, readonly totalIterations: number) {
    this.optimizer = new ActorCriticOptimizer(agent, { learningRate: settings.learningRate, epsilon: settings.adamEpsilon }, settings.maxGradNorm);
    const envs = agent.envs;
    this.buffer = new TrajectoryBuffer({
      capacity: settings.bufferRollouts * agent.batchSize,
      observationSize: envs.observationSize,
      actionSize: envs.actionSize,
      discrete: 'n' in envs.singleActionSpace,
    });
  }

  async update(batch: PreparedBatch, iteration: number): Promise<Metrics> {
    const { agent, settings, buffer } = this;
    const learningRate = annealedLearningRate(settings, iteration, this.totalIterations);
    this.optimizer.learningRate = learningRate;

    buffer.addRollout(batch, this.policyVersion);
    buffer.computeAdvantages(agent.actorCritic, agent.settings.gamma, agent.settings.gaeLambda);
    const size = Math.floor(agent.batchSize / settings.minibatches);
    const gathered = buffer.createMinibatch(size);
    // Ratios against each step's own behaviour policy, whose log-probabilities the buffer keeps.
    const minibatch = { observations: gathered.observations, actions: gathered.actions, oldLogProbs: gathered.logProbs, advantages: new Float64Array(size), returns: gathered.returns };
    let last: SurrogateResult = { loss: 0, approxKL: 0, oldApproxKL: 0, clipFraction: 0 };
    let valueLoss = 0;
    let entropy = 0;
    const clipFractions: number[] = [];
    let lagSum = 0;
    let lagCount = 0;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      for (const indices of epochMinibatches(buffer.size, size, agent.random.minibatches)) {
        if (indices.length < size) continue;
        buffer.gather(indices, gathered);
        minibatch.advantages.set(gathered.advantages);
        for (let b = 0; b < size; b++) lagSum += this.policyVersion - gathered.policyVersions[b]!;
        lagCount += size;
        ({ surrogate: last, valueLoss, entropy } = await ppoMinibatchStep(agent, this.optimizer, minibatch, size, settings, iteration));
        clipFractions.push(last.clipFraction);
      }
      if (settings.targetKL > 0 && last.approxKL > settings.targetKL) break;
    }
    this.policyVersion++;
    return {
      learning_rate: learningRate,
      policy_loss: last.loss,
      value_loss: valueLoss,
      entropy,
      approx_kl: last.approxKL,
      clipfrac: mean(clipFractions),
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
