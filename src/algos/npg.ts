// The natural policy gradient as the lecture states it: θ ← θ + sqrt(2δ / ∇ᵀF⁻¹∇)·F⁻¹∇, with F⁻¹∇
// by conjugate gradient and no line search. The quadratic model is only approximate, so the step
// can fail in the lecture's two ways: the surrogate does not improve, or the KL exceeds δ. Both are
// recorded every iteration (kl, surrogate_improvement, kl_exceeded, surrogate_worse).
import type { AdamState } from '../nn/adam.js';
import type { Agent, PreparedBatch } from './agent.js';
import { CriticRegression } from './critic-regression.js';
import { naturalGradientStep, tryStep } from './natural-gradient.js';
import type { Metrics } from './ppo.js';
import { explainedVariance } from './statistics.js';
import type { TRPOSettings } from './trpo.js';

export type NPGSettings = Omit<TRPOSettings, 'lineSearchShrink' | 'lineSearchSteps' | 'lineSearchTest'>;

export class NPG {
  private readonly critic: CriticRegression;

  constructor(readonly agent: Agent, readonly settings: NPGSettings) {
    this.critic = new CriticRegression(agent, settings);
  }

  async update(batch: PreparedBatch): Promise<Metrics> {
    const { agent, settings } = this;
    const natural = await naturalGradientStep(agent.policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
    const { kl, improvement } = await tryStep(agent.policy, natural, 1, batch.observations, batch.actions, batch.size);
    const valueLoss = await this.critic.fit(batch);
    return {
      value_loss: valueLoss,
      explained_variance: explainedVariance(batch.values, batch.returns),
      cg_iterations: natural.cgIterations,
      cg_residual: natural.cgResidual,
      kl,
      surrogate_improvement: improvement,
      kl_exceeded: kl > settings.maxKL ? 1 : 0,
      surrogate_worse: improvement <= 0 ? 1 : 0,
    };
  }

  getState(): { critic: AdamState } {
    return { critic: this.critic.getState() };
  }

  setState(state: { critic: AdamState }): void {
    this.critic.setState(state.critic);
  }
}
