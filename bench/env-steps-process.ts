// One raw environment-stepping measurement, run in a fresh process by benchmarkEnvs: a program
// that trains on one env type keeps its call sites monomorphic, and so must its benchmark.
// Usage: node dist/bench/env-steps-process.js ID   → prints the median ms per call as JSON.
import type { ClassicControlEnv } from '../src/envs/env.js';
import { make } from '../src/envs/registry.js';
import { GYMNASIUM_TASK, STEPS_PER_CALL } from './envs.js';
import { measure } from './measure.js';

/** One call: `STEPS_PER_CALL` allocation-free steps of `env` with cycling actions, resetting at episode ends. */
function rawSteps(id: string): () => void {
  const env = make(id) as ClassicControlEnv<number | Float32Array>;
  env.reset({ seed: 0 });
  const discrete = 'n' in env.actionSpace;
  const n = discrete ? (env.actionSpace as { n: number }).n : 0;
  const box = new Float32Array([0.5]);
  return () => {
    for (let t = 0; t < STEPS_PER_CALL; t++) {
      if (discrete) env.stepInPlace(t % n);
      else {
        box[0] = (t & 1) === 0 ? 0.5 : -0.5;
        env.stepInPlace(box);
      }
      if (env.terminated || env.truncated) env.resetInPlace();
    }
  };
}

/** CartPole through Gymnasium's `step()`, which returns a fresh observation array and tuple each call. */
function gymnasiumSteps(): () => void {
  const env = make('CartPole-v1');
  env.reset({ seed: 0 });
  return () => {
    for (let t = 0; t < STEPS_PER_CALL; t++) {
      const [, , terminated, truncated] = env.step(t & 1);
      if (terminated || truncated) env.reset();
    }
  };
}

const name = process.argv[2]!;
const timings = await measure({ [name]: name === GYMNASIUM_TASK ? gymnasiumSteps() : rawSteps(name) }, 1500);
console.log(JSON.stringify(timings[name]!.medianMs));
