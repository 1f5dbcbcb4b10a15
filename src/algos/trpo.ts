// Trust region policy optimisation (Schulman et al., 2015), as the lecture states it:
//   collect a batch with π_k; GAE advantages Â
//   y = (F + λI)⁻¹∇L by conjugate gradient; full step Δ = sqrt(2δ / yᵀ(F + λI)y)·y
//   backtracking line search over θ_k + α^i·Δ until the mean KL ≤ δ (and, by default, the
//   surrogate improved); if no candidate passes, θ stays θ_k and the iteration says so
//   the critic is trained separately by regression on the λ-returns
// Defaults follow sb3-contrib and Spinning Up (REFERENCES.md).
import type { AdamState } from '../nn/adam.js';
import { backtrackingLineSearch, type LineSearchTest } from '../linalg/backtracking-line-search.js';
import type { Agent, PreparedBatch } from './agent.js';
import { CriticRegression, type CriticSettings } from './critic-regression.js';
import { naturalGradientStep, tryStep, type NaturalGradientSettings } from './natural-gradient.js';
import type { Metrics } from './ppo.js';
import { explainedVariance } from './statistics.js';

export interface TRPOSettings extends NaturalGradientSettings, CriticSettings {
  /** Factor α of the backtracking line search. */
  lineSearchShrink: number;
  /** Candidates tried. */
  lineSearchSteps: number;
  /** 'constraint-improvement' (Schulman's, default) or 'constraint' (the lecture's). */
  lineSearchTest: LineSearchTest;
}

export class TRPO {
  private readonly critic: CriticRegression;

  constructor(readonly agent: Agent, readonly settings: TRPOSettings) {
    this.critic = new CriticRegression(agent, settings);
  }

  async update(batch: PreparedBatch): Promise<Metrics> {
    const { agent, settings } = this;
    const { policy } = agent;
    const natural = await naturalGradientStep(policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
    const search = await backtrackingLineSearch(
      (fraction) => tryStep(policy, natural, fraction, batch.observations, batch.actions, batch.size),
      () => policy.setParameters(natural.thetaOld),
      { maxKL: settings.maxKL, shrink: settings.lineSearchShrink, maxSteps: settings.lineSearchSteps, test: settings.lineSearchTest },
    );
    const valueLoss = await this.critic.fit(batch);
    return {
      value_loss: valueLoss,
      explained_variance: explainedVariance(batch.values, batch.returns),
      cg_iterations: natural.cgIterations,
      cg_residual: natural.cgResidual,
      line_search_steps: search.steps,
      line_search_accepted: search.accepted ? 1 : 0,
      kl: search.accepted ? search.kl : 0,
      surrogate_improvement: search.accepted ? search.improvement : 0,
      step_fraction: search.fraction,
    };
  }

  getState(): { critic: AdamState } {
    return { critic: this.critic.getState() };
  }

  setState(state: { critic: AdamState }): void {
    this.critic.setState(state.critic);
  }
}
