// The environment registry: `make(id, options)` and `register(id, factory)`, after Gymnasium's.
import { describe } from '../util/validate.js';
import { Acrobot } from './acrobot.js';
import { CartPole, type CartPoleOptions } from './cartpole.js';
import type { Env, TimeLimitOptions } from './env.js';
import { MountainCar, type MountainCarOptions } from './mountain-car.js';
import { MountainCarContinuous, type MountainCarContinuousOptions } from './mountain-car-continuous.js';
import { Pendulum, type PendulumOptions } from './pendulum.js';

/**
 * Builds an environment from the options given to `make`. A factory validates its own options
 * and should reject unknown keys (see `assertKnownKeys` in the built-in environments).
 */
export type EnvFactory = (options: Record<string, unknown>) => Env;

const factories = new Map<string, EnvFactory>([
  ['CartPole-v1', (options) => new CartPole(options as CartPoleOptions)],
  ['Acrobot-v1', (options) => new Acrobot(options as TimeLimitOptions)],
  ['Pendulum-v1', (options) => new Pendulum(options as PendulumOptions)],
  ['MountainCar-v0', (options) => new MountainCar(options as MountainCarOptions)],
  ['MountainCarContinuous-v0', (options) => new MountainCarContinuous(options as MountainCarContinuousOptions)],
]);

/**
 * Registers a user environment under `id`, so that `make(id, options)` and the vector env can
 * build it. Ids are unique: registering a taken id throws.
 */
export function register(id: string, factory: EnvFactory): void {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`register: id must be a non-empty string, got ${describe(id)}`);
  if (typeof factory !== 'function') throw new TypeError(`register: factory for '${id}' must be a function, got ${describe(factory)}`);
  if (factories.has(id)) throw new Error(`register: '${id}' is already registered`);
  factories.set(id, factory);
}

/**
 * Creates the environment registered as `id`. Every built-in env accepts `maxEpisodeSteps` (the
 * time limit) and its own options, named in camelCase after Gymnasium's keyword arguments:
 * CartPole-v1 `suttonBartoReward`, Pendulum-v1 `g`, MountainCar-v0 and MountainCarContinuous-v0
 * `goalVelocity`. The two with a Box action space, Pendulum-v1 and MountainCarContinuous-v0, take
 * `strictActions` (default false): true makes an action outside the Box throw instead of being
 * clipped by the dynamics as in Gymnasium. Unknown ids and unknown option keys throw.
 *
 * @example
 * const env = make('CartPole-v1');
 * let [observation] = env.reset({ seed: 42 });
 * const [next, reward, terminated, truncated] = env.step(1);
 */
export function make(id: string, options: Record<string, unknown> = {}): Env {
  const factory = factories.get(id);
  if (factory === undefined) throw new RangeError(`make: unknown environment id ${describe(id)}; registered: ${registeredIds().join(', ')}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`make('${id}'): options must be an object, got ${describe(options)}`);
  return factory(options);
}

/** Gymnasium's `reward_threshold` of each built-in env: the mean return over 100 episodes that counts as solved. */
const rewardThresholds = new Map<string, number>([
  ['CartPole-v1', 475],
  ['Acrobot-v1', -100],
  ['MountainCar-v0', -110],
  ['MountainCarContinuous-v0', 90],
]);

/** The return at which `id` counts as solved (Gymnasium's `reward_threshold`); undefined if none (Pendulum-v1, user envs). */
export function rewardThreshold(id: string): number | undefined {
  return rewardThresholds.get(id);
}

/** The ids that `make` accepts, built-in ones first. */
export function registeredIds(): string[] {
  return [...factories.keys()];
}
