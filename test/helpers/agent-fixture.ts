// The high-level Agent's round trip, by the same code in Node and in a page (which imports this
// file compiled, from /dist/test/helpers/): create, learn with a callback, toBytes, fromBytes,
// predict with both, learn on with both. test/browser/agent.test.ts compares the records of the
// two engines bit for bit, and within each engine the loaded agent with its original.
import { Agent } from '../../src/index.js';
import { Corridor } from './corridor.js';

/**
 * PPO on CartPole-v1 and on a user's environment (test/helpers/corridor.ts, not registered: given
 * as a factory), each: learn 2 iterations of 64 steps, toBytes, fromBytes and toBytes again, the
 * greedy actions of both on 16 observations, then 2 more iterations with both. Entries are named
 * `ENV WHO WHAT`: WHO is first (before the checkpoint), original or loaded; WHAT a metric (`sps`
 * left out: wall clock), `actions`, or `bytes` (the checkpoint's, one number per byte).
 */
export async function agentRoundTrip(): Promise<Record<string, number[]>> {
  const numbers: Record<string, number[]> = {};
  const add = (name: string, value: number) => (numbers[name] ??= []).push(value);
  for (const [name, env] of [['CartPole-v1', 'CartPole-v1'], ['Corridor-v0', () => new Corridor()]] as const) {
    const agent = await Agent.create({ algo: 'ppo', env, settings: { seed: 8, numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8, 8], minibatches: 2 } });
    const record = (who: string) => ({ metrics }: { metrics: Readonly<Record<string, number>> }) => {
      for (const [key, value] of Object.entries(metrics)) if (key !== 'sps') add(`${name} ${who} ${key}`, value);
    };
    await agent.learn(128, { callbacks: [record('first')] });
    const bytes = await agent.toBytes();
    const loaded = await Agent.fromBytes(bytes, typeof env === 'string' ? {} : { env });
    numbers[`${name} original bytes`] = Array.from(bytes);
    numbers[`${name} loaded bytes`] = Array.from(await loaded.toBytes());
    const size = agent.observationSize;
    for (let i = 0; i < 16; i++) {
      // Exact arithmetic only, so that the observations are the same in every engine.
      const observation = Float32Array.from({ length: size }, (_, j) => ((i * 7 + j * 3) % 11) / 11 - 0.5);
      for (const [who, a] of [['original', agent], ['loaded', loaded]] as const) add(`${name} ${who} actions`, a.predict(observation) as number);
    }
    await agent.learn(128, { callbacks: [record('original')] });
    await loaded.learn(128, { callbacks: [record('loaded')] });
  }
  return numbers;
}
