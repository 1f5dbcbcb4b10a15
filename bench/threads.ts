// One run on two threads against one (`--threads 2`, the critic's learner on a worker thread):
// whole training runs with each task's defaults and preset, in fresh processes
// (training-run-process.ts), one thread and two alternating for --rounds rounds; prints each
// task's median steps per second on each, their ratio (the target: at least 1.6), and whether
// every run of a task ended with the same parameters to the bit (it must: two threads compute what
// one does). Wall-clock figures: the load beside them matters (bench/RESULTS.md).
//   npm run build && node dist/bench/threads.js [--rounds 3] [--tasks ppo:CartPole-v1:204800,...]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const DEFAULT_TASKS = 'ppo:CartPole-v1:204800,trpo:CartPole-v1:102400,ppo:Hopper-v5:51200,trpo:Hopper-v5:51200';
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, tasks: { type: 'string', default: DEFAULT_TASKS } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`--rounds must be a positive integer, got '${values.rounds}'`);
const tasks = values.tasks.split(',').map((task) => {
  const [algo, env, steps] = task.split(':');
  if ((algo !== 'ppo' && algo !== 'trpo') || env === undefined || !Number.isInteger(Number(steps))) throw new RangeError(`--tasks: expected ALGO:ENV:STEPS (ppo or trpo), got '${task}'`);
  return { algo, env, steps: Number(steps) };
});
const worker = fileURLToPath(new URL('./training-run-process.js', import.meta.url));

interface RunResult {
  steps_per_second: number;
  parameters_digest: string;
}

function run(algo: string, env: string, steps: number, threads: 1 | 2): RunResult {
  const output = execFileSync(process.execPath, [worker, algo, String(steps), '1', env, String(threads)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`load average before: ${load()}`);
console.log('| task | steps | 1 thread, steps/s | 2 threads, steps/s | ratio (median) | same bits |');
console.log('|---|---|---|---|---|---|');
for (const { algo, env, steps } of tasks) {
  const results: Record<1 | 2, RunResult[]> = { 1: [], 2: [] };
  for (let round = 0; round < rounds; round++) {
    for (const threads of [1, 2] as const) results[threads].push(run(algo, env, steps, threads));
  }
  const speeds = (threads: 1 | 2) => results[threads].map((r) => r.steps_per_second);
  const digests = new Set([...results[1], ...results[2]].map((r) => r.parameters_digest));
  const shown = (threads: 1 | 2) => speeds(threads).map((s) => s.toFixed(0)).join(', ');
  console.log(`| ${algo.toUpperCase()} ${env} | ${steps} | ${shown(1)} | ${shown(2)} | ${(median(speeds(2)) / median(speeds(1))).toFixed(2)} | ${digests.size === 1 ? 'yes' : `no: ${[...digests].join(', ')}`} |`);
}
console.log(`load average after: ${load()}`);
