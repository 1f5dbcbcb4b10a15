// `npm run bench:cleanrl -- [ROUNDS] [--steps N]`: PPO on Hopper-v5 with CleanRL's continuous
// defaults, policygrad against CleanRL's own `cleanrl/ppo_continuous_action.py` (not a port of
// it: bench:peers runs the ports), single thread, whole runs of the same length and seed in fresh
// processes, alternating round by round. Prints each run's steps per second — CleanRL's as the
// script prints it (its last `SPS:` line: steps over the time since its environments were made),
// policygrad's as training-run-process.js measures it (the training loop's time) — their medians
// and ratio, and `uptime` before and after.
//
// Needs a checkout of CleanRL (`CLEANRL_DIR`, holding cleanrl/ppo_continuous_action.py) and a
// Python with torch, gymnasium, mujoco and tensorboard (`PEER_PYTHON`, default python3). Its
// PYTHONPATH gets bench/cleanrl-compat/: a stand-in for tyro's `cli` where tyro is not installed,
// and the one adaptation the script needs on Gymnasium 1.x (sitecustomize.py says which). Without
// CLEANRL_DIR it says what to set and exits 0: a benchmark, not a test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/report/table.js';
import { describeMachine, median } from './measure.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { steps: { type: 'string', default: '20480' } } });
const rounds = positionals[0] === undefined ? 3 : Number(positionals[0]);
const steps = Number(values.steps);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(steps) || steps < 2048) {
  console.error('usage: npm run bench:cleanrl -- [ROUNDS] [--steps N]   (ROUNDS ≥ 1, N ≥ 2048, one rollout)');
  process.exit(2);
}
const cleanrl = process.env.CLEANRL_DIR;
const script = cleanrl === undefined ? undefined : join(cleanrl, 'cleanrl', 'ppo_continuous_action.py');
if (script === undefined || !existsSync(script)) {
  console.log(`bench:cleanrl: skipped, ${script === undefined ? 'CLEANRL_DIR is not set' : `${script} does not exist`}.
To run it: CLEANRL_DIR=path/to/a/checkout/of/cleanrl PEER_PYTHON=a/python/with/torch,gymnasium,mujoco,tensorboard npm run bench:cleanrl`);
  process.exit(0);
}
const python = process.env.PEER_PYTHON ?? 'python3';
const compat = fileURLToPath(new URL('../../bench/cleanrl-compat', import.meta.url));
const worker = fileURLToPath(new URL('./training-run-process.js', import.meta.url));
// One thread for PyTorch's pools, as bench:peers runs its peers.
const oneThread = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function runCleanrl(): number {
  // Its runs/ folder (tensorboard logs) goes to a scratch folder, removed after.
  const cwd = mkdtempSync(join(tmpdir(), 'policygrad-cleanrl-'));
  try {
    const output = execFileSync(python, [script!, '--env-id', 'Hopper-v5', '--total-timesteps', String(steps), '--seed', '1', '--cuda', 'False'], {
      cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...oneThread, PYTHONPATH: [compat, process.env.PYTHONPATH].filter(Boolean).join(delimiter) },
    });
    const sps = output.split('\n').filter((line) => line.startsWith('SPS:')).at(-1);
    if (sps === undefined) throw new Error(`${script} printed no SPS line:\n${output.slice(-2000)}`);
    return Number(sps.slice('SPS:'.length));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function runPolicygrad(): number {
  const output = execFileSync(process.execPath, [worker, 'ppo', String(steps), '1', 'Hopper-v5'], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!).steps_per_second;
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const uptimeBefore = uptime();
const samples: Record<'policygrad' | 'cleanrl', number[]> = { policygrad: [], cleanrl: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['policygrad', 'cleanrl'] as const) : (['cleanrl', 'policygrad'] as const);
  for (const contender of order) samples[contender].push(contender === 'policygrad' ? runPolicygrad() : runCleanrl());
  console.error(`round ${round + 1} of ${rounds} done`);
}
const thousands = (x: number) => Math.round(x).toLocaleString('en-US');
const torch = execFileSync(python, ['-c', 'import torch, gymnasium, mujoco; print(torch.__version__, gymnasium.__version__, mujoco.__version__)'], { encoding: 'utf8' }).trim().split(' ');
console.log(`${await describeMachine()}; ${python}: torch ${torch[0]}, gymnasium ${torch[1]}, mujoco ${torch[2]}; ${script}`);
console.log(`${rounds} alternating rounds of ${thousands(steps)} steps, seed 1, one thread each; uptime before: ${uptimeBefore}\n`);
console.log(formatTable(['contender', 'steps/s, each round', 'median'], [
  ['policygrad', samples.policygrad.map(thousands).join(', '), thousands(median(samples.policygrad))],
  ['CleanRL ppo_continuous_action.py', samples.cleanrl.map(thousands).join(', '), thousands(median(samples.cleanrl))],
], [2]));
console.log(`\npolicygrad / CleanRL: ${(median(samples.policygrad) / median(samples.cleanrl)).toFixed(1)}×`);
console.log(`uptime after: ${uptime()}`);
