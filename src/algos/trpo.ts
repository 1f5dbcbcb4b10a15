// Trust region policy optimisation (Schulman et al., 2015), as the lecture states it:
//   collect a batch with π_k; GAE advantages Â
//   y = (F + λI)⁻¹∇L by conjugate gradient; full step Δ = sqrt(2δ / yᵀ(F + λI)y)·y
//   backtracking line search over θ_k + α^i·Δ until the mean KL ≤ δ (and, by default, the
//   surrogate improved); if no candidate passes, θ stays θ_k and the iteration says so
//   the critic is trained separately by regression on the λ-returns
// Defaults follow sb3-contrib and Spinning Up (docs/references.md).
import { backtrackingLineSearch, type LineSearchTest } from '../linalg/backtracking-line-search.js';
import type { PreparedBatch } from './agent.js';
import type { CriticSettings } from './critic-regression.js';
import { NaturalGradientAlgorithm, naturalGradientStep, tryStep, type NaturalGradientSettings } from './natural-gradient.js';
import type { Metrics } from './ppo.js';

export interface TRPOSettings extends NaturalGradientSettings, CriticSettings {
  /** Factor α of the backtracking line search. */
  lineSearchShrink: number;
  /** Candidates tried. */
  lineSearchSteps: number;
  /** 'constraint-improvement' (Schulman's, default) or 'constraint' (the lecture's). */
  lineSearchTest: LineSearchTest;
}

export class TRPO extends NaturalGradientAlgorithm<TRPOSettings> {
  async update(batch: PreparedBatch): Promise<Metrics> {
    const { agent, settings } = this;
    const { policy } = agent;
    const natural = await naturalGradientStep(policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
    const search = await backtrackingLineSearch(
      (fraction) => tryStep(policy, natural, fraction, batch.observations, batch.actions, batch.size),
      () => policy.setParameters(natural.thetaOld),
      { maxKL: settings.maxKL, shrink: settings.lineSearchShrink, maxSteps: settings.lineSearchSteps, test: settings.lineSearchTest },
    );
    return {
      ...(await this.fitCritic(batch, natural)),
      line_search_steps: search.steps,
      line_search_accepted: search.accepted ? 1 : 0,
      kl: search.accepted ? search.kl : 0,
      surrogate_improvement: search.accepted ? search.improvement : 0,
      step_fraction: search.fraction,
    };
  }
}
