// PPO's speed on CartPole-v1 with CleanRL's defaults, through the public API of any build, in a
// fresh process: bench/compare-builds.ts runs it against this checkout's dist/ and another's.
// Usage: node dist/bench/ppo-iterations-process.js PATH/TO/dist/src/index.js
//   → prints env steps per second (one iteration's 512 steps over its median time) as JSON.
import { pathToFileURL } from 'node:url';
import { measure } from './measure.js';

const api = await import(pathToFileURL(process.argv[2]!).href);
const trainer = await api.Trainer.create(api.resolveTrainingSettings('ppo', 'CartPole-v1', { seed: 1 }));
// Past the first iterations, where episodes are short and the rollout's share differs.
for (let i = 0; i < 20; i++) await trainer.step();
const timing = await measure({ iteration: () => trainer.step() }, 1500);
console.log(JSON.stringify((512 / timing.iteration!.medianMs) * 1e3));
