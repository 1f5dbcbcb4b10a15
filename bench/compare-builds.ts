// `npm run bench:compare -- DIR`: this checkout's speed against another built checkout's (DIR, e.g.
// a `git worktree` of main with `npm run build` done), in one run: raw environment steps of each
// env and PPO on CartPole-v1, each measurement in a fresh process, the two builds alternating
// round by round so that a change of load hits both. Prints medians over rounds and their ratio,
// and the ratio of the best rounds: on a shared machine the best round is the one least slowed by
// other work, so that ratio moves less with the load than the medians' does.
// Usage: npm run bench:compare -- DIR [ROUNDS]   (ROUNDS default 5)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../src/report/table.js';
import { registeredIds } from '../src/envs/registry.js';
import { STEPS_PER_CALL } from './envs.js';
import { describeMachine } from './measure.js';

const ROUNDS = process.argv[3] === undefined ? 5 : Number(process.argv[3]);
const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const baseline = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
if (baseline === undefined || !existsSync(join(baseline, 'dist/src/index.js'))) {
  console.error('usage: npm run bench:compare -- DIR [ROUNDS]   (DIR: another checkout, built with npm run build)');
  process.exit(2);
}
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error(`bench:compare: ROUNDS must be a positive integer, got ${process.argv[3]}`);
  process.exit(2);
}
const builds = { baseline, 'this checkout': here };
const ppoWorker = join(here, 'dist/bench/ppo-iterations-process.js');
const tasks = [...registeredIds().slice(0, 5), 'PPO CartPole-v1'];

/** Steps per second of `task` measured with `root`'s build. */
function stepsPerSecond(root: string, task: string): number {
  const run = (args: string[]) => Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim());
  if (task.startsWith('PPO')) return run([ppoWorker, join(root, 'dist/src/index.js')]);
  return (STEPS_PER_CALL / run([join(root, 'dist/bench/env-steps-process.js'), task])) * 1e3;
}

const samples = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? Object.entries(builds) : Object.entries(builds).reverse();
  for (const task of tasks) {
    for (const [name, root] of order) {
      const key = `${name}\u0000${task}`;
      samples.set(key, [...(samples.get(key) ?? []), stepsPerSecond(root, task)]);
    }
  }
  console.error(`round ${round + 1} of ${ROUNDS} done`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x.toFixed(0));
const rows = tasks.map((task) => {
  const [before, after] = Object.keys(builds).map((name) => samples.get(`${name}\u0000${task}`)!) as [number[], number[]];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(3)}×`;
  return [task, rate(median(before)), rate(median(after)), ratio(median(after), median(before)), ratio(Math.max(...after), Math.max(...before))];
});
console.log(`${await describeMachine()}; baseline ${baseline}; ${ROUNDS} alternating rounds, each a fresh process\n`);
console.log(formatTable(['task (steps/s)', 'baseline (median)', 'this checkout (median)', 'this / baseline (medians)', 'this / baseline (best rounds)'], rows, [1, 2, 3, 4]));
