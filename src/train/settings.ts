// Every training setting, with its type, default, range and a one-line doc (CleanRL's config
// style), per algorithm; and the per-environment presets (rl-baselines3-zoo's practice).
// `resolveTrainingSettings` layers defaults, preset and overrides and reports every problem at once.
import { registeredIds } from '../envs/registry.js';
import { ConfigError, nearest, resolveSettings, type NumberSetting, type SettingsLayer, type SettingsSchema } from './settings-schema.js';
import { FISHER_METHODS } from '../policy/policy.js';
import { LINE_SEARCH_TESTS } from '../linalg/backtracking-line-search.js';

export const ALGORITHMS = ['ppo', 'trpo', 'npg', 'vpg', 'ppo-reuse'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

export type SettingValue = number | boolean | string | number[];
export type Schema = SettingsSchema;
export type Settings = Record<string, SettingValue>;

function numEnvs(value: number): NumberSetting {
  return { type: 'integer', default: value, min: 1, max: 1024, doc: 'parallel environments' };
}

function stepsPerEnv(value: number): NumberSetting {
  return { type: 'integer', default: value, min: 1, doc: 'steps per environment in each rollout; a batch is numEnvs × stepsPerEnv' };
}

const COMMON: Schema = {
  seed: { type: 'integer', default: 1, min: 0, max: 2 ** 32 - 1, doc: 'fixes everything: env resets, initial weights, action sampling, minibatch order' },
  totalSteps: { type: 'integer', default: 500_000, min: 1, doc: 'environment steps to train for' },
  numEnvs: numEnvs(4),
  stepsPerEnv: stepsPerEnv(128),
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, doc: 'discount γ applied to future rewards' },
  gaeLambda: { type: 'number', default: 0.95, min: 0, max: 1, doc: 'GAE λ (0: the one-step advantage, 1: the discounted return)' },
  hiddenSizes: { type: 'integer-list', default: [64, 64], min: 1, max: 4096, doc: 'hidden layer widths of actor and critic' },
  activation: { type: 'enum', default: 'tanh', choices: ['tanh', 'relu'], doc: 'activation of the hidden layers' },
  normalizeObservations: { type: 'boolean', default: false, doc: 'running normalisation of observations, clipped to ±10' },
  normalizeRewards: { type: 'boolean', default: false, doc: 'scale rewards by the running spread of the discounted return, clipped to ±10' },
  normalizeAdvantages: { type: 'boolean', default: true, doc: 'standardise advantages (per minibatch for PPO, per batch otherwise)' },
};

const CRITIC: Schema = {
  criticLearningRate: { type: 'number', default: 1e-3, exclusiveMin: 0, doc: 'Adam learning rate of the separately trained critic' },
  criticEpochs: { type: 'integer', default: 10, min: 1, doc: 'passes of critic regression over each batch' },
  criticMinibatchSize: { type: 'integer', default: 128, min: 1, doc: 'rows per critic minibatch' },
};

const NATURAL: Schema = {
  maxKL: { type: 'number', default: 0.01, exclusiveMin: 0, doc: 'δ, the trust region radius in mean KL' },
  cgIterations: { type: 'integer', default: 15, min: 1, doc: 'conjugate gradient iterations' },
  cgDamping: { type: 'number', default: 0.1, min: 0, doc: 'damping λ added to the Fisher matrix' },
  fisher: { type: 'enum', default: 'analytic', choices: FISHER_METHODS, doc: 'Fisher–vector product: analytic JᵀMJ, exact KL Hessian, or sampled scores' },
};

