// The environment registry: `make(id, options)` and `register(id, factory)`, after Gymnasium's, and
// `prepareEnv(id)` for environments that load something asynchronously first (MuJoCo's wasm).
import { describe } from '../util/validate.js';
import { Acrobot } from './acrobot.js';
import { CartPole, type CartPoleOptions } from './cartpole.js';
import type { Env, TimeLimitOptions } from './env.js';
import { MountainCar, type MountainCarOptions } from './mountain-car.js';
import { MountainCarContinuous, type MountainCarContinuousOptions } from './mountain-car-continuous.js';
import { Pendulum, type PendulumOptions } from './pendulum.js';
import { Ant, type AntOptions } from './mujoco/ant.js';
import { HalfCheetah, type HalfCheetahOptions } from './mujoco/half-cheetah.js';
import { Hopper, type HopperOptions } from './mujoco/hopper.js';
import { Humanoid, type HumanoidOptions } from './mujoco/humanoid.js';
import { InvertedDoublePendulum, type InvertedDoublePendulumOptions } from './mujoco/inverted-double-pendulum.js';
import { InvertedPendulum, type InvertedPendulumOptions } from './mujoco/inverted-pendulum.js';
import { prepareMujoco } from './mujoco/load-mujoco.js';
import { Reacher, type ReacherOptions } from './mujoco/reacher.js';
import { Swimmer, type SwimmerOptions } from './mujoco/swimmer.js';
import { Walker2d, type Walker2dOptions } from './mujoco/walker2d.js';

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
  ['InvertedPendulum-v5', (options) => new InvertedPendulum(options as InvertedPendulumOptions)],
  ['InvertedDoublePendulum-v5', (options) => new InvertedDoublePendulum(options as InvertedDoublePendulumOptions)],
  ['Hopper-v5', (options) => new Hopper(options as HopperOptions)],
  ['HalfCheetah-v5', (options) => new HalfCheetah(options as HalfCheetahOptions)],
  ['Walker2d-v5', (options) => new Walker2d(options as Walker2dOptions)],
  ['Swimmer-v5', (options) => new Swimmer(options as SwimmerOptions)],
  ['Reacher-v5', (options) => new Reacher(options as ReacherOptions)],
  ['Ant-v5', (options) => new Ant(options as AntOptions)],
  ['Humanoid-v5', (options) => new Humanoid(options as HumanoidOptions)],
]);

/**
 * What must be awaited before `make(id)` works, by id: the MuJoCo environments need MuJoCo's
 * WebAssembly module loaded (asynchronously, once per process).
 */
const MUJOCO_IDS = ['InvertedPendulum-v5', 'InvertedDoublePendulum-v5', 'Hopper-v5', 'HalfCheetah-v5', 'Walker2d-v5', 'Swimmer-v5', 'Reacher-v5', 'Ant-v5', 'Humanoid-v5'];
const preparations = new Map<string, () => Promise<unknown>>(MUJOCO_IDS.map((id) => [id, prepareMujoco]));

/** Whether `id` is one of the built-in MuJoCo environments, whose steps cost tens of microseconds (a thread hop costs one). */
export function isMujocoEnv(id: string): boolean {
  return MUJOCO_IDS.includes(id);
}

/**
 * Registers a user environment under `id`, so that `make(id, options)` and the vector env can
 * build it. Ids are unique: registering a taken id throws.
 *
 * @param prepare optional: what {@link prepareEnv} awaits before `make(id)` can work (e.g. loading
 *   a WebAssembly module)
 */
export function register(id: string, factory: EnvFactory, prepare?: () => Promise<unknown>): void {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`register: id must be a non-empty string, got ${describe(id)}`);
  if (typeof factory !== 'function') throw new TypeError(`register: factory for '${id}' must be a function, got ${describe(factory)}`);
  if (prepare !== undefined && typeof prepare !== 'function') throw new TypeError(`register: prepare for '${id}' must be a function returning a promise, got ${describe(prepare)}`);
  if (factories.has(id)) throw new Error(`register: '${id}' is already registered`);
  factories.set(id, factory);
  if (prepare !== undefined) preparations.set(id, prepare);
}

/**
 * Awaits what `make(id)` needs first — for the MuJoCo environments, loading MuJoCo's WebAssembly
 * module (the package mujoco-js) — and nothing for the others. Call it once per id before `make`
 * in code that may be given any id (a training loop does); it is cheap to call again.
 *
 * @example
 * await prepareEnv('Hopper-v5');
 * const env = make('Hopper-v5');
 */
export async function prepareEnv(id: string): Promise<void> {
  if (!factories.has(id)) throw new RangeError(`prepareEnv: unknown environment id ${describe(id)}; registered: ${registeredIds().join(', ')}`);
  await preparations.get(id)?.();
}

/**
 * {@link prepareEnv} for an id that may not be registered (which `make` then reports, with the
 * other problems of a configuration): what an entry point given any id calls first.
 */
export async function prepareIfRegistered(id: unknown): Promise<void> {
  if (typeof id === 'string' && factories.has(id)) await prepareEnv(id);
}

/**
 * Creates the environment registered as `id`. Every built-in env accepts `maxEpisodeSteps` (the
 * time limit) and its own options, named in camelCase after Gymnasium's keyword arguments:
 * CartPole-v1 `suttonBartoReward`, Pendulum-v1 `g`, MountainCar-v0 and MountainCarContinuous-v0
 * `goalVelocity`. The two with a Box action space, Pendulum-v1 and MountainCarContinuous-v0, take
 * `strictActions` (default false): true makes an action outside the Box throw instead of being
 * clipped by the dynamics as in Gymnasium. The MuJoCo environments (InvertedPendulum-v5,
 * InvertedDoublePendulum-v5, Hopper-v5, HalfCheetah-v5, Walker2d-v5, Swimmer-v5, Reacher-v5,
 * Ant-v5, Humanoid-v5) take Gymnasium's v5 keyword arguments (docs/mujoco.md), after `await prepareEnv(id)`.
 * Unknown ids and unknown option keys throw.
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
  ['InvertedPendulum-v5', 950],
  ['InvertedDoublePendulum-v5', 9100],
  ['Hopper-v5', 3800],
  ['HalfCheetah-v5', 4800],
  ['Swimmer-v5', 360],
  ['Reacher-v5', -3.75],
  ['Ant-v5', 6000],
]);

/** The return at which `id` counts as solved (Gymnasium's `reward_threshold`); undefined if none (Pendulum-v1, Walker2d-v5, Humanoid-v5, user envs). */
export function rewardThreshold(id: string): number | undefined {
  return rewardThresholds.get(id);
}

/** The ids that `make` accepts, built-in ones first. */
export function registeredIds(): string[] {
  return [...factories.keys()];
}
