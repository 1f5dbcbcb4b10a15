// The critic trained separately, by regression on the λ-returns (as sb3-contrib's TRPO and
// Spinning Up's VPG/TRPO do): epochs of minibatch mean-squared error, each step one Adam update
// (on the critic's backend: its gradient is never read back).
import type { MLP, NetworkAdam } from '../backends/backend.js';
import type { AdamState } from '../nn/adam.js';
import type { Random } from '../random/prng.js';
import { epochMinibatches } from '../rollout/samplers.js';
import { gatherRows, type Agent, type PreparedBatch } from './agent.js';
import { assertNotDiverged } from './divergence.js';

export interface CriticSettings {
  /** Adam learning rate of the critic. */
  criticLearningRate: number;
  /** Passes over the batch per iteration. */
  criticEpochs: number;
  /** Rows per critic minibatch. */
  criticMinibatchSize: number;
}

/** The critic's own optimiser and its regression, for algorithms that train it apart from the policy. */
export class CriticRegression {
  private readonly optimizer: NetworkAdam;

  constructor(private readonly agent: Agent, private readonly settings: CriticSettings) {
    this.optimizer = agent.critic.createAdam({ learningRate: settings.criticLearningRate });
  }

  /** Fits v(s) to the batch's λ-returns; returns the last minibatch's loss ½·mean((v − R)²). */
  fit(batch: PreparedBatch): Promise<number> {
    const { settings, agent } = this;
    return fitCritic(agent.critic, this.optimizer, batch.observations, batch.returns, batch.size, settings.criticEpochs, settings.criticMinibatchSize, agent.random.minibatches);
  }

  async getState(): Promise<AdamState> {
    return this.optimizer.getState();
  }

  setState(state: AdamState): void {
    this.optimizer.setState(state);
  }
}

async function fitCritic(
  critic: MLP, optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, size: number,
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
