// The critic trained separately, by regression on the λ-returns (as sb3-contrib's TRPO and
// Spinning Up's VPG/TRPO do): epochs of minibatch mean-squared error, each step one Adam update
// (on the critic's backend: its gradient is never read back).
import type { NetworkAdam, TrainableNetwork } from '../backends/backend.js';
import type { AdamState } from '../nn/adam.js';
import type { Random } from '../random/prng.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import { epochMinibatches, gatherRows } from '../rollout/samplers.js';
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
  const observationSize = critic.layout.inputSize;
  const rows = Math.min(minibatchSize, size);
  const inputs = new Float32Array(rows * observationSize);
  const returns = new Float64Array(rows);
  let loss = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const indices of epochMinibatches(size, rows, random)) {
      const count = indices.length;
      gatherRows(observations, indices, observationSize, inputs);
      gatherRows(targets, indices, 1, returns);
      const values = await critic.forward(inputs.subarray(0, count * observationSize), count);
      const dValues = new Float64Array(count);
      loss = 0;
      for (let b = 0; b < count; b++) {
        const error = values[b]! - returns[b]!;
        loss += (0.5 * error * error) / count;
        dValues[b] = error / count;
      }
      const squaredNorm = await critic.backwardSquaredNorm(dValues);
      assertNotDiverged(Math.sqrt(squaredNorm), "critic's gradient norm");
      await optimizer.step();
    }
  }
  return loss;
}