const PPO: Schema = {
  learningRate: { type: 'number', default: 2.5e-4, exclusiveMin: 0, doc: 'Adam learning rate' },
  annealLearningRate: { type: 'boolean', default: true, doc: 'anneal the learning rate linearly to 0' },
  adamEpsilon: { type: 'number', default: 1e-5, exclusiveMin: 0, doc: 'Adam ε added to the denominator' },
  minibatches: { type: 'integer', default: 4, min: 1, doc: 'minibatches per epoch' },
  epochs: { type: 'integer', default: 4, min: 1, doc: 'passes over each batch' },
  clipCoef: { type: 'number', default: 0.2, exclusiveMin: 0, doc: 'ε of the clipped surrogate' },
  clipValueLoss: { type: 'boolean', default: true, doc: 'clip the value function change to ±clipCoef' },
  entropyCoef: { type: 'number', default: 0.01, min: 0, doc: 'entropy bonus coefficient' },
  valueCoef: { type: 'number', default: 0.5, min: 0, doc: 'value loss coefficient' },
  maxGradNorm: { type: 'number', default: 0.5, exclusiveMin: 0, doc: 'global gradient norm bound' },
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
    numEnvs: numEnvs(1),
    stepsPerEnv: stepsPerEnv(2048),
    lineSearchShrink: { type: 'number', default: 0.8, exclusiveMin: 0, max: 1, doc: 'factor α of the backtracking line search' },
    lineSearchSteps: { type: 'integer', default: 10, min: 1, doc: 'line search candidates' },
    lineSearchTest: { type: 'enum', default: 'constraint-improvement', choices: LINE_SEARCH_TESTS, doc: "accept on the KL constraint alone ('constraint') or also require improvement" },
  },
  npg: {
    ...COMMON,
    ...NATURAL,
    ...CRITIC,
    numEnvs: numEnvs(1),
    stepsPerEnv: stepsPerEnv(2048),
  },
  vpg: {
    ...COMMON,
    ...CRITIC,
    learningRate: { type: 'number', default: 1e-3, exclusiveMin: 0, doc: 'Adam learning rate of the policy (one step per batch)' },
    entropyCoef: { type: 'number', default: 0, min: 0, doc: 'entropy bonus coefficient' },
  },
};

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
 * Defaults, then the environment's preset (unless `usePreset` is false), then `layers` (a
 * `--config` file, `--set` flags, or one object of overrides); every unknown key, wrong type,
 * out-of-range value and inconsistency is reported in one {@link ConfigError}.
 */
export function resolveTrainingSettings(
  algo: string, env: string, layers: readonly SettingsLayer[] | Record<string, unknown> = [], usePreset = true,
): ResolvedSettings {
  const problems: string[] = [];
  if (!(ALGORITHMS as readonly string[]).includes(algo)) {
    const guess = nearest(algo, ALGORITHMS);
    problems.push(`algo: unknown algorithm '${algo}'${guess ? `; did you mean '${guess}'?` : ''}; expected one of ${ALGORITHMS.join(', ')}`);
  }
  if (!registeredIds().includes(env)) {
    const guess = nearest(env, registeredIds());
    problems.push(`env: unknown environment '${env}'${guess ? `; did you mean '${guess}'?` : ''}; registered: ${registeredIds().join(', ')}`);
  }
  // With an unknown algorithm there is no schema to check against; with an unknown environment
  // the settings are still checked, so that one message lists everything.
  if (!(ALGORITHMS as readonly string[]).includes(algo)) throw new ConfigError(problems);
  const name = algo as AlgorithmName;
  const userLayers = Array.isArray(layers) ? layers : [{ source: 'settings', values: layers as Record<string, unknown> }];
  const preset = usePreset && problems.length === 0 ? [{ source: `preset ${name}/${env}`, values: presetFor(name, env) }] : [];
  const resolved = resolveSettings(SCHEMAS[name], [...preset, ...userLayers]);
  const settings = resolved.settings as Settings;
  problems.push(...resolved.problems, ...crossChecks(name, settings));
  if (problems.length > 0) throw new ConfigError(problems);
  return { algo: name, env, settings };
}

export function presetFor(algo: AlgorithmName, env: string): Settings {
  const continuous = env === 'Pendulum-v1' || env === 'MountainCarContinuous-v0';
  const base = continuous && (algo === 'ppo' || algo === 'ppo-reuse') ? CONTINUOUS_PPO : {};
  return { ...base, ...(PRESETS[env]?.[algo] ?? {}) };
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
