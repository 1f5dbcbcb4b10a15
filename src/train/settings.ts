// The training settings of each algorithm, composed from the declarations of the parts that own
// them — the trainer (totalSteps), the agent (seed, envs, networks, normalisation), the algorithm
// (src/algos/*: its own, its critic's, its solver's and its line search's) — with the constraints
// between settings, and the per-environment presets (rl-baselines3-zoo's practice).
// `resolveTrainingSettings` layers defaults, preset and overrides and reports every problem at once.
import { NPG_SETTINGS } from '../algos/npg.js';
import { PPO_SETTINGS } from '../algos/ppo.js';
import { PPO_REUSE_SETTINGS } from '../algos/ppo-reuse.js';
import { TRPO_SETTINGS } from '../algos/trpo.js';
import { VPG_SETTINGS } from '../algos/vpg.js';
import { MAX_BATCH } from '../backends/backend.js';
import type { Env } from '../envs/env.js';
import { make, registeredIds } from '../envs/registry.js';
import { quote } from '../util/validate.js';
import { ConfigError, nearest, resolveSettings, throwIfProblems, type Settings, type SettingsLayer, type SettingsSchema } from '../util/settings-schema.js';
import { AGENT_SETTINGS } from './training-agent.js';

export const ALGORITHMS = ['ppo', 'trpo', 'npg', 'vpg', 'ppo-reuse'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];

/** The trainer's own setting, and the agent's. */
const { seed, ...AGENT_REST } = AGENT_SETTINGS;
const TRAINING_SETTINGS = {
  seed,
  totalSteps: { type: 'integer', default: 500_000, min: 1, doc: 'environment steps to train for' },
  ...AGENT_REST,
} as const satisfies SettingsSchema;

/** The natural-gradient algorithms' batch: one env × 2048 steps (sb3-contrib, Spinning Up). */
const ONE_LONG_ROLLOUT = {
  numEnvs: { ...AGENT_SETTINGS.numEnvs, default: 1 },
  stepsPerEnv: { ...AGENT_SETTINGS.stepsPerEnv, default: 2048 },
} as const;

/** Every setting of each algorithm: name, type, default, range and doc. */
export const SCHEMAS = {
  ppo: { ...TRAINING_SETTINGS, ...PPO_SETTINGS },
  'ppo-reuse': { ...TRAINING_SETTINGS, ...PPO_REUSE_SETTINGS },
  trpo: { ...TRAINING_SETTINGS, ...TRPO_SETTINGS, ...ONE_LONG_ROLLOUT },
  npg: { ...TRAINING_SETTINGS, ...NPG_SETTINGS, ...ONE_LONG_ROLLOUT },
  vpg: { ...TRAINING_SETTINGS, ...VPG_SETTINGS },
} as const satisfies Record<AlgorithmName, SettingsSchema>;

/** The resolved settings of algorithm A, typed setting by setting. */
export type SettingsOf<A extends AlgorithmName> = Settings<(typeof SCHEMAS)[A]>;

/**
 * Resolved settings: the algorithm, the environment's id and every setting, a union keyed by
 * algorithm; `envModule`, for an environment that the command line's `--env-module` registers,
 * the module's absolute path (recorded in config.json and checkpoints, so that a resume loads it again).
 */
export type ResolvedSettings = ResolvedFor<AlgorithmName>;
/** The resolved settings of algorithm A (of each, for a union). */
export type ResolvedFor<A extends AlgorithmName> = { [K in AlgorithmName]: { algo: K; env: string; envModule?: string; settings: SettingsOf<K> } }[A];

/** A constraint between settings: the problem it finds (naming the user's settings), or undefined. */
type Constraint = (settings: Record<string, unknown>) => string | undefined;

const batchOf = (s: Record<string, unknown>) => (s.numEnvs as number) * (s.stepsPerEnv as number);

