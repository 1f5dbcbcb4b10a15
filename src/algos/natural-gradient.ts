// The natural policy gradient step the lecture derives, NPG's and so TRPO's:
//   g = ∇_θ L(θ_k), L(θ) = mean( π_θ(a|s)/π_k(a|s) · Â )        (the surrogate advantage)
//   y = (F + λI)⁻¹ g by conjugate gradient, F the Fisher information (= the KL's Hessian at θ_k)
//   full step Δ = sqrt(2δ / yᵀ(F + λI)y) · y                   (the largest step with ½ΔᵀFΔ = δ)
import { exp } from '../math/index.js';
import { CONJUGATE_GRADIENT_SETTINGS, conjugateGradient, dot } from '../linalg/conjugate-gradient.js';
import { MAX_KL_SETTING } from '../linalg/backtracking-line-search.js';
import { FISHER_METHODS, type Policy } from '../policy/policy.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import { ADVANTAGE_SETTINGS } from './algorithm.js';
import { mean, standardize } from './statistics.js';

/** The step's settings: the trust region, the solve, and how F·v is computed. */
export const NATURAL_GRADIENT_SETTINGS = {
  ...ADVANTAGE_SETTINGS,
  maxKL: MAX_KL_SETTING,
  ...CONJUGATE_GRADIENT_SETTINGS,
  fisher: { type: 'enum', default: 'analytic', choices: FISHER_METHODS, doc: 'Fisher–vector product: analytic JᵀMJ, exact KL Hessian, or sampled scores' },
} as const satisfies SettingsSchema;
export type NaturalGradientSettings = Settings<typeof NATURAL_GRADIENT_SETTINGS>;

export interface NaturalStep {
  thetaOld: Float64Array;
  /** Δ, the full step. */
  step: Float64Array;
  cgIterations: number;
  cgResidual: number;
  /** L(θ_k) = mean(Â). */
  surrogateOld: number;
  advantages: Float64Array;
  /** log π_k(a_b | s_b). */
  logProbsOld: Float64Array;
}

/** Evaluates π_θ on the whole batch, freezes it as π_k, and computes the natural gradient step. */
export async function naturalGradientStep(
  policy: Policy, observations: Float32Array, actions: ArrayLike<number>, rawAdvantages: ArrayLike<number>, size: number,
  settings: NaturalGradientSettings,
): Promise<NaturalStep> {
  const advantages = Float64Array.from(rawAdvantages);
  if (settings.normalizeAdvantages) standardize(advantages);
  const thetaOld = await policy.getParameters();
  const { logProbs: logProbsOld } = await policy.evaluate(observations, actions, size);
  policy.markOld();
  // At θ_k every ratio is 1, so ∂L/∂log π_b = Â_b / size.
  const g = await policy.gradient(advantages.map((a) => a / size));
  const fisherProduct = async (v: Float64Array) => {
    const fv = await policy.fisherVectorProduct(v, settings.fisher);
    for (let i = 0; i < fv.length; i++) fv[i]! += settings.cgDamping * v[i]!;
    return fv;
  };
  const solution = await conjugateGradient(fisherProduct, g, { maxIterations: settings.cgIterations, damping: 0 });
  const y = solution.x;
  const yFy = dot(y, await fisherProduct(y));
  const scale = yFy > 0 ? Math.sqrt((2 * settings.maxKL) / yFy) : 0;
  return {
    thetaOld,
    step: y.map((x) => scale * x),
    cgIterations: solution.iterations,
    cgResidual: solution.residualNorm,
    surrogateOld: mean(advantages),
    advantages,
    logProbsOld,
  };
}

/** Sets θ = θ_k + fraction·Δ and returns the mean KL from π_k and the surrogate's improvement. */
export async function tryStep(policy: Policy, natural: NaturalStep, fraction: number, observations: Float32Array, actions: ArrayLike<number>, size: number): Promise<{ kl: number; improvement: number }> {
  policy.setParameters(natural.thetaOld.map((x, i) => x + fraction * natural.step[i]!));
  const { logProbs } = await policy.evaluate(observations, actions, size);
  let surrogate = 0;
  for (let b = 0; b < size; b++) surrogate += exp(logProbs[b]! - natural.logProbsOld[b]!) * natural.advantages[b]!;
  return { kl: policy.meanKL(), improvement: surrogate / size - natural.surrogateOld };
}
