// Every training setting, with its type, default, range and a one-line doc (CleanRL's config
// style), per algorithm; and the per-environment presets (rl-baselines3-zoo's practice).
// `resolveSettings` layers defaults, preset and overrides and reports every problem at once.
import { registeredIds } from '../envs/registry.js';
import { FISHER_METHODS } from '../policy/policy.js';
import { LINE_SEARCH_TESTS } from '../linalg/backtracking-line-search.js';

export const ALGORITHMS = ['ppo', 'trpo', 'npg', 'vpg', 'ppo-reuse'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export type SettingValue = number | boolean | string | number[];

export interface SettingSpec {
  type: 'number' | 'integer' | 'boolean' | 'enum' | 'integer-list';
  default: SettingValue;
  /** Inclusive bounds; `exclusiveMin` makes the lower one strict. */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  choices?: readonly string[];
  doc: string;
}

export type Schema = Record<string, SettingSpec>;

const COMMON: Schema = {
  seed: { type: 'integer', default: 1, min: 0, max: 2 ** 32 - 1, doc: 'fixes everything: env resets, initial weights, action sampling, minibatch order' },
  totalSteps: { type: 'integer', default: 500_000, min: 1, doc: 'environment steps to train for' },
  numEnvs: { type: 'integer', default: 4, min: 1, max: 1024, doc: 'parallel environments' },
  stepsPerEnv: { type: 'integer', default: 128, min: 1, doc: 'steps per environment in each rollout' },
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, doc: 'discount γ applied to future rewards' },
  gaeLambda: { type: 'number', default: 0.95, min: 0, max: 1, doc: 'GAE λ (0: the one-step advantage, 1: the discounted return)' },
  hiddenSizes: { type: 'integer-list', default: [64, 64], min: 1, max: 4096, doc: 'hidden layer widths of actor and critic' },
  activation: { type: 'enum', default: 'tanh', choices: ['tanh', 'relu'], doc: 'activation of the hidden layers' },
  normalizeObservations: { type: 'boolean', default: false, doc: 'running normalisation of observations, clipped to ±10' },
  normalizeRewards: { type: 'boolean', default: false, doc: 'scale rewards by the running spread of the discounted return, clipped to ±10' },
  normalizeAdvantages: { type: 'boolean', default: true, doc: 'standardise advantages (per minibatch for PPO, per batch otherwise)' },
};

const CRITIC: Schema = {
  criticLearningRate: { type: 'number', default: 1e-3, min: 0, exclusiveMin: true, doc: 'Adam learning rate of the separately trained critic' },
  criticEpochs: { type: 'integer', default: 10, min: 1, doc: 'passes of critic regression over each batch' },
  criticMinibatchSize: { type: 'integer', default: 128, min: 1, doc: 'rows per critic minibatch' },
};

const NATURAL: Schema = {
  maxKL: { type: 'number', default: 0.01, min: 0, exclusiveMin: true, doc: 'δ, the trust region radius in mean KL' },
  cgIterations: { type: 'integer', default: 15, min: 1, doc: 'conjugate gradient iterations' },
  cgDamping: { type: 'number', default: 0.1, min: 0, doc: 'damping λ added to the Fisher matrix' },
  fisher: { type: 'enum', default: 'analytic', choices: FISHER_METHODS, doc: 'Fisher–vector product: analytic JᵀMJ, exact KL Hessian, or sampled scores' },
};

const PPO: Schema = {
  learningRate: { type: 'number', default: 2.5e-4, min: 0, exclusiveMin: true, doc: 'Adam learning rate' },
  annealLearningRate: { type: 'boolean', default: true, doc: 'anneal the learning rate linearly to 0' },
  adamEpsilon: { type: 'number', default: 1e-5, min: 0, exclusiveMin: true, doc: 'Adam ε added to the denominator' },
  minibatches: { type: 'integer', default: 4, min: 1, doc: 'minibatches per epoch' },
  epochs: { type: 'integer', default: 4, min: 1, doc: 'passes over each batch' },
  clipCoef: { type: 'number', default: 0.2, min: 0, exclusiveMin: true, doc: 'ε of the clipped surrogate' },
  clipValueLoss: { type: 'boolean', default: true, doc: 'clip the value function change to ±clipCoef' },
  entropyCoef: { type: 'number', default: 0.01, min: 0, doc: 'entropy bonus coefficient' },
  valueCoef: { type: 'number', default: 0.5, min: 0, doc: 'value loss coefficient' },
  maxGradNorm: { type: 'number', default: 0.5, min: 0, exclusiveMin: true, doc: 'global gradient norm bound' },
  targetKL: { type: 'number', default: 0, min: 0, doc: 'stop an update’s epochs once approx_kl exceeds this (0: never)' },
};