/** Between settings, checked with the rest before anything is written. */
const CONSTRAINTS: Record<AlgorithmName, readonly Constraint[]> = (() => {
  const batchFits: Constraint = (s) => (batchOf(s) > MAX_BATCH
    ? `numEnvs × stepsPerEnv: ${s.numEnvs} × ${s.stepsPerEnv} = ${batchOf(s)} steps per batch is more than the ${MAX_BATCH} the networks can be sized for`
    : undefined);
  const minibatchesFit: Constraint = (s) => ((s.minibatches as number) > batchOf(s)
    ? `minibatches: ${s.minibatches} minibatches of a ${batchOf(s)}-step batch (numEnvs × stepsPerEnv) leave less than one step each`
    : undefined);
  const criticMinibatchFits: Constraint = (s) => ((s.criticMinibatchSize as number) > batchOf(s)
    ? `criticMinibatchSize: ${s.criticMinibatchSize} is larger than the ${batchOf(s)}-step batch (numEnvs × stepsPerEnv)`
    : undefined);
  const common = [batchFits];
  return {
    ppo: [minibatchesFit, ...common],
    'ppo-reuse': [minibatchesFit, ...common],
    trpo: [criticMinibatchFits, ...common],
    npg: [criticMinibatchFits, ...common],
    vpg: [criticMinibatchFits, ...common],
  };
})();

/** rl-baselines3-zoo's `normalize: true`: observations and rewards. */
const NORMALIZE = { normalizeObservations: true, normalizeRewards: true } as const;

type Preset = { [A in AlgorithmName]?: Partial<SettingsOf<A>> };

/** The settings TRPO and NPG share (every one of NPG's; TRPO adds only its line search's). */
type TrustRegionPreset = Partial<SettingsOf<'npg'>>;

/** One preset for TRPO and NPG: NPG takes TRPO's batch, critic and solve, and has no line search to tune. */
const trustRegion = (values: TrustRegionPreset): Preset => ({ trpo: values, npg: values });

/**
 * rl-baselines3-zoo's TRPO on the MuJoCo tasks: hyperparams/trpo.yml's `&mujoco-defaults` (its
 * `Ant-v3` entry, which merges `&pybullet-defaults`, `HalfCheetahBulletEnv-v0`'s), which its
 * Hopper, Walker2d, HalfCheetah, Swimmer and Humanoid entries inherit (ids v3; v4 in later
 * versions of the file, with the same values); used for the v5 ids. Every value is written out, those equal to
 * policygrad's defaults too, so that the preset stays zoo's whatever the defaults become.
 * `sub_sampling_factor: 1` (no subsampling) is what policygrad always does; zoo's
 * `n_timesteps: 1e6` is a run's length, not a setting (studies/mujoco-results.json).
 * docs/mujoco.md lists what has no counterpart.
 */
const ZOO_TRPO_MUJOCO = {
  ...NORMALIZE, // normalize: true (VecNormalize, its gamma the algorithm's)
  numEnvs: 2, // n_envs: 2
  stepsPerEnv: 1024, // n_steps: 1024
  criticMinibatchSize: 128, // batch_size: 128 (sb3-contrib: the value function's minibatch)
  gamma: 0.99, // gamma: 0.99
  gaeLambda: 0.95, // gae_lambda: 0.95
  cgIterations: 25, // cg_max_steps: 25
  cgDamping: 0.1, // cg_damping: 0.1
  criticEpochs: 20, // n_critic_updates: 20 (sb3-contrib: passes over the batch in minibatches)
  criticLearningRate: 1e-3, // learning_rate: 1e-3 (sb3-contrib: the critic's Adam)
  maxKL: 0.01, // target_kl: not set there, sb3-contrib's default 0.01
} as const satisfies TrustRegionPreset;

