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
import type { Algorithm, Learner } from './algorithm.js';
import { CRITIC_SETTINGS, CriticRegression } from './critic-regression.js';
import { NATURAL_GRADIENT_SETTINGS, naturalGradientStep, tryStep, type NaturalStep } from './natural-gradient.js';
import { explainedVariance } from './statistics.js';

export const NPG_SETTINGS = { ...NATURAL_GRADIENT_SETTINGS, ...CRITIC_SETTINGS } as const satisfies SettingsSchema;
export type NPGSettings = Settings<typeof NPG_SETTINGS>;

/** What NPG and TRPO both report: the critic's fit and the conjugate-gradient solve. */
export type NaturalGradientMetrics = {
  /** The critic regression's last minibatch loss, ½·mean((v − R)²). */
  value_loss: number;
  /** 1 − Var[R − v]/Var[R] of the batch's values v against its λ-returns R. */
  explained_variance: number;
  /** Conjugate-gradient iterations of the solve (F + λI)y = g. */
  cg_iterations: number;
  /** ‖g − (F + λI)y‖ at the end of the solve. */
  cg_residual: number;
};

/** What NPG reports each iteration: the full step's KL and improvement, and whether either failed. */
export type NPGMetrics = NaturalGradientMetrics & {
  /** The mean KL(π_k ‖ π) after the full step. */
  kl: number;
  /** The surrogate advantage's change from the full step (positive: better). */
  surrogate_improvement: number;
  /** 1 if the full step's KL exceeds maxKL, else 0. */
  kl_exceeded: number;
  /** 1 if the full step did not improve the surrogate, else 0. */
  surrogate_worse: number;
};

/**
 * What NPG and TRPO share: the critic, regressed apart from the policy, the metrics of its fit and
 * of the solve, and the state. Each update computes the natural step (natural-gradient.ts) and
 * takes it: NPG whole, TRPO through its line search.
 */
export abstract class NaturalGradientAlgorithm<M extends NaturalGradientMetrics> implements Algorithm<M> {
  protected readonly critic: CriticRegression;

  constructor(readonly learner: Learner, readonly settings: NPGSettings) {
    this.critic = new CriticRegression(learner, settings);
  }

  abstract update(batch: PreparedBatch): Promise<M>;

  /**
   * The policy's step and the critic's fit on the batch, side by side — they are independent, and
   * with the critic on a worker thread they run at once — with the metrics of the fit and of the
   * solve.
   */
  protected async stepAndFitCritic<S extends { natural: NaturalStep }>(batch: PreparedBatch, policyStep: () => Promise<S>): Promise<{ step: S; metrics: NaturalGradientMetrics }> {
    const [valueLoss, step] = await Promise.all([this.critic.fit(batch), policyStep()]);
    const metrics = {
      value_loss: valueLoss,
      explained_variance: explainedVariance(batch.values, batch.returns),
      cg_iterations: step.natural.cgIterations,
      cg_residual: step.natural.cgResidual,
    };
    return { step, metrics };
  }

  async getState(): Promise<{ critic: AdamState }> {
    return { critic: await this.critic.getState() };
  }

  setState(state: { critic: AdamState }): void {
    this.critic.setState(state.critic);
  }
}

export class NPG extends NaturalGradientAlgorithm<NPGMetrics> {
  async update(batch: PreparedBatch): Promise<NPGMetrics> {
    const { learner, settings } = this;
    const { step, metrics } = await this.stepAndFitCritic(batch, async () => {
      const natural = await naturalGradientStep(learner.policy, batch.observations, batch.actions, batch.advantages, batch.size, settings);
      return { natural, ...(await tryStep(learner.policy, natural, 1, batch.observations, batch.actions, batch.size)) };
    });
    const { kl, improvement } = step;
    return {
      ...metrics,
      kl,
      surrogate_improvement: improvement,
      kl_exceeded: kl > settings.maxKL ? 1 : 0,
      surrogate_worse: improvement <= 0 ? 1 : 0,
    };
  }
}
