// Vanilla policy gradient with a value baseline (REINFORCE with GAE advantages):
//   g = mean( ∇_θ log π(a|s) · Â )   — the policy gradient theorem, Â = GAE(γ, λ)
//   one Adam step of ascent along g per batch; the critic regressed on the λ-returns
import type { AdamState } from '../nn/adam.js';
import type { Agent, PreparedBatch } from './agent.js';
import { CriticRegression, type CriticSettings } from './critic-regression.js';
import { assertNotDiverged } from './divergence.js';
import { PolicyAdam, type PolicyAdamState } from './policy-adam.js';
import type { Metrics } from './ppo.js';
import { explainedVariance, mean, standardize } from './statistics.js';

export interface VPGSettings extends CriticSettings {
  /** Adam learning rate of the policy. */
  learningRate: number;
  normalizeAdvantages: boolean;
  /** Entropy bonus coefficient. */
  entropyCoef: number;
}

export class VPG {
  private readonly actorOptimizer: PolicyAdam;
  private readonly critic: CriticRegression;

  constructor(readonly agent: Agent, readonly settings: VPGSettings) {
    this.actorOptimizer = new PolicyAdam(agent.policy, { learningRate: settings.learningRate });
    this.critic = new CriticRegression(agent, settings);
  }

  async update(batch: PreparedBatch): Promise<Metrics> {
    const { agent, settings } = this;
    const { policy } = agent;
    const size = batch.size;
    const advantages = Float64Array.from(batch.advantages);
    if (settings.normalizeAdvantages) standardize(advantages);
    const { logProbs, entropies } = await policy.evaluate(batch.observations, batch.actions, size);
    // Loss −mean(log π·Â) − c_ent·mean(H): its gradient is minus the policy gradient.
    const policyLoss = -mean(logProbs.map((l, b) => l * advantages[b]!));
    const { networkSquaredNorm, extraGradient } = await policy.backwardForStep(advantages.map((a) => -a / size), new Float64Array(size).fill(-settings.entropyCoef / size));
    assertNotDiverged(Math.sqrt(networkSquaredNorm), "policy's gradient norm");
    await this.actorOptimizer.step(extraGradient);
    const valueLoss = await this.critic.fit(batch);
    return {
      policy_loss: policyLoss,
      value_loss: valueLoss,
      entropy: mean(entropies),
      explained_variance: explainedVariance(batch.values, batch.returns),
    };
  }

  async getState(): Promise<PolicyAdamState & { critic: AdamState }> {
    return { ...(await this.actorOptimizer.getState()), critic: await this.critic.getState() };
  }

  setState(state: PolicyAdamState & { critic: AdamState }): void {
    this.actorOptimizer.setState(state);
    this.critic.setState(state.critic);
  }
}
