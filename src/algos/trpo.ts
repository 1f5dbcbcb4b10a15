// Trust region policy optimisation (Schulman et al., 2015), as the lecture states it — NPG's step
// (npg.ts, whose base class it shares) made safe by a line search:
//   collect a batch with π_k; GAE advantages Â (standardised)
//   g = ∇_θ L(θ_k); y = (F + λI)⁻¹g by conjugate gradient; full step Δ = sqrt(2δ / yᵀ(F + λI)y)·y
//   backtracking line search over θ_k + α^i·Δ, i = 0, 1, …, until the mean KL ≤ δ (and, by
//   default, the surrogate improved); if no candidate passes, θ stays θ_k and the iteration says so
//   the critic is trained separately by regression on the λ-returns
// Defaults follow sb3-contrib and Spinning Up (docs/references.md).
import { backtrackingLineSearch, LINE_SEARCH_SETTINGS } from '../linalg/backtracking-line-search.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import type { Learner } from './algorithm.js';
import { naturalGradientStep, tryStep } from './natural-gradient.js';
import { NaturalGradientAlgorithm, NPG_SETTINGS, type NaturalGradientMetrics } from './npg.js';

export const TRPO_SETTINGS = { ...NPG_SETTINGS, ...LINE_SEARCH_SETTINGS } as const satisfies SettingsSchema;
export type TRPOSettings = Settings<typeof TRPO_SETTINGS>;

/** What TRPO reports each iteration: the critic's fit and the solve, and the line search's outcome. */
export type TRPOMetrics = NaturalGradientMetrics & {
  /** Candidates the line search tried. */
  line_search_steps: number;
  /** 1 if a candidate passed, else 0 (θ then stays θ_k). */
  line_search_accepted: number;
  /** The mean KL(π_k ‖ π) of the accepted step; 0 when none was accepted. */
  kl: number;
  /** The surrogate advantage's change from the accepted step; 0 when none was accepted. */
  surrogate_improvement: number;
  /** The fraction of the full step taken, shrink^i; 0 when none was accepted. */
  step_fraction: number;
};

export class TRPO extends NaturalGradientAlgorithm<TRPOMetrics> {
  constructor(learner: Learner, override readonly settings: TRPOSettings) {
    super(learner, settings);
  }

  async update(batch: PreparedBatch): Promise<TRPOMetrics> {
    const { learner, settings } = this;
    const { policy } = learner;
    const { step: { search }, metrics } = await this.stepAndFitCritic(batch, async () => {
      const natural = await naturalGradientStep(policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
      const search = await backtrackingLineSearch(
        (fraction) => tryStep(policy, natural, fraction, batch.observations, batch.actions, batch.size),
        () => policy.setParameters(natural.thetaOld),
        { maxKL: settings.maxKL, shrink: settings.lineSearchShrink, maxSteps: settings.lineSearchSteps, test: settings.lineSearchTest },
      );
      return { natural, search };
    });
    return {
      ...metrics,
      line_search_steps: search.steps,
      line_search_accepted: search.accepted ? 1 : 0,
      kl: search.accepted ? search.kl : 0,
      surrogate_improvement: search.accepted ? search.improvement : 0,
      step_fraction: search.fraction,
    };
  }
}
