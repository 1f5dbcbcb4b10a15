// The natural policy gradient as the lecture states it:
//   collect a batch with π_k; GAE advantages Â (standardised)
//   g = ∇_θ L(θ_k), L the surrogate advantage mean(π_θ/π_k · Â)
//   y = (F + λI)⁻¹g by conjugate gradient, F the Fisher information (products F·v only)
//   θ ← θ_k + Δ, the full step Δ = sqrt(2δ / yᵀ(F + λI)y)·y — no line search
//   the critic is trained separately by regression on the λ-returns
// The quadratic model is only approximate, so the step can fail in the lecture's two ways: the
// surrogate does not improve, or the KL exceeds δ. Both are recorded every iteration (kl,
// surrogate_improvement, kl_exceeded, surrogate_worse); TRPO (trpo.ts) adds the line search that
// catches them.
import type { AdamState } from '../nn/adam.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import type { Algorithm, Learner, Metrics } from './algorithm.js';
import { CRITIC_SETTINGS, CriticRegression } from './critic-regression.js';
import { NATURAL_GRADIENT_SETTINGS, naturalGradientStep, tryStep, type NaturalStep } from './natural-gradient.js';
import { explainedVariance } from './statistics.js';

export const NPG_SETTINGS = { ...NATURAL_GRADIENT_SETTINGS, ...CRITIC_SETTINGS } as const satisfies SettingsSchema;
export type NPGSettings = Settings<typeof NPG_SETTINGS>;

export class NPG implements Algorithm {
  protected readonly critic: CriticRegression;

  constructor(readonly learner: Learner, readonly settings: NPGSettings) {
    this.critic = new CriticRegression(learner, settings);
  }

  async update(batch: PreparedBatch): Promise<Metrics> {
    const { learner, settings } = this;
    const natural = await naturalGradientStep(learner.policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
    const { kl, improvement } = await tryStep(learner.policy, natural, 1, batch.observations, batch.actions, batch.size);
    return {
      ...(await this.fitCritic(batch, natural)),
      kl,
      surrogate_improvement: improvement,
      kl_exceeded: kl > settings.maxKL ? 1 : 0,
      surrogate_worse: improvement <= 0 ? 1 : 0,
    };
  }

  /** The critic's fit on the batch, and the metrics of it and of the solve. */
  protected async fitCritic(batch: PreparedBatch, natural: NaturalStep): Promise<Metrics> {
    return {
      value_loss: await this.critic.fit(batch),
      explained_variance: explainedVariance(batch.values, batch.returns),
      cg_iterations: natural.cgIterations,
      cg_residual: natural.cgResidual,
    };
  }

  async getState(): Promise<{ critic: AdamState }> {
    return { critic: await this.critic.getState() };
  }

  setState(state: { critic: AdamState }): void {
    this.critic.setState(state.critic);
  }
}
