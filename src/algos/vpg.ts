// Vanilla policy gradient with a value baseline (REINFORCE with GAE advantages):
//   g = mean( ∇_θ log π(a|s) · Â )   — the policy gradient theorem, Â = GAE(γ, λ)
//   one Adam step of ascent along g per batch; the critic regressed on the λ-returns
import type { AdamState } from '../nn/adam.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import { ADVANTAGE_SETTINGS, type Algorithm, type Learner } from './algorithm.js';
import { CRITIC_SETTINGS, CriticRegression } from './critic-regression.js';
import { assertNotDiverged } from './divergence.js';
import { PolicyAdam, type PolicyAdamState } from './policy-adam.js';
import { explainedVariance, mean, standardize } from './statistics.js';

export const VPG_SETTINGS = {
  ...ADVANTAGE_SETTINGS,
  ...CRITIC_SETTINGS,
  learningRate: { type: 'number', default: 1e-3, exclusiveMin: 0, doc: 'Adam learning rate of the policy (one step per batch)' },
  entropyCoef: { type: 'number', default: 0, min: 0, doc: 'entropy bonus coefficient' },
} as const satisfies SettingsSchema;
export type VPGSettings = Settings<typeof VPG_SETTINGS>;

/** What VPG reports each iteration. */
export type VPGMetrics = {
  /** −mean(log π(a|s)·Â), whose gradient is minus the policy gradient. */
  policy_loss: number;
  /** The critic regression's last minibatch loss, ½·mean((v − R)²). */
  value_loss: number;
  /** The mean entropy of the policy on the batch, nats. */
  entropy: number;
  /** 1 − Var[R − v]/Var[R] of the batch's values v against its λ-returns R. */
  explained_variance: number;
};

export class VPG implements Algorithm<VPGMetrics> {
  private readonly actorOptimizer: PolicyAdam;
  private readonly critic: CriticRegression;

  constructor(readonly learner: Learner, readonly settings: VPGSettings) {
    this.actorOptimizer = new PolicyAdam(learner.policy, { learningRate: settings.learningRate });
    this.critic = new CriticRegression(learner, settings);
  }

  async update(batch: PreparedBatch): Promise<VPGMetrics> {
    // The critic's fit beside the policy's step: independent, and at once with the critic on a worker thread.
    const [valueLoss, { policyLoss, entropies }] = await Promise.all([this.critic.fit(batch), this.policyStep(batch)]);
    return {
      policy_loss: policyLoss,
      value_loss: valueLoss,
      entropy: mean(entropies),
      explained_variance: explainedVariance(batch.values, batch.returns),
    };
  }

  /** One Adam step of ascent along the policy gradient; returns the loss and the entropies. */
  private async policyStep(batch: PreparedBatch): Promise<{ policyLoss: number; entropies: ArrayLike<number> }> {
    const { learner, settings } = this;
    const { policy } = learner;
    const size = batch.size;
    const advantages = Float64Array.from(batch.advantages);
    if (settings.normalizeAdvantages) standardize(advantages);
    const { logProbs, entropies } = await policy.evaluate(batch.observations, batch.actions, size);
    // Loss −mean(log π·Â) − c_ent·mean(H): its gradient is minus the policy gradient.
    const policyLoss = -mean(logProbs.map((l, b) => l * advantages[b]!));
    const { networkSquaredNorm, extraGradient } = await policy.backwardForStep(advantages.map((a) => -a / size), new Float64Array(size).fill(-settings.entropyCoef / size));
    assertNotDiverged(Math.sqrt(networkSquaredNorm), "policy's gradient norm");
    await this.actorOptimizer.step(extraGradient);
    return { policyLoss, entropies };
  }

  async getState(): Promise<PolicyAdamState & { critic: AdamState }> {
    return { ...(await this.actorOptimizer.getState()), critic: await this.critic.getState() };
  }

  setState(state: PolicyAdamState & { critic: AdamState }): void {
    this.actorOptimizer.setState(state);
    this.critic.setState(state.critic);
  }
}
