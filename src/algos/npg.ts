// The natural policy gradient as the lecture states it: θ ← θ + sqrt(2δ / ∇ᵀF⁻¹∇)·F⁻¹∇, with F⁻¹∇
// by conjugate gradient and no line search. The quadratic model is only approximate, so the step
// can fail in the lecture's two ways: the surrogate does not improve, or the KL exceeds δ. Both are
// recorded every iteration (kl, surrogate_improvement, kl_exceeded, surrogate_worse).
import type { PreparedBatch } from './agent.js';
import { NaturalGradientAlgorithm, naturalGradientStep, tryStep } from './natural-gradient.js';
import type { Metrics } from './ppo.js';
import type { TRPOSettings } from './trpo.js';

export type NPGSettings = Omit<TRPOSettings, 'lineSearchShrink' | 'lineSearchSteps' | 'lineSearchTest'>;

export class NPG extends NaturalGradientAlgorithm<NPGSettings> {
  async update(batch: PreparedBatch): Promise<Metrics> {
    const { agent, settings } = this;
    const natural = await naturalGradientStep(agent.policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
    const { kl, improvement } = await tryStep(agent.policy, natural, 1, batch.observations, batch.actions, batch.size);
    return {
      ...(await this.fitCritic(batch, natural)),
      kl,
      surrogate_improvement: improvement,
      kl_exceeded: kl > settings.maxKL ? 1 : 0,
      surrogate_worse: improvement <= 0 ? 1 : 0,
    };
  }
}
