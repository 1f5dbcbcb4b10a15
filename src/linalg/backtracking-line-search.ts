// Backtracking line search along a proposed step: try θ_old + shrink^i · step for i = 0, 1, …,
// maxSteps − 1 and accept the first candidate that passes the test, else revert to θ_old.
//   'constraint'              the lecture's test: KL(θ_old, θ) ≤ δ
//   'constraint-improvement'  Schulman's TRPO (the default): KL ≤ δ and the surrogate improved
import { pow } from '../math/index.js';
import { assertFiniteNumber, assertInteger, assertOneOf } from '../util/validate.js';

export type LineSearchTest = 'constraint' | 'constraint-improvement';
export const LINE_SEARCH_TESTS: readonly LineSearchTest[] = ['constraint', 'constraint-improvement'];

export interface LineSearchOptions {
  /** δ, the trust region's radius in mean KL. */
  maxKL: number;
  /** Factor applied to the step after each rejection. Default 0.8. */
  shrink?: number;
  /** Candidates tried. Default 10. */
  maxSteps?: number;
  test?: LineSearchTest;
}

export interface Candidate {
  kl: number;
  /** Surrogate advantage L(θ) − L(θ_old); larger is better. */
  improvement: number;
}

export interface LineSearchResult {
  accepted: boolean;
  /** Candidates evaluated. */
  steps: number;
  /** Step fraction shrink^i of the accepted candidate; 0 when reverted. */
  fraction: number;
  kl: number;
  improvement: number;
}

/**
 * `evaluate(fraction)` must set the parameters to θ_old + fraction·step and return the KL and the
 * surrogate's improvement there; `revert()` restores θ_old.
 */
export async function backtrackingLineSearch(
  evaluate: (fraction: number) => Promise<Candidate> | Candidate,
  revert: () => Promise<void> | void,
  options: LineSearchOptions,
): Promise<LineSearchResult> {
  const shrink = options.shrink ?? 0.8;
  const maxSteps = options.maxSteps ?? 10;
  const test = options.test ?? 'constraint-improvement';
  assertFiniteNumber(options.maxKL, 'line search maxKL');
  if (options.maxKL <= 0) throw new RangeError(`line search maxKL must be > 0, got ${options.maxKL}`);
  assertFiniteNumber(shrink, 'line search shrink');
  if (shrink <= 0 || shrink >= 1) throw new RangeError(`line search shrink must be in (0, 1), got ${shrink}`);
  assertInteger(maxSteps, 'line search maxSteps', 1);
  assertOneOf(test, LINE_SEARCH_TESTS, 'line search test');
  let last: Candidate = { kl: 0, improvement: 0 };
  for (let i = 0; i < maxSteps; i++) {
    const fraction = pow(shrink, i);
    last = await evaluate(fraction);
    const withinRegion = Number.isFinite(last.kl) && last.kl <= options.maxKL;
    const improved = Number.isFinite(last.improvement) && last.improvement > 0;
    if (withinRegion && (test === 'constraint' || improved)) return { accepted: true, steps: i + 1, fraction, ...last };
  }
  await revert();
  return { accepted: false, steps: maxSteps, fraction: 0, ...last };
}
