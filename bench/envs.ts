// Environment and collection throughput: raw steps per second per environment, through the vector
// env and through the collector, and the collector's share of a PPO iteration's work.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/backends/create-engine.js';
import type { WasmMLP } from '../src/backends/wasm/wasm-mlp.js';
import { registeredIds } from '../src/envs/registry.js';
import { makeVec } from '../src/envs/vector-env.js';
import { Random } from '../src/random/prng.js';
import { Collector } from '../src/rollout/collector.js';
import type { RolloutPolicy } from '../src/rollout/rollout-policy.js';
import { measure } from './measure.js';

/** Steps per raw-stepping benchmark call, so that the timer's and tinybench's own overhead vanish. */
export const STEPS_PER_CALL = 20_000;
/** The task that steps CartPole through Gymnasium's `step()`, which allocates each call. */
export const GYMNASIUM_TASK = 'CartPole-v1 step() (fresh arrays)';

export interface EnvStepsRow {
  environment: string;
  stepsPerSecond: number;
}

export interface CollectionRow {
  task: string;
  msPerRollout: number;
  /** Environment steps per second; undefined for the update proxy, which steps no env. */
  stepsPerSecond: number | undefined;
}

export interface EnvBenchmark {
  raw: EnvStepsRow[];
  collection: CollectionRow[];
  /** Trivial-policy collect minus the bare vector env, ms per rollout. */
  collectorOverheadMs: number;
  /** MLP-policy collect + update proxy, ms. */
  proxyIterationMs: number;
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

/** Raw stepping of each built-in env (each in a fresh process), then CleanRL's CartPole collection shape. */
export async function benchmarkEnvs(): Promise<EnvBenchmark> {
  const worker = fileURLToPath(new URL('./env-steps-process.js', import.meta.url));
  const raw = [...registeredIds().slice(0, 5), GYMNASIUM_TASK].map((environment) => {
    const period = Number(execFileSync(process.execPath, [worker, environment], { encoding: 'utf8' }).trim());
    return { environment, stepsPerSecond: (STEPS_PER_CALL / period) * 1e3 };
  });
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
  const collection = Object.entries(timings).map(([task, timing]) => ({
    task,
    msPerRollout: timing.medianMs,
    stepsPerSecond: task.startsWith('update') ? undefined : (rollout / timing.medianMs) * 1e3,
  }));
  const ms = (task: string) => timings[task]!.medianMs;
  return {
    raw,
    collection,
    collectorOverheadMs: ms('collector, trivial policy') - ms('vector env step (4 × CartPole)'),
    proxyIterationMs: ms('collector, MLP policy (wasm f32)') + ms('update proxy (16 × fwd+bwd, batch 128)'),
  };
}
