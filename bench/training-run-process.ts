// One whole training run with the algorithm's defaults and the environment's preset (CartPole-v1
// unless ENV names another), in a fresh process, as `policygrad train` runs it (the Trainer) but
// writing no run folder: bench/pytorch-peers.ts runs it beside the PyTorch peers, which print the
// same JSON line.
// Usage: node dist/bench/training-run-process.js ppo|trpo STEPS [SEED] [ENV]
//   → {"steps", "seconds", "steps_per_second", "final_return"}: the steps trained (whole
//   iterations), the training loop's wall seconds (the Trainer's creation left out, as the peers
//   leave theirs out), and the mean return of the last 100 episodes.
import { prepareEnv } from '../src/envs/registry.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';

const [algo, steps, seed = '1', env = 'CartPole-v1'] = process.argv.slice(2);
if ((algo !== 'ppo' && algo !== 'trpo') || !Number.isInteger(Number(steps)) || !Number.isInteger(Number(seed))) {
  console.error('usage: node dist/bench/training-run-process.js ppo|trpo STEPS [SEED] [ENV]');
  process.exit(2);
}
await prepareEnv(env);
const trainer = await Trainer.create(resolveTrainingSettings(algo, env, { seed: Number(seed), totalSteps: Number(steps) }));
let finalReturn = Number.NaN;
const start = performance.now();
while (!trainer.done) finalReturn = (await trainer.step()).episodic_return;
const seconds = (performance.now() - start) / 1000;
const trained = trainer.agent.globalStep;
console.log(JSON.stringify({ steps: trained, seconds, steps_per_second: trained / seconds, final_return: Number.isNaN(finalReturn) ? null : finalReturn }));
