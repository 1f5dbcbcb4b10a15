// The critic trained separately, by regression on the λ-returns (as sb3-contrib's TRPO and
// Spinning Up's VPG/TRPO do): epochs of minibatch mean-squared error, each step one Adam update
// (on the critic's backend: its gradient is never read back; each epoch is regression-epoch.ts's).
import type { NetworkAdam, TrainableNetwork } from '../backends/backend.js';
import type { AdamState } from '../nn/adam.js';
import type { Random } from '../random/prng.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import { epochMinibatches } from '../rollout/samplers.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import type { Learner } from './algorithm.js';
import { assertNotDiverged } from './divergence.js';

/** The critic regression's settings (sb3-contrib's TRPO defaults). */
export const CRITIC_SETTINGS = {
  criticLearningRate: { type: 'number', default: 1e-3, exclusiveMin: 0, doc: 'Adam learning rate of the separately trained critic' },
  criticEpochs: { type: 'integer', default: 10, min: 1, doc: 'passes of critic regression over each batch' },
  criticMinibatchSize: { type: 'integer', default: 128, min: 1, doc: 'rows per critic minibatch' },
} as const satisfies SettingsSchema;
export type CriticSettings = Settings<typeof CRITIC_SETTINGS>;

/** The critic's own optimiser and its regression, for algorithms that train it apart from the policy. */
export class CriticRegression {
  private readonly optimizer: NetworkAdam;

  constructor(private readonly learner: Learner, private readonly settings: CriticSettings) {
    this.optimizer = learner.critic.createAdam({ learningRate: settings.criticLearningRate });
  }

  /** Fits v(s) to the batch's λ-returns; returns the last minibatch's loss ½·mean((v − R)²). */
  fit(batch: PreparedBatch): Promise<number> {
    const { settings, learner } = this;
    return fitCritic(learner.critic, this.optimizer, batch.observations, batch.returns, batch.size, settings.criticEpochs, settings.criticMinibatchSize, learner.minibatchRandom);
  }

  async getState(): Promise<AdamState> {
    return this.optimizer.getState();
  }

  setState(state: AdamState): void {
    this.optimizer.setState(state);
  }
}

async function fitCritic(
  critic: TrainableNetwork, optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, size: number,
  epochs: number, minibatchSize: number, random: Random,
): Promise<number> {
  const rows = Math.min(minibatchSize, size);
  let loss = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // An epoch at a time, on the critic's backend: with the critic on a worker thread, the whole
    // epoch runs there while this thread takes the policy's step.
    const result = await critic.regressionEpoch(optimizer, observations.subarray(0, size * critic.layout.inputSize), targets, epochMinibatches(size, rows, random));
    loss = result.loss;
    if (result.nonFiniteNorm !== undefined) assertNotDiverged(result.nonFiniteNorm, "critic's gradient norm");
  }
  return loss;
}