/**
 * Per environment, per algorithm: rl-baselines3-zoo's tuned hyperparameters (hyperparams/ppo.yml,
 * trpo.yml), as the settings that differ from the defaults or, for the MuJoCo tasks, as all of
 * zoo's values, where they exist and do not rely on features policygrad lacks (gSDE). CartPole-v1
 * and Acrobot-v1 need none: CleanRL's PPO defaults and sb3-contrib's TRPO defaults solve them.
 * PPO on every Box-action environment, the MuJoCo tasks included, starts from
 * {@link CONTINUOUS_PPO} (CleanRL's ppo_continuous_action.py), whose published results
 * docs/mujoco.md compares with.
 */
export const PRESETS: Record<string, Preset> = {
  'Pendulum-v1': {
    ppo: { numEnvs: 4, stepsPerEnv: 1024, gamma: 0.9, learningRate: 1e-3, epochs: 10, minibatches: 64 },
    'ppo-reuse': { numEnvs: 4, stepsPerEnv: 1024, gamma: 0.9, learningRate: 1e-3, epochs: 10, minibatches: 64, bufferRollouts: 2 },
    ...trustRegion({ numEnvs: 2, stepsPerEnv: 1024, gamma: 0.9, criticEpochs: 20 }),
    vpg: { gamma: 0.9, ...NORMALIZE },
  },
  'MountainCar-v0': {
    ppo: { ...NORMALIZE, numEnvs: 16, stepsPerEnv: 16, gaeLambda: 0.98, epochs: 4, entropyCoef: 0, minibatches: 4, learningRate: 3e-4, annealLearningRate: false },
    ...trustRegion({ ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024, criticEpochs: 20 }),
  },
  'MountainCarContinuous-v0': trustRegion({ ...NORMALIZE, numEnvs: 2, stepsPerEnv: 1024 }),
  // trpo.yml's Hopper-v3, Walker2d-v3 and Ant-v3: `&mujoco-defaults` unchanged.
  'Hopper-v5': trustRegion(ZOO_TRPO_MUJOCO),
  'Walker2d-v5': trustRegion(ZOO_TRPO_MUJOCO),
  'Ant-v5': trustRegion(ZOO_TRPO_MUJOCO),
  'HalfCheetah-v5': trustRegion({ ...ZOO_TRPO_MUJOCO, maxKL: 0.04 }), // HalfCheetah-v3: target_kl: 0.04
  'Swimmer-v5': trustRegion({ ...ZOO_TRPO_MUJOCO, gamma: 0.9999 }), // Swimmer-v3: gamma: 0.9999
  // Humanoid-v3 (v4): `&mujoco-defaults` with n_timesteps 2e6, a run's length; an entry zoo marks
  // neither tuned nor to be tuned.
  'Humanoid-v5': trustRegion(ZOO_TRPO_MUJOCO),
  // Not in trpo.yml (its `default:` entry would be sb3-contrib's defaults without normalisation):
  // the MuJoCo defaults, as for the locomotion tasks.
  'InvertedPendulum-v5': trustRegion(ZOO_TRPO_MUJOCO),
  'InvertedDoublePendulum-v5': trustRegion(ZOO_TRPO_MUJOCO),
  'Reacher-v5': trustRegion(ZOO_TRPO_MUJOCO),
};

/**
 * The defaults of a continuous-control PPO: CleanRL's ppo_continuous_action.py `Args` (num_envs,
 * num_steps, learning_rate, num_minibatches, update_epochs, ent_coef) and `make_env`
 * (NormalizeObservation, NormalizeReward); its other arguments (anneal_lr, gamma 0.99,
 * gae_lambda 0.95, clip_coef 0.2, clip_vloss, vf_coef 0.5, max_grad_norm 0.5, no target_kl, Adam
 * eps 1e-5) are PPO's defaults already.
 */
export const CONTINUOUS_PPO: Partial<SettingsOf<'ppo'>> = {
  numEnvs: 1, stepsPerEnv: 2048, learningRate: 3e-4, minibatches: 32, epochs: 10, entropyCoef: 0, ...NORMALIZE,
};

