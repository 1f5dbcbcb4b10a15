// Environment and collection throughput: raw steps per second per environment, through the vector
// env and through the collector, and the collector's share of a PPO iteration's work.
// Run: npm run build && node dist/bench/envs.js
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/backends/create-engine.js';
import type { WasmMLP } from '../src/backends/wasm/wasm-mlp.js';
import type { ClassicControlEnv } from '../src/envs/env.js';
import { make, registeredIds } from '../src/envs/registry.js';
import { makeVec } from '../src/envs/vector-env.js';
import { Random } from '../src/random/prng.js';
import { Collector } from '../src/rollout/collector.js';
import type { RolloutPolicy } from '../src/rollout/rollout-policy.js';
import { measure } from './measure.js';

/** Steps per benchmark call, so that the timer's and tinybench's own overhead vanish. */
const stepsPerCall = 20_000;

const rate = (steps: number, milliseconds: number) => `${((steps / milliseconds) * 1e3 / 1e6).toFixed(2)} M steps/s`;

/** One call: `stepsPerCall` allocation-free steps of `env` with cycling actions, resetting at episode ends. */
function rawSteps(id: string): () => void {
  const env = make(id) as ClassicControlEnv<number | Float32Array>;
  env.reset({ seed: 0 });
  const discrete = 'n' in env.actionSpace;
  const n = discrete ? (env.actionSpace as { n: number }).n : 0;
  const box = new Float32Array([0.5]);
  return () => {
    for (let t = 0; t < stepsPerCall; t++) {
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
    for (let t = 0; t < stepsPerCall; t++) {
      const [, , terminated, truncated] = env.step(t & 1);
      if (terminated || truncated) env.reset();
    }
  };
}

/** A policy with no model: alternating actions, zero values and log-probabilities. */
const trivialPolicy: RolloutPolicy = {
  act(_observations, count, out) {
    for (let i = 0; i < count; i++) {
      out.actions[i] = (out.actions[i]! + 1 + i) & 1;
      out.values[i] = 0;
      out.logProbs[i] = 0;
    }
  },
  values(_observations, count, out) {
    out.fill(0, 0, count);
  },
};

/** CleanRL's CartPole actor and critic (4-64-64 tanh) on the wasm backend; categorical sampling. */
function mlpPolicy(actor: WasmMLP, critic: WasmMLP, random: Random): RolloutPolicy {
  return {
    act(observations, count, out) {
      const logits = actor.forward(observations.subarray(0, count * 4), count);
      for (let i = 0; i < count; i++) {
        const a = logits[2 * i]!;
        const b = logits[2 * i + 1]!;
        const max = Math.max(a, b);
        const logNormalizer = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
        const action = random.uniform() < Math.exp(b - logNormalizer) ? 1 : 0;
        out.actions[i] = action;
        out.logProbs[i] = (action === 1 ? b : a) - logNormalizer;
      }
      out.values.set(critic.forward(observations.subarray(0, count * 4), count).subarray(0, count));
    },
    values(observations, count, out) {
      out.set(critic.forward(observations.subarray(0, count * 4), count).subarray(0, count));
    },
  };
}

/** Measures one raw task in this process and prints its median milliseconds; main runs each in a fresh process. */
async function rawTask(name: string): Promise<void> {
  const timings = await measure({ [name]: name === gymnasiumTask ? gymnasiumSteps() : rawSteps(name) }, 1500);
  console.log(JSON.stringify(timings[name]!.medianMs));
}

const gymnasiumTask = 'CartPole-v1 step() (fresh arrays)';

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);

  // Each environment in its own process: one program trains on one environment type, and sharing
  // the benchmark loop between five classes would make its call sites megamorphic.
  console.log('\nRaw environment steps (stepInPlace, one env, resets included; fresh process each):');
  for (const name of [...registeredIds().slice(0, 5), gymnasiumTask]) {
    const period = Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--raw', name], { encoding: 'utf8' }).trim());
    console.log(`  ${name.padEnd(36)} ${rate(stepsPerCall, period)}`);
  }

  // CleanRL's CartPole PPO shape: 4 envs × 128 steps per rollout.
  const numEnvs = 4;
  const stepsPerEnv = 128;
  const rollout = numEnvs * stepsPerEnv;
  const vector = makeVec('CartPole-v1', numEnvs);
  vector.reset(0);
  const actions = new Int32Array(numEnvs);
  const trivialCollector = new Collector(makeVec('CartPole-v1', numEnvs), trivialPolicy, { stepsPerEnv, seed: 0 });

  const engine = await createEngine({ dtype: 'f32' });
  const random = new Random(0);
  const actor = engine.createMLP({ sizes: [4, 64, 64, 2], activations: ['tanh', 'tanh', 'identity'] }, { maxBatch: 128 });
  const critic = engine.createMLP({ sizes: [4, 64, 64, 1], activations: ['tanh', 'tanh', 'identity'] }, { maxBatch: 128 });
  actor.initOrthogonal(random, [Math.SQRT2, Math.SQRT2, 0.01]);
  critic.initOrthogonal(random, [Math.SQRT2, Math.SQRT2, 1]);
  const mlpCollector = new Collector(makeVec('CartPole-v1', numEnvs), mlpPolicy(actor, critic, random), { stepsPerEnv, seed: 0 });
  // The update's network work in CleanRL's defaults: 4 epochs × 4 minibatches of 128, actor and critic forward + backward.
  const minibatch = new Float32Array(128 * 4).map(() => random.normal());
  const actorGrad = new Float32Array(128 * 2).fill(1 / 128);
  const criticGrad = new Float32Array(128).fill(1 / 128);
  const update = () => {
    for (let k = 0; k < 16; k++) {
      actor.forward(minibatch, 128);
      actor.backward(actorGrad);
      critic.forward(minibatch, 128);
      critic.backward(criticGrad);
    }
  };

  const timings = await measure({
    'vector env step (4 × CartPole)': () => {
      for (let t = 0; t < stepsPerEnv; t++) {
        actions[0] = actions[1] = actions[2] = actions[3] = t & 1;
        vector.step(actions);
      }
    },
    'collector, trivial policy': () => trivialCollector.collect(),
    'collector, MLP policy (wasm f32)': () => mlpCollector.collect(),
    'update proxy (16 × fwd+bwd, batch 128)': update,
  }, 1500);
  const collection = new Map(Object.entries(timings).map(([name, timing]) => [name, timing.medianMs]));
  console.log(`\nCollection, CartPole-v1, ${numEnvs} envs × ${stepsPerEnv} steps per rollout:`);
  for (const [name, period] of collection) {
    console.log(`  ${name.padEnd(40)} ${period.toFixed(3)} ms per rollout${name.startsWith('update') ? '' : `  (${rate(rollout, period)})`}`);
  }
  const vectorMs = collection.get('vector env step (4 × CartPole)')!;
  const trivialMs = collection.get('collector, trivial policy')!;
  const mlpMs = collection.get('collector, MLP policy (wasm f32)')!;
  const updateMs = collection.get('update proxy (16 × fwd+bwd, batch 128)')!;
  const iteration = mlpMs + updateMs;
  console.log(`\nCollector overhead (trivial-policy collect − bare vector env): ${(trivialMs - vectorMs).toFixed(3)} ms per rollout`);
  console.log(`Proxy PPO iteration (MLP-policy collect + update proxy): ${iteration.toFixed(3)} ms`);
  console.log(`Collector's own share of the proxy iteration: ${(((trivialMs - vectorMs) / iteration) * 100).toFixed(2)} %; with the env steps: ${((trivialMs / iteration) * 100).toFixed(2)} %`);
}

if (process.argv[2] === '--raw') await rawTask(process.argv[3]!);
else await main();