export const SCHEMAS: Record<AlgorithmName, Schema> = {
  ppo: { ...COMMON, ...PPO },
  'ppo-reuse': {
    ...COMMON,
    ...PPO,
    bufferRollouts: { type: 'integer', default: 4, min: 1, doc: 'rollouts of trajectories the experience buffer holds; the oldest are dropped' },
  },
  trpo: {
    ...COMMON,
    ...NATURAL,
    ...CRITIC,
    numEnvs: { ...COMMON.numEnvs!, default: 1 },
    stepsPerEnv: { ...COMMON.stepsPerEnv!, default: 2048 },
    lineSearchShrink: { type: 'number', default: 0.8, min: 0, max: 1, exclusiveMin: true, doc: 'factor α of the backtracking line search' },
    lineSearchSteps: { type: 'integer', default: 10, min: 1, doc: 'line search candidates' },
    lineSearchTest: { type: 'enum', default: 'constraint-improvement', choices: LINE_SEARCH_TESTS, doc: "accept on the KL constraint alone ('constraint') or also require improvement" },
  },
  npg: {
    ...COMMON,
    ...NATURAL,
    ...CRITIC,
    numEnvs: { ...COMMON.numEnvs!, default: 1 },
    stepsPerEnv: { ...COMMON.stepsPerEnv!, default: 2048 },
  },
  vpg: {
    ...COMMON,
    ...CRITIC,
    learningRate: { type: 'number', default: 1e-3, min: 0, exclusiveMin: true, doc: 'Adam learning rate of the policy (one step per batch)' },
    entropyCoef: { type: 'number', default: 0, min: 0, doc: 'entropy bonus coefficient' },
  },
};

export type Settings = Record<string, SettingValue>;

/** rl-baselines3-zoo's `normalize: true`: observations and rewards. */
const NORMALIZE: Settings = { normalizeObservations: true, normalizeRewards: true };

/**
 * Per environment, per algorithm: the settings that differ from the defaults, after
 * rl-baselines3-zoo's tuned hyperparameters (hyperparams/ppo.yml, trpo.yml) where they exist and
 * do not rely on features policygrad lacks (gSDE). CartPole-v1 and Acrobot-v1 need none: CleanRL's
 * PPO defaults and sb3-contrib's TRPO defaults solve them.
 */
export const PRESETS: Record<string, Partial<Record<AlgorithmName, Settings>>> = {
  'Pendulum-v1': {
    ppo: { numEnvs: 4, stepsPerEnv: 1024, gamma: 0.9, learningRate: 1e-3, epochs: 10, minibatches: 64 },
    'ppo-reuse': { numEnvs: 4, stepsPerEnv: 1024, gamma: 0.9, learningRate: 1e-3, epochs: 10, minibatches: 64, bufferRollouts: 2 },
    trpo: { numEnvs: 2, stepsPerEnv: 1024, gamma: 0.9, criticEpochs: 20 },
    npg: { numEnvs: 2, stepsPerEnv: 1024, gamma: 0.9, criticEpochs: 20 },
    vpg: { gamma: 0.9, ...NORMALIZE },
  },
  'MountainCar-v0': {
    ppo: { ...NORMALIZE, numEnvs: 16, stepsPerEnv: 16, gaeLambda: 0.98, epochs: 4, entropyCoef: 0, minibatches: 4, learningRate: 3e-4, annealLearningRate: false },
    trpo: { ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024, criticEpochs: 20 },
    npg: { ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024, criticEpochs: 20 },
  },
  'MountainCarContinuous-v0': {
    trpo: { ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024 },
    npg: { ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024 },
  },
};

/** The defaults of a continuous-control PPO (CleanRL's ppo_continuous_action.py). */
export const CONTINUOUS_PPO: Settings = {
  numEnvs: 1, stepsPerEnv: 2048, learningRate: 3e-4, minibatches: 32, epochs: 10, entropyCoef: 0, ...NORMALIZE,
};

