// Backtracking line search along a proposed step: try θ_old + shrink^i · step for i = 0, 1, …,
// maxSteps − 1 and accept the first candidate that passes the test, else revert to θ_old.
//   'constraint'              the lecture's test: KL(θ_old, θ) ≤ δ
//   'constraint-improvement'  Schulman's TRPO (the default): KL ≤ δ and the surrogate improved
import { pow } from '../math/index.js';
import { assertSetting, type SettingsSchema } from '../util/settings-schema.js';

export const LINE_SEARCH_TESTS = ['constraint', 'constraint-improvement'] as const;
export type LineSearchTest = (typeof LINE_SEARCH_TESTS)[number];

/** δ, the trust region's radius, as every algorithm with a trust region declares it. */
export const MAX_KL_SETTING = { type: 'number', default: 0.01, exclusiveMin: 0, doc: 'δ, the trust region radius in mean KL' } as const;

/** The line search's settings (sb3-contrib's defaults), the ranges it enforces. */
export const LINE_SEARCH_SETTINGS = {
  lineSearchShrink: { type: 'number', default: 0.8, exclusiveMin: 0, exclusiveMax: 1, doc: 'factor α of the backtracking line search' },
  lineSearchSteps: { type: 'integer', default: 10, min: 1, doc: 'line search candidates' },
  lineSearchTest: { type: 'enum', default: 'constraint-improvement', choices: LINE_SEARCH_TESTS, doc: "accept on the KL constraint alone ('constraint') or also require improvement" },
} as const satisfies SettingsSchema;

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
  const { lineSearchShrink, lineSearchSteps, lineSearchTest } = LINE_SEARCH_SETTINGS;
  const shrink = options.shrink ?? lineSearchShrink.default;
  const maxSteps = options.maxSteps ?? lineSearchSteps.default;
  const test = options.test ?? lineSearchTest.default;
  assertSetting(MAX_KL_SETTING, options.maxKL, 'line search maxKL');
  assertSetting(lineSearchShrink, shrink, 'line search shrink');
  assertSetting(lineSearchSteps, maxSteps, 'line search maxSteps');
  assertSetting(lineSearchTest, test, 'line search test');
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
