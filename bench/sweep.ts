// The local sweep's throughput: one sweep of 8 PPO runs on CartPole-v1 (CleanRL's settings, seeds
// 1–8) with --jobs 1, then the same sweep with --jobs 2, each into a fresh folder, through the
// built `policygrad sweep`; prints the wall times and their ratio (target on 2 cores: at most
// 0.6). Wall-clock figures of a whole sweep, so a machine busy with other work moves them: say the
// load beside the result (bench/RESULTS.md).
//   npm run build && node dist/bench/sweep.js [--steps 50000] [--runs 8]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '50000' }, runs: { type: 'string', default: '8' } } });
const steps = Number(values.steps);
const runs = Number(values.runs);
if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(runs) || runs < 1) throw new RangeError('--steps and --runs must be positive integers');
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'policygrad-bench-sweep-'));
const spec = join(folder, 'spec.json');
writeFileSync(spec, JSON.stringify({ algorithms: ['ppo'], environments: ['CartPole-v1'], seeds: Array.from({ length: runs }, (_, i) => i + 1), steps }));

/** Wall seconds of one whole sweep with `jobs` runs at a time. */
function sweepSeconds(jobs: number): number {
  const start = performance.now();
  execFileSync(process.execPath, [main, 'sweep', spec, '--out', join(folder, `jobs${jobs}`), '--jobs', String(jobs)], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - start) / 1000;
}

try {
  console.log(`${runs} PPO runs on CartPole-v1, ${steps} steps each; ${availableParallelism()} cores; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const one = sweepSeconds(1);
  const two = sweepSeconds(2);
  console.log(`--jobs 1: ${one.toFixed(1)} s\n--jobs 2: ${two.toFixed(1)} s\nratio: ${(two / one).toFixed(2)} (target ≤ 0.6)`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