export interface ResolvedSettings {
  algo: AlgorithmName;
  env: string;
  settings: Settings;
}

/**
 * Defaults, then the environment's preset (`preset: 'none'` skips it), then `overrides`; every
 * unknown key, wrong type and out-of-range value is reported in one error.
 */
export function resolveSettings(algo: string, env: string, overrides: Record<string, unknown> = {}, usePreset = true): ResolvedSettings {
  const problems: string[] = [];
  if (!(ALGORITHMS as readonly string[]).includes(algo)) problems.push(`algo: unknown algorithm '${algo}'; expected one of ${ALGORITHMS.join(', ')}`);
  if (!registeredIds().includes(env)) problems.push(`env: unknown environment '${env}'; registered: ${registeredIds().join(', ')}`);
  if (problems.length > 0) throw new SettingsError(problems);
  const schema = SCHEMAS[algo as AlgorithmName];
  const settings: Settings = Object.fromEntries(Object.entries(schema).map(([key, spec]) => [key, spec.default]));
  const preset = usePreset ? presetFor(algo as AlgorithmName, env) : {};
  for (const [layer, values] of [['preset', preset], ['settings', overrides]] as const) {
    for (const [key, value] of Object.entries(values)) {
      const spec = schema[key];
      if (spec === undefined) {
        problems.push(`${key}: unknown setting for ${algo}${suggestion(key, Object.keys(schema))}`);
        continue;
      }
      const problem = checkValue(value, spec);
      if (problem) problems.push(`${key}: ${problem}${layer === 'preset' ? ' (in the preset)' : ''}`);
      else settings[key] = value as SettingValue;
    }
  }
  problems.push(...crossChecks(algo as AlgorithmName, settings));
  if (problems.length > 0) throw new SettingsError(problems);
  return { algo: algo as AlgorithmName, env, settings };
}

export function presetFor(algo: AlgorithmName, env: string): Settings {
  const continuous = env === 'Pendulum-v1' || env === 'MountainCarContinuous-v0';
  const base = continuous && (algo === 'ppo' || algo === 'ppo-reuse') ? CONTINUOUS_PPO : {};
  return { ...base, ...(PRESETS[env]?.[algo] ?? {}) };
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings (${problems.length}):\n  ${problems.join('\n  ')}`);
    this.name = 'SettingsError';
  }
}

function checkValue(value: unknown, spec: SettingSpec): string | undefined {
  const range = (x: number) => {
    if (spec.min !== undefined && (spec.exclusiveMin ? x <= spec.min : x < spec.min)) return `must be ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}, got ${x}`;
    if (spec.max !== undefined && x > spec.max) return `must be ≤ ${spec.max}, got ${x}`;
    return undefined;
  };
  switch (spec.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? range(value) : `must be a finite number, got ${JSON.stringify(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? range(value) : `must be an integer, got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.choices!.includes(value) ? undefined : `must be one of ${spec.choices!.join(', ')}, got ${JSON.stringify(value)}`;
    case 'integer-list':
      if (!Array.isArray(value) || value.length === 0 || !value.every((x) => Number.isInteger(x))) return `must be a non-empty list of integers, got ${JSON.stringify(value)}`;
      return value.map(range).find((p) => p !== undefined);
  }
}

function crossChecks(algo: AlgorithmName, s: Settings): string[] {
  const problems: string[] = [];
  const batch = (s.numEnvs as number) * (s.stepsPerEnv as number);
  if ((algo === 'ppo' || algo === 'ppo-reuse') && (s.minibatches as number) > batch) {
    problems.push(`minibatches: ${s.minibatches} minibatches of a ${batch}-step batch (numEnvs × stepsPerEnv) leave less than one step each`);
  }
  if ('criticMinibatchSize' in s && (s.criticMinibatchSize as number) > batch) {
    problems.push(`criticMinibatchSize: ${s.criticMinibatchSize} is larger than the ${batch}-step batch (numEnvs × stepsPerEnv)`);
  }
  if ((s.totalSteps as number) < batch) problems.push(`totalSteps: ${s.totalSteps} is less than one ${batch}-step batch`);
  return problems;
}

function suggestion(key: string, known: string[]): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  const best = known.map((k) => [k, distance(key, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, key.length / 3) ? ` (did you mean '${best[0]}'?)` : `; known settings: ${known.join(', ')}`;
}
