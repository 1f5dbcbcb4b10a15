// Every benchmark suite, run in order and returned as data: `npm run bench` and `policygrad bench`
// print it as Markdown tables (the form bench/RESULTS.md records) or as JSON.
import { formatTable } from '../src/report/table.js';
import { benchmarkAlgorithms, type AlgorithmBenchmark } from './algorithms.js';
import { benchmarkEnvs, type EnvBenchmark } from './envs.js';
import { benchmarkGemm, type GemmRow } from './kernels.js';
import { describeMachine } from './measure.js';
import { benchmarkMLP, type MLPRow } from './mlp.js';
import { benchmarkOptimizer, type OptimizerRow } from './optimizer.js';
import { peakGflops, physicalLimit } from './physical-limit.js';
import { benchmarkSecondOrder, type ExplicitHessianRow, type ProductRow } from './second-order.js';
import { loadTfjsWasm } from './tfjs-peer.js';

export interface BenchmarkReport {
  machine: string;
  /** tfjs-core's version when TensorFlow.js's wasm backend (a devDependency) was measured beside ours. */
  tfjsVersion: string | null;
  gemm: GemmRow[];
  mlp: MLPRow[];
  optimizer: OptimizerRow[];
  hvpScaling: ProductRow[];
  explicitHessian: ExplicitHessianRow[];
  envs: EnvBenchmark;
  algorithms: AlgorithmBenchmark;
}

/** The engine-core suites: gemm, the MLP, the optimiser step (about a minute). */
export type EngineCoreReport = Pick<BenchmarkReport, 'machine' | 'tfjsVersion' | 'gemm' | 'mlp' | 'optimizer'>;

/** Runs the engine-core suites, TensorFlow.js's wasm backend beside ours when installed; `log` hears which one is starting. */
export async function runEngineCoreBenchmarks(log: (message: string) => void = () => {}): Promise<EngineCoreReport> {
  const tf = await loadTfjsWasm();
  const machine = await describeMachine();
  log('gemm…');
  const gemm = await benchmarkGemm(tf);
  log('MLP…');
  const mlp = await benchmarkMLP(tf);
  log('optimiser step…');
  const optimizer = await benchmarkOptimizer();
  return { machine, tfjsVersion: tf?.version_core ?? null, gemm, mlp, optimizer };
}

/** Runs every suite (about three minutes); `log` hears which one is starting. */
export async function runBenchmarks(log: (message: string) => void = () => {}): Promise<BenchmarkReport> {
  const core = await runEngineCoreBenchmarks(log);
  log('second-order products…');
  const { scaling, explicit } = await benchmarkSecondOrder();
  log('environments and collection…');
  const envs = await benchmarkEnvs();
  log('algorithms…');
  const algorithms = await benchmarkAlgorithms();
  return { ...core, hvpScaling: scaling, explicitHessian: explicit, envs, algorithms };
}

const format = (x: number | undefined, digits = 3): string => (x === undefined ? '—' : x.toPrecision(digits));
const millions = (stepsPerSecond: number | undefined) => (stepsPerSecond === undefined ? '—' : `${(stepsPerSecond / 1e6).toFixed(2)} M`);

/** The engine-core suites as Markdown sections and tables. */
export function formatEngineCore(report: EngineCoreReport): string[] {
  const sections = [`Machine: ${report.machine}; TensorFlow.js wasm peer: ${report.tfjsVersion ? `tfjs-core ${report.tfjsVersion}` : 'not installed'}`];

  const speedUp = (ours: number, peer: number | undefined) => (peer === undefined ? '—' : `${(ours / peer).toFixed(1)}×`);
  sections.push('### gemm, f32, one thread (GFLOP/s, best of five rounds; speed-up over TensorFlow.js in the same layout and over its A·B)', formatTable(
    ['layout', 'm×k×n', 'used by', 'µs', 'policygrad', 'TF.js same layout', 'speed-up', 'TF.js A·B', 'speed-up over A·B'],
    report.gemm.map((r) => [
      { nn: 'A·B', nt: 'A·Bᵀ', tn: 'Aᵀ·B' }[r.layout], `${r.m}×${r.k}×${r.n}`, r.usedBy, format(r.microseconds), format(r.gflops),
      format(r.tfjsGflops), speedUp(r.gflops, r.tfjsGflops), format(r.tfjsABGflops), speedUp(r.gflops, r.tfjsABGflops),
    ]), [3, 4, 5, 6, 7, 8]));

  sections.push('### MLP 4-64-64-2 tanh, f32, one thread (milliseconds, median)', formatTable(['task', 'policygrad', 'TensorFlow.js wasm', 'speed-up'],
    report.mlp.map((row) => [row.task, format(row.policygradMs), format(row.tfjsMs), row.tfjsMs === undefined ? '—' : `${(row.tfjsMs / row.policygradMs).toFixed(1)}×`]), [1, 2, 3]));

  sections.push('### Optimiser step, f32 parameters, f64 moments (nanoseconds per parameter, best of five rounds)', formatTable(
    ['network', 'parameters', 'Adam, wasm kernel', 'Adam, JavaScript', 'speed-up', '‖g‖², wasm kernel', '‖g‖², JavaScript loop', 'speed-up'],
    report.optimizer.map((r) => [
      r.network, String(r.parameters), format(r.wasmAdamNs), format(r.javascriptAdamNs), `${(r.javascriptAdamNs / r.wasmAdamNs).toFixed(1)}×`,
      format(r.wasmNormNs), format(r.javascriptNormNs), `${(r.javascriptNormNs / r.wasmNormNs).toFixed(1)}×`,
    ]), [1, 2, 3, 4, 5, 6, 7]));
  return sections;
}

