// `npm run bench:peers -- [ROUNDS] [--ppo-steps N] [--trpo-steps N]`: policygrad against PyTorch
// in one run, single thread. PPO on CartPole-v1 with CleanRL's defaults against
// bench/pytorch_ppo.py (the algorithm of CleanRL's ppo.py with its defaults), TRPO with
// sb3-contrib's defaults against bench/pytorch_trpo.py, PPO on Hopper-v5 with CleanRL's
// ppo_continuous_action.py defaults against bench/pytorch_ppo_continuous.py, TRPO on Hopper-v5 with
// rl-baselines3-zoo's preset against bench/pytorch_trpo_mujoco.py; each run a whole training run of the same
// length and seed in a fresh process, the contenders alternating round by round so that a change
// of load hits both. Prints the median steps per second of each and their ratio, every round's
// figures, the physical limit of PPO (the gemm kernel's peak, measured in the same run, over
// PPO's matrix FLOPs per env step; bench/physical-limit.ts) and PPO's share of it, the MLP of
// both networks against PyTorch's (bench/pytorch_mlp.py, bench/mlp.ts's rows), and `uptime`
// before and after. ROUNDS defaults to 3.
//
// Needs a Python with torch, numpy and gymnasium (and mujoco for Hopper-v5): `PEER_PYTHON` names
// it, else python3 and /usr/bin/python3 are tried. Without one it says what to install and exits 0: a benchmark, not a
// test, and CI has no PyTorch.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/report/table.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';
import { benchmarkGemm } from './kernels.js';
import { benchmarkMLP } from './mlp.js';
import { describeMachine, median } from './measure.js';
import { peakGflops, physicalLimit, ppoMatrixFlopsPerStep } from './physical-limit.js';

/** Issue 16's targets: policygrad at least this many times its PyTorch peer, PPO at least this share of its physical limit. */
const TARGET_RATIO = 25;
const TARGET_SHARE = 0.4;
/** And the MLP's forward + backward at least this many times PyTorch's, by task (bench/mlp.ts's rows). */
const MLP_TARGETS: Record<string, number> = { 'forward + backward, batch 128': 4, 'forward + backward, batch 2048': 2 };

/**
 * The runs compared: policygrad's algorithm on an environment with its preset, and the PyTorch
 * script of the same algorithm with the same settings. The Hopper tasks need MuJoCo's Python
 * bindings in the peer's Python as well (`mujoco`); without them they are left out.
 */
const TASKS = {
  ppo: { label: 'PPO, CartPole-v1, CleanRL defaults', algo: 'ppo', env: 'CartPole-v1', script: 'pytorch_ppo.py', target: TARGET_RATIO },
  trpo: { label: 'TRPO, CartPole-v1, sb3-contrib defaults', algo: 'trpo', env: 'CartPole-v1', script: 'pytorch_trpo.py', target: TARGET_RATIO },
  hopper: { label: 'PPO, Hopper-v5, CleanRL continuous defaults', algo: 'ppo', env: 'Hopper-v5', script: 'pytorch_ppo_continuous.py', target: undefined },
  trpoHopper: { label: 'TRPO, Hopper-v5, zoo preset', algo: 'trpo', env: 'Hopper-v5', script: 'pytorch_trpo_mujoco.py', target: undefined },
} as const;
type Task = keyof typeof TASKS;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    // PPO: CleanRL's default total_timesteps, 500,000 (a little over a minute for the PyTorch
    // peer; a shorter run weighs its start more). TRPO: 25 iterations of 2048; Hopper: 10 of 2048,
    // for PPO and TRPO alike, under a minute each for the PyTorch peers.
    'ppo-steps': { type: 'string', default: '500000' },
    'trpo-steps': { type: 'string', default: '51200' },
    'hopper-steps': { type: 'string', default: '20480' },
  },
});
const rounds = positionals[0] === undefined ? 3 : Number(positionals[0]);
const hopperSteps = Number(values['hopper-steps']);
const steps: Record<Task, number> = { ppo: Number(values['ppo-steps']), trpo: Number(values['trpo-steps']), hopper: hopperSteps, trpoHopper: hopperSteps };
if (!Number.isInteger(rounds) || rounds < 1 || !Object.values(steps).every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: npm run bench:peers -- [ROUNDS] [--ppo-steps N] [--trpo-steps N] [--hopper-steps N]   (positive integers)');
  process.exit(2);
}

