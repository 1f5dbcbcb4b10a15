// NPG's step against the trust region, and TRPO's line search catching it: trains NPG and TRPO
// with the same settings on the same seeds, counts how often NPG's full step left the trust region
// (mean KL > δ) or worsened the surrogate and how often TRPO backtracked, and draws both learning
// curves and the mean KL of each iteration's step against δ (docs/algorithms.md, "Why TRPO").
//   npm run build && node dist/scripts/trust-region.js [--env CartPole-v1] [--max-kl 0.2] [--cg-iterations 10]
//     [--seeds 5] [--steps 102400] [--out docs/learning-curves]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { MetricsRecord } from '../src/algos/algorithm.js';
import { rewardThreshold } from '../src/envs/registry.js';
import { learningCurveSvg, type CurveRun } from '../src/report/learning-curve-svg.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';

const { values } = parseArgs({
  options: {
    env: { type: 'string', default: 'CartPole-v1' },
    'max-kl': { type: 'string', default: '0.2' },
    'cg-iterations': { type: 'string', default: '10' },
    seeds: { type: 'string', default: '5' },
    steps: { type: 'string', default: '102400' },
    out: { type: 'string', default: 'docs/learning-curves' },
  },
});
const env = values.env!;
const maxKL = Number(values['max-kl']);
const cgIterations = Number(values['cg-iterations']);
const seeds = Number(values.seeds);
const totalSteps = Number(values.steps);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every iteration's metrics of one run. */
async function train(algo: 'npg' | 'trpo', seed: number): Promise<MetricsRecord[]> {
  const resolved = resolveTrainingSettings(algo, env, { seed, totalSteps, maxKL, cgIterations });
  const trainer = await Trainer.create(resolved);
  const history: MetricsRecord[] = [];
  while (!trainer.done) history.push(await trainer.step());
  return history;
}

const fraction = (runs: MetricsRecord[][], test: (m: MetricsRecord) => boolean) => {
  const all = runs.flat();
  return all.filter(test).length / all.length;
};
const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const finalReturns = (runs: MetricsRecord[][]) => runs.map((run) => run[run.length - 1]!.episodic_return!);

const runs: Record<'npg' | 'trpo', MetricsRecord[][]> = { npg: [], trpo: [] };
for (let seed = 1; seed <= seeds; seed++) {
  for (const algo of ['npg', 'trpo'] as const) {
    const start = performance.now();
    runs[algo].push(await train(algo, seed));
    console.log(`${algo} seed ${seed}: final return ${runs[algo][seed - 1]!.at(-1)!.episodic_return!.toFixed(1)} in ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
}

const summary = {
  env, maxKL, cgIterations, seeds, totalSteps,
  iterations: runs.npg.flat().length,
  npgKLExceeded: fraction(runs.npg, (m) => m.kl_exceeded === 1),
  npgSurrogateWorse: fraction(runs.npg, (m) => m.surrogate_worse === 1),
  npgEither: fraction(runs.npg, (m) => m.kl_exceeded === 1 || m.surrogate_worse === 1),
  npgMeanKL: meanOf(runs.npg.flat().map((m) => m.kl!)),
  npgMaxKL: Math.max(...runs.npg.flat().map((m) => m.kl!)),
  trpoBacktracked: fraction(runs.trpo, (m) => m.step_fraction! < 1),
  trpoRejected: fraction(runs.trpo, (m) => m.line_search_accepted === 0),
  trpoMeanLineSearchSteps: meanOf(runs.trpo.flat().map((m) => m.line_search_steps!)),
  trpoMaxKL: Math.max(...runs.trpo.flat().map((m) => m.kl!)),
  npgFinalReturns: finalReturns(runs.npg),
  trpoFinalReturns: finalReturns(runs.trpo),
};
console.log(JSON.stringify(summary, null, 2));

const curves = (metric: string): CurveRun[] => (['npg', 'trpo'] as const).flatMap((algo) =>
  runs[algo].map((run) => ({ label: algo.toUpperCase(), steps: run.map((m) => m.global_step!), values: run.map((m) => m[metric]!) })));
const settingsText = `δ = ${maxKL}, ${cgIterations} CG iterations, median of ${seeds} seeds, min–max band`;
const outDir = resolve(root, values.out!);
mkdirSync(outDir, { recursive: true });
const threshold = rewardThreshold(env);
writeFileSync(join(outDir, 'trust-region-return.svg'), learningCurveSvg([{
  title: env,
  runs: curves('episodic_return'),
  ...(threshold === undefined ? {} : { threshold: { value: threshold, label: 'solved' } }),
}], { title: `${env}: NPG and TRPO, ${settingsText}` }));
writeFileSync(join(outDir, 'trust-region-kl.svg'), learningCurveSvg([{ title: env, runs: curves('kl'), threshold: { value: maxKL, label: 'δ' } }], {
  title: `${env}: mean KL of each iteration's step (NPG: full step; TRPO: accepted step), ${settingsText}`,
  yLabel: 'mean KL(π_k ‖ π_k+1)',
}));
