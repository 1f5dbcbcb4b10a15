// Every number that the determinism promise covers, from one seed, by the same code in Node and in
// a page (which imports this file compiled, from /dist/test/helpers/): the random streams, each
// function of src/math on seeded arguments, the wasm MLP's products in f32 and f64, and the first
// iterations of every algorithm through the public API. The cross-engine test compares the two
// records bit for bit.
import { createEngine } from '../../src/backends/create-engine.js';
import * as math from '../../src/math/index.js';
import { softmaxCrossEntropy } from '../../src/nn/losses.js';
import { Random } from '../../src/random/prng.js';
import { ALGORITHMS, resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';

/** Draws per random stream and arguments per math function. */
export const DRAWS = 10_000;
/** Iterations of each algorithm on each environment. */
export const ITERATIONS = 3;
/** One discrete and one continuous environment; every algorithm supports both. */
export const ENVIRONMENTS = ['CartPole-v1', 'Pendulum-v1'] as const;
/**
 * Metrics derived from the wall clock, left out: `sps` is the batch size over the iteration's
 * seconds (src/train/trainer.ts).
 */
export const WALL_CLOCK_METRICS: readonly string[] = ['sps'];

/**
 * Small batches so that the whole fixture takes seconds; 2 × 128 steps per iteration, so that
 * Pendulum's 200-step episodes end within the run and episodic_return is a number, not NaN.
 * The environment's preset still applies (gamma, normalisation, epochs).
 */
const SMALL: Record<string, unknown> = { numEnvs: 2, stepsPerEnv: 128, totalSteps: 256 * ITERATIONS };
const PER_ALGORITHM: Record<(typeof ALGORITHMS)[number], Record<string, unknown>> = {
  ppo: { minibatches: 4 },
  'ppo-reuse': { minibatches: 4, bufferRollouts: 2 },
  trpo: { criticMinibatchSize: 64 },
  npg: { criticMinibatchSize: 64 },
  vpg: { criticMinibatchSize: 64 },
};

/** The scalar functions (sinCos writes sin and cos, the same bits, into an array: test/math/reduce-half-pi.test.ts). */
type MathName = Exclude<keyof typeof math, 'sinCos'>;
/** A source of arguments: `count` draws from `draw` (given the draw's index within the part). */
type Part = [count: number, draw: (random: Random, index: number) => number];

/** m·2^e with m uniform in [1, 2) and e uniform in [low, high]: a log-uniform spread, by exact arithmetic only. */
function logUniform(random: Random, low: number, high: number): number {
  let x = 1 + random.uniform();
  const e = low + random.integer(high - low + 1);
  for (let i = 0; i < Math.abs(e); i++) x = e > 0 ? x * 2 : x / 2;
  return x;
}
const signed = (random: Random, x: number) => (random.integer(2) === 0 ? x : -x);
const uniformIn = (low: number, high: number) => (random: Random) => random.uniformIn(low, high);
/** Values where functions have special cases: signed zeros, infinities, NaN, ±1. */
const SPECIALS = [0, -0, 1, -1, Infinity, -Infinity, NaN];

/** Per function, where its arguments come from; each part's count, summed, is DRAWS. */
const ARGUMENTS: Record<MathName, Part[][]> = {
  exp: [[[6000, uniformIn(-50, 50)], [3000, uniformIn(-745.2, 709.8)], [1000, (r) => signed(r, logUniform(r, -60, -1))]]],
  expm1: [[[6000, uniformIn(-50, 50)], [2000, uniformIn(-40, 709.8)], [2000, (r) => signed(r, logUniform(r, -60, -1))]]],
  log: [[[6000, (r) => logUniform(r, -1074, 1023)], [4000, uniformIn(0.5, 2)]]],
  log1p: [[[4000, uniformIn(-1, 1)], [4000, (r) => logUniform(r, -1074, 1023)], [2000, (r) => signed(r, logUniform(r, -60, -2))]]],
  sin: [[[7000, uniformIn(-1e6, 1e6)], [2000, uniformIn(-10, 10)], [1000, (r) => signed(r, logUniform(r, 20, 1023))]]],
  cos: [[[7000, uniformIn(-1e6, 1e6)], [2000, uniformIn(-10, 10)], [1000, (r) => signed(r, logUniform(r, 20, 1023))]]],
  tan: [[[7000, uniformIn(-1e6, 1e6)], [2000, uniformIn(-10, 10)], [1000, (r) => signed(r, logUniform(r, 20, 1023))]]],
  tanh: [[[8000, uniformIn(-20, 20)], [1000, uniformIn(-1, 1)], [1000, (r) => signed(r, logUniform(r, -60, 9))]]],
  atan: [[[5000, uniformIn(-10, 10)], [5000, (r) => signed(r, logUniform(r, -60, 1023))]]],
  // atan2(y, x): all four quadrants, the axes and the special values.
  atan2: [
    [[8000, uniformIn(-10, 10)], [1951, (r) => signed(r, logUniform(r, -60, 60))], [49, (_, i) => SPECIALS[Math.floor(i / 7)]!]],
    [[8000, uniformIn(-10, 10)], [1951, (r) => signed(r, logUniform(r, -60, 60))], [49, (_, i) => SPECIALS[i % 7]!]],
  ],
  // pow(x, y): positive bases with real exponents; negative bases with integer exponents.
  pow: [
    [[5000, (r) => logUniform(r, -30, 30)], [2000, uniformIn(0, 2)], [3000, uniformIn(-10, 0)]],
    [[5000, uniformIn(-30, 30)], [2000, uniformIn(-5, 5)], [3000, (r) => r.integer(61) - 30]],
  ],
};

/** The arguments of math function `name` for `seed`: one array per parameter. */
export function mathArguments(name: MathName, seed: number): number[][] {
  return ARGUMENTS[name].map((parts, parameter) => {
    const random = Random.derive(seed, 100 + parameter);
    const values: number[] = [];
    for (const [count, draw] of parts) for (let i = 0; i < count; i++) values.push(draw(random, i));
    if (values.length !== DRAWS) throw new Error(`${name}: ${values.length} arguments, not ${DRAWS}`);
    return values;
  });
}

/**
 * Every number, by name: `random uniform`, `random normal`, one entry per math function,
 * `f32 forward` … `f64 hvp`, and `ALGO ENV METRIC` with one value per iteration.
 */
export async function crossEngineFixture(seed: number): Promise<Record<string, number[]>> {
  const results: Record<string, number[]> = {};

  const uniform = new Random(seed);
  results['random uniform'] = Array.from({ length: DRAWS }, () => uniform.uniform());
  const normal = new Random(seed);
  results['random normal'] = Array.from({ length: DRAWS }, () => normal.normal());

  for (const name of Object.keys(ARGUMENTS) as MathName[]) {
    const [x, y] = mathArguments(name, seed);
    const f = math[name] as (a: number, b?: number) => number;
    results[name] = x!.map((a, i) => (y === undefined ? f(a) : f(a, y[i])));
  }

  for (const dtype of ['f32', 'f64'] as const) {
    const engine = await createEngine({ backend: 'wasm', dtype });
    const random = new Random(seed);
    const batch = 33;
    const mlp = engine.createMLP({ sizes: [4, 64, 64, 3], activations: ['tanh', 'relu', 'identity'] }, { maxBatch: batch });
    mlp.initOrthogonal(random);
    const inputs = Array.from({ length: batch * 4 }, () => random.normal());
    const loss = softmaxCrossEntropy(Array.from({ length: batch }, () => random.integer(3)), 3);
    const outputs = mlp.forward(inputs, batch);
    results[`${dtype} forward`] = Array.from(outputs);
    const gradOutputs = new Float64Array(outputs.length);
    loss.gradient(outputs, batch, gradOutputs);
    const gradients = mlp.backward(gradOutputs, { inputGradients: true });
    results[`${dtype} parameters`] = Array.from(mlp.parameters);
    results[`${dtype} gradient`] = Array.from(gradients.parameters);
    results[`${dtype} input gradient`] = Array.from(gradients.inputs!);
    const direction = Array.from({ length: mlp.layout.parameterCount }, () => random.normal());
    results[`${dtype} hvp`] = Array.from(mlp.hvp(direction, loss));
  }

  for (const env of ENVIRONMENTS) {
    for (const algo of ALGORITHMS) {
      const trainer = await Trainer.create(resolveTrainingSettings(algo, env, { seed, ...SMALL, ...PER_ALGORITHM[algo] }));
      for (let i = 0; i < ITERATIONS; i++) {
        const metrics = await trainer.step();
        for (const [metric, value] of Object.entries(metrics)) {
          if (!WALL_CLOCK_METRICS.includes(metric)) (results[`${algo} ${env} ${metric}`] ??= []).push(value);
        }
      }
    }
  }
  return results;
}
