// The MuJoCo environments' own cost: raw environment steps per second of each env (stepInPlace,
// allocation-free) against `mj_step` alone on the same model — frameSkip mj_step calls with the
// same controls from the same state, on a second MjData — so that the ratio is the env layer's
// overhead (action check, control write, mj_rnePostConstraint, observation, reward, termination).
// Each call starts both from the same snapshot and takes the same 100 actions, so both simulate
// exactly the same trajectory. Steps per second: tinybench medians (wall clock, as bench/envs.ts).
// The overhead: on a shared machine the wall clock mostly measures the other processes, so it is
// the median over ROUNDS alternating pairs of this process's CPU time (process.cpuUsage) for the
// same calls of each side.
// Usage: npm run build && node dist/bench/mujoco.js
import type { MujocoEnv } from '../src/envs/mujoco/mujoco-env.js';
import { make, prepareEnv } from '../src/envs/registry.js';
import { Random } from '../src/random/prng.js';
import { describeMachine, measure } from './measure.js';

const IDS = ['InvertedPendulum-v5', 'InvertedDoublePendulum-v5', 'Hopper-v5', 'HalfCheetah-v5', 'Walker2d-v5', 'Swimmer-v5', 'Reacher-v5', 'Ant-v5', 'Humanoid-v5'];
/** Environment steps per benchmark call. */
const STEPS = 100;
/** Alternating CPU-time measurements of each side per environment. */
const ROUNDS = 15;
/** Calls per CPU-time measurement. */
const CALLS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Options that keep an episode going for the whole benchmark, so that no reset enters either side. */
function endlessOptions(id: string): Record<string, unknown> {
  const endless: Record<string, unknown> = { maxEpisodeSteps: 1e9 };
  if (['Hopper-v5', 'Walker2d-v5', 'Ant-v5', 'Humanoid-v5'].includes(id)) endless.terminateWhenUnhealthy = false;
  return endless;
}

export interface MujocoStepsRow {
  environment: string;
  /** Environment steps per second through stepInPlace. */
  envStepsPerSecond: number;
  /** The same steps as frameSkip × mj_step per second. */
  rawStepsPerSecond: number;
  /** The median over rounds of env CPU time / raw CPU time, minus 1. */
  overhead: number;
}

/** This process's CPU time (user + system, µs) for CALLS calls of `task`. */
function cpuTime(task: () => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) task();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** Measures every MuJoCo env against mj_step alone. */
export async function benchmarkMujoco(): Promise<MujocoStepsRow[]> {
  await prepareEnv('Hopper-v5');
  const rows: MujocoStepsRow[] = [];
  for (const id of IDS) {
    const env = make(id, endlessOptions(id)) as MujocoEnv;
    env.reset({ seed: 0 });
    const random = new Random(1);
    const actions = Array.from({ length: STEPS }, () => Float64Array.from(env.actionSpace.low, (low, i) => random.uniformIn(low, env.actionSpace.high[i]!)));
    const snapshot = env.snapshot();
    const { mujoco, model } = env;
    const data = new mujoco.MjData(model);
    const start = { qpos: env.getQpos(), qvel: env.getQvel() };
    const qpos = data.qpos;
    const qvel = data.qvel;
    const ctrl = data.ctrl;
    const warmstart = data.qacc_warmstart;
    const envTask = () => {
      env.restore(snapshot);
      for (let t = 0; t < STEPS; t++) env.stepInPlace(actions[t]!);
    };
    const rawTask = () => {
      qpos.set(start.qpos);
      qvel.set(start.qvel);
      warmstart.fill(0);
      data.time = 0;
      mujoco.mj_forward(model, data);
      for (let t = 0; t < STEPS; t++) {
        ctrl.set(actions[t]!);
        for (let k = 0; k < env.frameSkip; k++) mujoco.mj_step(model, data);
      }
    };
    const timings = await measure({ env: envTask, raw: rawTask }, 1000, 16);
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const envCpu = cpuTime(envTask);
      ratios.push(envCpu / cpuTime(rawTask));
    }
    rows.push({ environment: id, envStepsPerSecond: (STEPS / timings.env!.medianMs) * 1000, rawStepsPerSecond: (STEPS / timings.raw!.medianMs) * 1000, overhead: median(ratios) - 1 });
    data.delete();
    env.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await describeMachine());
  console.log('| environment | env steps/s | mj_step-only steps/s | env-layer overhead |');
  console.log('|---|---:|---:|---:|');
  for (const row of await benchmarkMujoco()) {
    console.log(`| ${row.environment} | ${Math.round(row.envStepsPerSecond).toLocaleString('en')} | ${Math.round(row.rawStepsPerSecond).toLocaleString('en')} | ${(100 * row.overhead).toFixed(1)}% |`);
  }
}
