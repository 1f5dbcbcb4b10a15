// Trains every algorithm the README reports on, over several seeds, through the real `policygrad
// train` command, and writes the learning-results table into the README (between its markers)
// and one learning-curve SVG per environment into docs/learning-curves/.
//   npm run build && node dist/scripts/learning-results.js [--seeds 5] [--steps 500000] [--jobs 2] [--runs DIR]
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { rewardThreshold } from '../src/envs/registry.js';
import { runCurvesSvg } from '../src/report/run-curves.js';

/** What the README promises (issue targets), per environment and algorithm. */
const MATRIX: { env: string; algos: string[]; target: Record<string, number | undefined> }[] = [
  { env: 'CartPole-v1', algos: ['ppo', 'trpo', 'npg', 'vpg', 'ppo-reuse'], target: { ppo: 475, trpo: 475, npg: 400, vpg: 400 } },
  { env: 'Acrobot-v1', algos: ['ppo', 'trpo'], target: { ppo: -100, trpo: -100 } },
  { env: 'Pendulum-v1', algos: ['ppo', 'trpo'], target: { ppo: -250, trpo: -250 } },
  { env: 'MountainCar-v0', algos: ['ppo', 'trpo'], target: {} },
  { env: 'MountainCarContinuous-v0', algos: ['ppo', 'trpo'], target: {} },
];

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' }, steps: { type: 'string', default: '500000' }, jobs: { type: 'string', default: String(Math.max(1, cpus().length)) }, runs: { type: 'string', default: 'runs/learning-results' } } });
const seeds = Number(values.seeds);
const steps = Number(values.steps);
const jobs = Number(values.jobs);
const runsDir = values.runs!;
const root = fileURLToPath(new URL('../../', import.meta.url));
const main = join(root, 'dist/src/cli/main.js');

interface Summary { algo: string; env: string; seed: number; steps: number; wallSeconds: number; finalReturn: number | null; firstSolvedStep: number | null }

const tasks = MATRIX.flatMap(({ env, algos }) => algos.flatMap((algo) => Array.from({ length: seeds }, (_, i) => ({ env, algo, seed: i + 1 }))));
const results: Summary[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < tasks.length) {
    const { env, algo, seed } = tasks[next++]!;
    const out = join(runsDir, `${algo}-${env}-seed${seed}`);
    const summary = await new Promise<Summary>((resolve, reject) => {
      execFile(process.execPath, [main, 'train', '--algo', algo, '--env', env, '--seed', String(seed), '--steps', String(steps), '--out', out, '--json'], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${algo} ${env} seed ${seed}: ${stderr}`));
        else resolve(JSON.parse(stdout) as Summary);
      });
    });
    results.push(summary);
    console.log(`${algo.padEnd(9)} ${env.padEnd(24)} seed ${seed}: ${summary.finalReturn?.toFixed(1)} in ${summary.wallSeconds.toFixed(0)} s`);
  }
}
mkdirSync(runsDir, { recursive: true });
await Promise.all(Array.from({ length: jobs }, worker));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const rows: string[] = [];
for (const { env, algos, target } of MATRIX) {
  for (const algo of algos) {
    const runs = results.filter((r) => r.env === env && r.algo === algo).sort((a, b) => a.seed - b.seed);
    const finals = runs.map((r) => r.finalReturn ?? Number.NaN);
    const m = median(finals);
    const goal = target[algo];
    const solvedSteps = runs.map((r) => r.firstSolvedStep).filter((s): s is number => s !== null);
    const threshold = rewardThreshold(env);
    rows.push(`| ${env} | ${algo} | ${steps.toLocaleString('en-US')} | ${m.toFixed(1)} | ${finals.map((x) => x.toFixed(1)).join(', ')} | ${goal === undefined ? 'best effort' : `≥ ${goal}: ${m >= goal ? 'met' : 'NOT met'}`} | ${threshold === undefined ? '—' : `${solvedSteps.length}/${runs.length}${solvedSteps.length ? `, median step ${median(solvedSteps).toLocaleString('en-US')}` : ''}`} | ${median(runs.map((r) => r.wallSeconds)).toFixed(0)} s |`);
  }
  mkdirSync(join(root, 'docs/learning-curves'), { recursive: true });
  const dirs = algos.flatMap((algo) => Array.from({ length: seeds }, (_, i) => join(runsDir, `${algo}-${env}-seed${i + 1}`)));
  writeFileSync(join(root, `docs/learning-curves/${env}.svg`), runCurvesSvg(dirs, { title: `${env}: median of ${seeds} seeds, min–max band` }));
}
const table = [
  `Median over ${seeds} seeds (1–${seeds}) of the mean return of the last 100 training episodes after ${steps.toLocaleString('en-US')} steps, with each environment's preset (\`--preset zoo\`); `
    + `"solved" counts the seeds whose 100-episode mean reached Gymnasium's threshold during training. Produced by \`node dist/scripts/learning-results.js\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| env | algo | steps | median return | per seed | target | seeds solved | median wall time |',
  '|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- learning-results:start -->';
const end = '<!-- learning-results:end -->';
if (!readme.includes(start) || !readme.includes(end)) throw new Error(`README.md lacks the markers ${start} … ${end}`);
writeFileSync(readmePath, `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`);
console.log(`\n${table}`);
