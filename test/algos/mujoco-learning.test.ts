// PPO learns InvertedPendulum-v5: with CleanRL's ppo_continuous_action.py settings (policygrad's
// continuous PPO defaults: 1 env × 2048 steps, 10 epochs, 32 minibatches, observation and reward
// normalisation) and seed 1, the mean return of the last 100 episodes reaches the maximum, 1,000
// (Gymnasium's threshold is 950), within 150,000 steps; a random policy averages under 10. The
// run is deterministic under its seed (no wall-clock condition); it stops as soon as it reaches 1,000.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../src/envs/registry.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';

test('PPO reaches a mean return of 1,000 on InvertedPendulum-v5 within 150,000 steps', async () => {
  await prepareEnv('InvertedPendulum-v5');
  const trainer = await Trainer.create(resolveTrainingSettings('ppo', 'InvertedPendulum-v5', { seed: 1, totalSteps: 150_000 }));
  let best = 0;
  while (!trainer.done && best < 1000) best = Math.max(best, (await trainer.step()).episodic_return ?? 0);
  assert.ok(best >= 1000, `best mean return of the last 100 episodes: ${best} after ${trainer.agent.globalStep} steps`);
});

test.run();
