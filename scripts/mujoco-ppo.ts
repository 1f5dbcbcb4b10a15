// PPO on a MuJoCo environment with CleanRL's ppo_continuous_action.py settings (the continuous
// defaults policygrad applies to a Box action space), printing the mean return of the last
// episodes as it learns and the wall time to first reach a target.
//   npm run build && node dist/scripts/mujoco-ppo.js [--env InvertedPendulum-v5] [--steps 200000] [--seed 1] [--target 1000]
import { parseArgs } from 'node:util';
import { prepareEnv } from '../src/envs/registry.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';

const { values } = parseArgs({ options: { env: { type: 'string', default: 'InvertedPendulum-v5' }, steps: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' }, target: { type: 'string', default: '1000' } } });
const env = values.env!;
const target = Number(values.target);
// MuJoCo's WebAssembly module loads asynchronously: before the settings, which make the env to read its action space.
await prepareEnv(env);
const trainer = await Trainer.create(resolveTrainingSettings('ppo', env, { seed: Number(values.seed), totalSteps: Number(values.steps) }));
const start = performance.now();
let reached: { step: number; seconds: number } | undefined;
while (!trainer.done) {
  const metrics = await trainer.step();
  const seconds = (performance.now() - start) / 1000;
  const episodicReturn = metrics.episodic_return as number | undefined;
  console.log(`step ${metrics.global_step}  return ${episodicReturn?.toFixed(1) ?? '—'}  ${seconds.toFixed(1)} s`);
  if (reached === undefined && episodicReturn !== undefined && episodicReturn >= target) reached = { step: metrics.global_step as number, seconds };
}
console.log(reached ? `${env}: mean return ≥ ${target} at step ${reached.step}, after ${reached.seconds.toFixed(1)} s` : `${env}: mean return stayed below ${target}`);