/**
 * The settings of `algo` on `env`: its defaults, then the environment's preset (unless
 * `usePreset` is false), then `overrides` — typed, so that a misspelt or mistyped setting does not
 * compile. Every unknown key, wrong type, out-of-range value and inconsistency is reported in one
 * {@link ConfigError}.
 */
export function resolveTrainingSettings<A extends AlgorithmName>(algo: A, env: string, overrides: Partial<SettingsOf<A>> = {}, usePreset = true): ResolvedFor<A> {
  return resolveSettingLayers(algo, env, [{ source: 'settings', values: overrides }], usePreset) as ResolvedFor<A>;
}

/**
 * {@link resolveTrainingSettings} for settings of unknown shape — a `--config` file, `--set`
 * flags, a run folder's config.json — given as layers that each name their source in messages.
 *
 * @param environment the environment itself, when `env` (its id) need not be registered: a user's
 *   instance; its action space then chooses PPO's continuous defaults (see {@link presetFor}).
 */
export function resolveSettingLayers(algo: string, env: string, layers: readonly SettingsLayer[], usePreset = true, environment?: Pick<Env, 'actionSpace'>): ResolvedSettings {
  const problems: string[] = [];
  const known = (ALGORITHMS as readonly string[]).includes(algo);
  if (!known) {
    const guess = nearest(algo, ALGORITHMS);
    problems.push(`algo: unknown algorithm ${quote(algo)}${guess ? `; did you mean '${guess}'?` : ''}; expected one of ${ALGORITHMS.join(', ')}`);
  }
  if (environment === undefined && !registeredIds().includes(env)) {
    const guess = nearest(env, registeredIds());
    problems.push(`env: unknown environment ${quote(env)}${guess ? `; did you mean '${guess}'?` : ''}; registered: ${registeredIds().join(', ')}`);
  }
  // With an unknown algorithm there is no schema to check against; with an unknown environment
  // the settings are still checked, so that one message lists everything.
  if (!known) throw new ConfigError(problems);
  const name = algo as AlgorithmName;
  const preset = usePreset && problems.length === 0 ? [{ source: `preset ${name}/${env}`, values: presetFor(name, env, environment) }] : [];
  const resolved = resolveSettings(SCHEMAS[name], [...preset, ...layers]);
  problems.push(...resolved.problems);
  // A faulty value kept the previous layer's, so the constraints see settings that each fit.
  for (const constraint of CONSTRAINTS[name]) {
    const problem = constraint(resolved.settings);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { algo: name, env, settings: resolved.settings } as ResolvedSettings;
}

/**
 * {@link resolveSettingLayers}, with `problems` that the caller found first (in its own flags or
 * options) listed before those of the settings: every problem once, in one ConfigError.
 */
export function resolveWithProblems(
  algo: string, env: string, layers: readonly SettingsLayer[], usePreset: boolean, problems: readonly string[], environment?: Pick<Env, 'actionSpace'>,
): ResolvedSettings {
  let resolved: ResolvedSettings;
  try {
    resolved = resolveSettingLayers(algo, env, layers, usePreset, environment);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...problems, ...error.problems]);
    throw error;
  }
  throwIfProblems(problems);
  return resolved;
}

/**
 * The preset of `algo` on `env`: the settings that differ from the algorithm's defaults. PPO on an
 * environment with a continuous (Box) action space starts from {@link CONTINUOUS_PPO}, whether the
 * environment is built in or the user's: the action space is read from `environment` if given,
 * else from an instance of the registered id `env` made for the purpose.
 */
export function presetFor<A extends AlgorithmName>(algo: A, env: string, environment?: Pick<Env, 'actionSpace'>): Partial<SettingsOf<A>> {
  const ppo = algo === 'ppo' || algo === 'ppo-reuse';
  const base = ppo && !('n' in (environment ?? make(env)).actionSpace) ? CONTINUOUS_PPO : {};
  return { ...base, ...(PRESETS[env]?.[algo] ?? {}) } as Partial<SettingsOf<A>>;
}
