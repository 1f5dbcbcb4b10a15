// The algorithms' speed. PPO on CartPole-v1 with CleanRL's defaults, end to end: one iteration's
// rollout and update timed apart (the collector's share of an iteration), steps per second, and a
// whole 500k-step run's time to solve. TRPO on CartPole-v1 with sb3-contrib's defaults (2048-step
// batch): a gradient, one Fisher–vector product each way, and a whole conjugate-gradient solve.
import type { PreparedBatch } from '../src/rollout/prepared-batch.js';
import { naturalGradientStep } from '../src/algos/natural-gradient.js';
import { conjugateGradient } from '../src/linalg/conjugate-gradient.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';
import { measure } from './measure.js';
import { ppoMatrixFlopsPerStep } from './physical-limit.js';

export interface AlgorithmBenchmark {
  /** PPO, CleanRL's CartPole-v1 settings (4 envs × 128 steps). */
  ppo: { collectMs: number; updateMs: number; iterationMs: number; stepsPerSecond: number; collectorShare: number; runSeconds: number; solvedSeconds: number | null; finalReturn: number; matrixFlopsPerStep: number };
  /** TRPO, 2048-step batch of CartPole-v1, actor 4-64-64-2. */
  trpo: { gradientMs: number; fisherMs: Record<'analytic' | 'kl-hessian' | 'sampled', number>; cgSolveMs: number; cgIterations: number };
}

export async function benchmarkAlgorithms(): Promise<AlgorithmBenchmark> {
  // PPO: time the two halves of an iteration on a trainer well into its run.
  const ppo = await Trainer.create(resolveTrainingSettings('ppo', 'CartPole-v1', { seed: 1 }));
  for (let i = 0; i < 50; i++) await ppo.step();
  let batch: PreparedBatch = ppo.agent.collect();
  let iteration = ppo.iteration;
  const phases = await measure({
    collect: () => { batch = ppo.agent.collect(); },
    update: async () => { await ppo.algorithm.update(batch, ++iteration); },
  }, 2000);
  const collectMs = phases.collect!.medianMs;
  const updateMs = phases.update!.medianMs;

  // A whole run, as `policygrad train` does it.
  const run = await Trainer.create(resolveTrainingSettings('ppo', 'CartPole-v1', { seed: 1 }));
  const start = performance.now();
  let solvedSeconds: number | null = null;
  let finalReturn = Number.NaN;
  while (!run.done) {
    finalReturn = (await run.step()).episodic_return!;
    if (solvedSeconds === null && finalReturn >= 475) solvedSeconds = (performance.now() - start) / 1000;
  }
  const runSeconds = (performance.now() - start) / 1000;

  // TRPO's second-order pieces on a 2048-step batch.
  const trpo = await Trainer.create(resolveTrainingSettings('trpo', 'CartPole-v1', { seed: 1 }));
  for (let i = 0; i < 5; i++) await trpo.step();
  const trpoBatch = trpo.agent.collect();
  const { policy } = trpo.agent;
  const settings = { maxKL: 0.01, cgIterations: 15, cgDamping: 0.1, fisher: 'analytic' as const, normalizeAdvantages: true };
  await naturalGradientStep(policy, trpoBatch.observations, trpoBatch.actions, trpoBatch.advantages, trpoBatch.size, settings);
  const gradientUpstream = new Float64Array(trpoBatch.size).fill(1 / trpoBatch.size);
  const direction = Float64Array.from({ length: policy.parameterCount }, (_, i) => Math.sin(i));
  const g = await policy.gradient(gradientUpstream);
  let cgIterations = 0;
  const timings = await measure({
    gradient: () => policy.gradient(gradientUpstream),
    analytic: () => policy.fisherVectorProduct(direction, 'analytic'),
    'kl-hessian': () => policy.fisherVectorProduct(direction, 'kl-hessian'),
    sampled: () => policy.fisherVectorProduct(direction, 'sampled'),
    cg: async () => {
      const solution = await conjugateGradient((v) => policy.fisherVectorProduct(v, 'analytic'), g, { maxIterations: 15, damping: 0.1, residualTolerance: 0 });
      cgIterations = solution.iterations;
    },
  }, 1000);
  return {
    ppo: { collectMs, updateMs, iterationMs: collectMs + updateMs, stepsPerSecond: (ppo.agent.batchSize / (collectMs + updateMs)) * 1000, collectorShare: collectMs / (collectMs + updateMs), runSeconds, solvedSeconds, finalReturn,
      matrixFlopsPerStep: ppoMatrixFlopsPerStep([ppo.agent.policy.network.layout, ppo.agent.critic.layout], ppo.resolved.settings.epochs) },
    trpo: {
      gradientMs: timings.gradient!.medianMs,
      fisherMs: { analytic: timings.analytic!.medianMs, 'kl-hessian': timings['kl-hessian']!.medianMs, sampled: timings.sampled!.medianMs },
      cgSolveMs: timings.cg!.medianMs,
      cgIterations,
    },
  };
}