const REQUIRED_MODULES = ['torch', 'numpy', 'gymnasium'] as const;
const PROBE = `import importlib, json
found = {}
for name in ${JSON.stringify([...REQUIRED_MODULES, 'mujoco'])}:
    try:
        found[name] = importlib.import_module(name).__version__
    except Exception:
        found[name] = None
print(json.dumps(found))`;

/** The versions of the required modules under `python` (null: missing), or undefined if it does not run. */
function probe(python: string): Record<string, string | null> | undefined {
  try {
    return JSON.parse(execFileSync(python, ['-c', PROBE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}

const candidates = process.env.PEER_PYTHON ? [process.env.PEER_PYTHON] : ['python3', '/usr/bin/python3'];
const probes = candidates.map((python) => ({ python, found: probe(python) }));
const peer = probes.find(({ found }) => found !== undefined && REQUIRED_MODULES.every((name) => found[name] !== null));
if (peer === undefined) {
  console.log('bench:peers: skipped, no Python with torch, numpy and gymnasium.');
  for (const { python, found } of probes) {
    console.log(`  ${python}: ${found === undefined ? 'does not run' : `missing ${REQUIRED_MODULES.filter((name) => found[name] === null).join(', ')}`}`);
  }
  console.log(`To run it (Debian): apt-get install python3-torch python3-numpy python3-venv
  python3 -m venv --system-site-packages /tmp/peer-venv && /tmp/peer-venv/bin/pip install gymnasium
  PEER_PYTHON=/tmp/peer-venv/bin/python npm run bench:peers`);
  process.exit(0);
}

interface RunResult {
  steps: number;
  seconds: number;
  steps_per_second: number;
  final_return: number | null;
}

const tasks = (Object.keys(TASKS) as Task[]).filter((task) => TASKS[task].env !== 'Hopper-v5' || peer.found!.mujoco !== null);
type Contender = 'policygrad' | 'pytorch';
const script = (name: string) => fileURLToPath(new URL(`../../bench/${name}`, import.meta.url));
const worker = fileURLToPath(new URL('./training-run-process.js', import.meta.url));

/** One whole training run of `task` by `contender`, in a fresh process. */
function run(contender: Contender, task: Task): RunResult {
  const { algo, env, script: peerScript } = TASKS[task];
  const [command, args] = contender === 'policygrad'
    ? [process.execPath, [worker, algo, String(steps[task]), '1', env]]
    : [peer!.python, [script(peerScript), '--total-steps', String(steps[task]), '--seed', '1', ...(env === 'CartPole-v1' ? [] : ['--env-id', env])]];
  // One thread for PyTorch's own pools too (the scripts also call torch.set_num_threads(1)).
  const output = execFileSync(command, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const uptimeBefore = uptime();
console.error('gemm peak…');
const gemm = await benchmarkGemm(undefined);
const peak = peakGflops(gemm);
const best = gemm.find((row) => row.gflops === peak)!;
const ppoTrainer = await Trainer.create(resolveTrainingSettings('ppo', 'CartPole-v1', { seed: 1 }));
const flopsPerStep = ppoMatrixFlopsPerStep([ppoTrainer.agent.policy.network.layout, ppoTrainer.agent.critic.layout], ppoTrainer.resolved.settings.epochs);

const samples = new Map<string, RunResult[]>();
for (let round = 0; round < rounds; round++) {
  const order: Contender[] = round % 2 === 0 ? ['policygrad', 'pytorch'] : ['pytorch', 'policygrad'];
  for (const task of tasks) {
    for (const contender of order) {
      const key = `${contender} ${task}`;
      samples.set(key, [...(samples.get(key) ?? []), run(contender, task)]);
    }
  }
  console.error(`round ${round + 1} of ${rounds} done`);
}
// The MLP of both networks, 4-64-64-2 tanh: ours as `npm run bench` times it, then PyTorch's by the same rows.
console.error('MLP…');
const mlp = await benchmarkMLP(undefined);
const pytorchMLP: { torch: string; rows: Record<string, number> } = JSON.parse(
  execFileSync(peer.python, [script('pytorch_mlp.py')], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } }).trim().split('\n').at(-1)!,
);
const uptimeAfter = uptime();

const rate = (key: string) => median(samples.get(key)!.map((r) => r.steps_per_second));
const returns = (key: string) => samples.get(key)!.map((r) => (r.final_return === null ? '—' : r.final_return.toFixed(0))).join(', ');
const thousands = (x: number) => Math.round(x).toLocaleString('en-US');
const versions = peer.found!;

console.log(`${await describeMachine()}; ${peer.python}: torch ${versions.torch}, numpy ${versions.numpy}, gymnasium ${versions.gymnasium}, mujoco ${versions.mujoco ?? 'absent (the Hopper task left out)'}`);
console.log(`${rounds} alternating rounds, each run a fresh process, seed 1; uptime before: ${uptimeBefore}\n`);
console.log(formatTable(
  ['task', 'steps per run', 'policygrad steps/s (median)', 'PyTorch steps/s (median)', 'policygrad / PyTorch', 'target', 'final returns, policygrad', 'final returns, PyTorch'],
  tasks.map((task) => {
    const ratio = rate(`policygrad ${task}`) / rate(`pytorch ${task}`);
    const { target } = TASKS[task];
    return [
      TASKS[task].label, thousands(samples.get(`policygrad ${task}`)![0]!.steps),
      thousands(rate(`policygrad ${task}`)), thousands(rate(`pytorch ${task}`)), `${ratio.toFixed(1)}×`, target === undefined ? '—' : `≥ ${target}×: ${ratio >= target ? 'met' : 'not met'}`,
      returns(`policygrad ${task}`), returns(`pytorch ${task}`),
    ];
  }), [1, 2, 3, 4]));
console.log('\nEvery round (steps/s):\n');
const roundKeys = tasks.flatMap((task) => (['policygrad', 'pytorch'] as const).map((contender) => `${contender} ${task}`));
console.log(formatTable(['round', ...roundKeys],
  Array.from({ length: rounds }, (_, round) => [String(round + 1), ...roundKeys.map((key) => thousands(samples.get(key)![round]!.steps_per_second))]),
  [0, ...roundKeys.map((_, i) => i + 1)]));
const limit = physicalLimit(peak, flopsPerStep);
const share = rate('policygrad ppo') / limit;
console.log(`\nPhysical limit of PPO on CartPole-v1 with CleanRL's defaults:\n`);
console.log(formatTable(['what', 'value'], [
  ['matrix FLOPs per env step (2·m·k·n per product; bench/physical-limit.ts)', thousands(flopsPerStep)],
  [`gemm peak, best of ${gemm.length} shapes (${{ nn: 'A·B', nt: 'A·Bᵀ', tn: 'Aᵀ·B' }[best.layout]} ${best.m}×${best.k}×${best.n}), GFLOP/s`, peak.toFixed(1)],
  ['physical limit = peak / FLOPs per step, env steps/s', thousands(limit)],
  ['policygrad PPO, median of the runs above, env steps/s', thousands(rate('policygrad ppo'))],
  [`share of the limit (target ≥ ${TARGET_SHARE * 100} %)`, `${(share * 100).toFixed(1)} % (${share >= TARGET_SHARE ? 'met' : 'not met'})`],
], [1]));
console.log(`\nMLP 4-64-64-2 tanh, f32, one thread (milliseconds, median; PyTorch ${pytorchMLP.torch}, bench/pytorch_mlp.py):\n`);
console.log(formatTable(['task', 'policygrad', 'PyTorch', 'PyTorch / policygrad', 'target'], mlp.map((row) => {
  const theirs = pytorchMLP.rows[row.task]!;
  const ratio = theirs / row.policygradMs;
  const target = MLP_TARGETS[row.task];
  return [row.task, row.policygradMs.toPrecision(3), theirs.toPrecision(3), `${ratio.toFixed(1)}×`, target === undefined ? '—' : `≥ ${target}×: ${ratio >= target ? 'met' : 'not met'}`];
}), [1, 2, 3]));
console.log(`\nuptime after: ${uptimeAfter}`);