/** The report as Markdown sections and tables. */
export function formatBenchmarks(report: BenchmarkReport): string {
  const sections = formatEngineCore(report);

  sections.push('### Hessian–vector product against gradient, [16, w, w, 4] tanh, batch 64, f32', formatTable(['parameters D', 'gradient (ms)', 'HVP (ms)', 'HVP / gradient', 'HVP ns per parameter'],
    report.hvpScaling.map((r) => [String(r.parameters), format(r.gradientMs), format(r.hvpMs), r.ratio.toFixed(2), format(r.hvpNsPerParameter)]), [0, 1, 2, 3, 4]));
  sections.push('### Forming the Hessian explicitly (D products, D² entries)', formatTable(['parameters D', 'one HVP (ms)', 'whole Hessian (ms)', 'Hessian / HVP'],
    report.explicitHessian.map((r) => [String(r.parameters), format(r.hvpMs), format(r.formHessianMs), (r.formHessianMs / r.hvpMs).toFixed(0)]), [0, 1, 2, 3]));

  const { envs } = report;
  sections.push('### Raw environment steps (stepInPlace, one env, resets included; fresh process each)', formatTable(['environment', 'steps/s'],
    envs.raw.map((r) => [r.environment, millions(r.stepsPerSecond)]), [1]));
  sections.push('### Collection, CartPole-v1, 4 envs × 128 steps per rollout', formatTable(['what', 'ms per rollout', 'steps/s'],
    envs.collection.map((r) => [r.task, r.msPerRollout.toFixed(3), millions(r.stepsPerSecond)]), [1, 2]));
  sections.push(`Collector overhead (trivial-policy collect − bare vector env): ${envs.collectorOverheadMs.toFixed(3)} ms per rollout, `
    + `${((envs.collectorOverheadMs / envs.proxyIterationMs) * 100).toFixed(2)} % of a proxy PPO iteration (MLP-policy collect + update proxy = ${envs.proxyIterationMs.toFixed(3)} ms).`);
  const { ppo, trpo } = report.algorithms;
  const limit = physicalLimit(peakGflops(report.gemm), ppo.matrixFlopsPerStep);
  sections.push('### PPO, CartPole-v1, CleanRL defaults (4 envs × 128 steps, 4 epochs × 4 minibatches)', formatTable(['what', 'value'], [
    ['rollout (collect + GAE), ms per iteration', ppo.collectMs.toFixed(3)],
    ['update, ms per iteration', ppo.updateMs.toFixed(3)],
    ['env steps per second', ppo.stepsPerSecond.toFixed(0)],
    ['collector share of an iteration', `${(ppo.collectorShare * 100).toFixed(1)} %`],
    ['500k-step run, seconds', ppo.runSeconds.toFixed(1)],
    ['first 100-episode mean ≥ 475, seconds', ppo.solvedSeconds === null ? 'not reached' : ppo.solvedSeconds.toFixed(1)],
    ['final 100-episode mean return', ppo.finalReturn.toFixed(1)],
    ['matrix FLOPs per env step', ppo.matrixFlopsPerStep.toFixed(0)],
    [`physical limit (gemm peak ${peakGflops(report.gemm).toFixed(1)} GFLOP/s ÷ FLOPs per step), env steps/s`, limit.toFixed(0)],
    ['env steps per second as a share of the limit', `${((ppo.stepsPerSecond / limit) * 100).toFixed(1)} %`],
  ], [1]));
  sections.push('### TRPO second-order pieces, CartPole-v1 batch of 2048, actor 4-64-64-2 (milliseconds, median)', formatTable(['what', 'ms', '× gradient'], [
    ['policy gradient', trpo.gradientMs.toFixed(3), '1.0'],
    ...(['analytic', 'kl-hessian', 'sampled'] as const).map((method) => [`Fisher–vector product, ${method}`, trpo.fisherMs[method].toFixed(3), (trpo.fisherMs[method] / trpo.gradientMs).toFixed(1)]),
    [`conjugate-gradient solve, ${trpo.cgIterations} iterations`, trpo.cgSolveMs.toFixed(3), (trpo.cgSolveMs / trpo.gradientMs).toFixed(1)],
  ], [1, 2]));
  return sections.join('\n\n');
}
