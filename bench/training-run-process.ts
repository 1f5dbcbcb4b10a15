// One whole training run with the algorithm's defaults and the environment's preset (CartPole-v1
// unless ENV names another), in a fresh process, as `policygrad train` runs it (the Trainer) but
// writing no run folder: bench/pytorch-peers.ts runs it beside the PyTorch peers, which print the
// same JSON line, and bench/threads.ts on one thread and on two.
// Usage: node dist/bench/training-run-process.js ppo|trpo STEPS [SEED] [ENV] [THREADS]
//   → {"steps", "seconds", "steps_per_second", "final_return"}: the steps trained (whole
//   iterations), the training loop's wall seconds (the Trainer's creation left out, as the peers
//   leave theirs out), the mean return of the last 100 episodes, and a digest of the final actor
//   and critic parameters (their f64 bits, FNV-1a), which two runs agree on exactly when they
//   computed the same bits.
import { prepareEnv } from '../src/envs/registry.js';
import { resolveTrainingSettings } from '../src/train/settings.js';
import { Trainer } from '../src/train/trainer.js';

const [algo, steps, seed = '1', env = 'CartPole-v1', threads = '1'] = process.argv.slice(2);
if ((algo !== 'ppo' && algo !== 'trpo') || !Number.isInteger(Number(steps)) || !Number.isInteger(Number(seed)) || (threads !== '1' && threads !== '2')) {
  console.error('usage: node dist/bench/training-run-process.js ppo|trpo STEPS [SEED] [ENV] [THREADS: 1|2]');
  process.exit(2);
}
await prepareEnv(env);
const trainer = await Trainer.create(resolveTrainingSettings(algo, env, { seed: Number(seed), totalSteps: Number(steps) }), { threads: Number(threads) as 1 | 2 });
let finalReturn = Number.NaN;
const start = performance.now();
while (!trainer.done) finalReturn = (await trainer.step()).episodic_return;
const seconds = (performance.now() - start) / 1000;
const trained = trainer.agent.globalStep;
const parameters = [...(await trainer.agent.policy.getParameters()), ...(await trainer.agent.critic.readParameters())];
console.log(JSON.stringify({ steps: trained, seconds, steps_per_second: trained / seconds, final_return: Number.isNaN(finalReturn) ? null : finalReturn, parameters_digest: digest(parameters) }));

/** FNV-1a over the values' f64 bytes, as 8 hex digits. */
function digest(values: readonly number[]): string {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
