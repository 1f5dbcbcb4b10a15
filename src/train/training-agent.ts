// The training agent, which the training loop builds from settings: the vector env stack (actions
// clipped, observations and rewards normalised if asked: normalizeVectorEnv), the actor and its
// distribution, the critic, the collector, the random streams, and the episode statistics. It is
// the Learner an algorithm trains (src/algos/algorithm.ts): an algorithm gets a collected batch
// with its GAE advantages and λ-returns, and updates the agent's networks. The public, high-level
// Agent (src/agent/agent.ts) drives one through a Trainer.
import type { Learner } from '../algos/algorithm.js';
import { assertAllNotDiverged } from '../algos/divergence.js';
import { mean } from '../algos/statistics.js';
import { createEngine } from '../backends/create-engine.js';
import type { MLP, TrainableNetwork } from '../backends/backend.js';
import { canShareMemory } from '../backends/thread/thread-channel.js';
import { ThreadNetwork } from '../backends/thread/thread-network.js';
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import { ClipActionVector } from '../envs/vector-wrappers/clip-action-vector.js';
import { normalizationState, normalizeVectorEnv, restoreNormalization, type NormalizationState } from '../envs/vector-wrappers/normalize-vector-env.js';
import { restoreVectorEnv, snapshotVectorEnv, SyncVectorEnv, type VectorEnv } from '../envs/vector-env.js';
import type { Env, InPlaceEnv } from '../envs/env.js';
import { isMujocoEnv, make } from '../envs/registry.js';
import { ThreadEnvs } from '../envs/thread/thread-envs.js';
import type { ActionDistribution } from '../nn/distributions/action-distribution.js';
import { Categorical } from '../nn/distributions/categorical.js';
import { DiagonalGaussian } from '../nn/distributions/diagonal-gaussian.js';
import { ActorCritic } from '../policy/actor-critic.js';
import { Policy } from '../policy/policy.js';
import { Random } from '../random/prng.js';
import { Collector } from '../rollout/collector.js';
import { generalizedAdvantages } from '../rollout/gae.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { Settings, SettingsSchema } from '../util/settings-schema.js';
import { assertKnownKeys, assertOneOf, describe } from '../util/validate.js';

/** The agent's settings, which every algorithm has (CleanRL's PPO defaults). */
export const AGENT_SETTINGS = {
  seed: { type: 'integer', default: 1, min: 0, max: 2 ** 32 - 1, doc: 'fixes everything: env resets, initial weights, action sampling, minibatch order' },
  numEnvs: { type: 'integer', default: 4, min: 1, max: 1024, doc: 'parallel environments' },
  stepsPerEnv: { type: 'integer', default: 128, min: 1, doc: 'steps per environment in each rollout; a batch is numEnvs × stepsPerEnv' },
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, doc: 'discount γ applied to future rewards' },
  gaeLambda: { type: 'number', default: 0.95, min: 0, max: 1, doc: 'GAE λ (0: the one-step advantage, 1: the discounted return)' },
  hiddenSizes: { type: 'integer-list', default: [64, 64], min: 1, max: 4096, maxLength: 16, doc: 'hidden layer widths of actor and critic' },
  activation: { type: 'enum', default: 'tanh', choices: ['tanh', 'relu'], doc: 'activation of the hidden layers' },
  normalizeObservations: { type: 'boolean', default: false, doc: 'running normalisation of observations, clipped to ±10' },
  normalizeRewards: { type: 'boolean', default: false, doc: 'scale rewards by the running spread of the discounted return, clipped to ±10' },
} as const satisfies SettingsSchema;

/** The training agent's settings and its environment's id, e.g. 'CartPole-v1'. */
export type TrainingAgentSettings = Settings<typeof AGENT_SETTINGS> & { env: string };

/** Independent random streams, derived from the seed, whose states a checkpoint keeps. */
export interface RandomStreams {
  initialization: Random;
  actions: Random;
  minibatches: Random;
}

/** The training agent's part of a run's state (TrainerState.agent), as JSON data. */
export interface TrainingAgentState {
  globalStep: number;
  /** Each sub-environment's snapshot (`snapshot()`: an EnvSnapshot for the built-in ones, the env's own JSON data otherwise). */
  envs: unknown[];
  /** Returns and lengths of the episodes in progress. */
  collector: { episodeReturns: number[]; episodeLengths: number[] };
  episodeReturns: number[];
  episodeLengths: number[];
  random: { actions: number[]; minibatches: number[] };
  normalization?: NormalizationState;
}

/** Episodes kept for the reported mean return and length (CleanRL and SB3 report the last 100). */
export const EPISODE_WINDOW = 100;

/** Where the learner's networks live; acting always runs on wasm. */
export const LEARNER_BACKENDS = ['wasm', 'webgpu', 'auto'] as const;
export type LearnerBackend = (typeof LEARNER_BACKENDS)[number];

/** Threads a run may use: 1, or 2 with the critic's updates on a worker thread of their own. */
export const THREAD_COUNTS = [1, 2] as const;

/**
 * Where a run computes. `threads: 2` (wasm only) puts the critic's learner on a worker thread, so
 * that its forward, backward and Adam step run while the main thread does the actor's; the
 * results are the same bits as one thread's. It needs shared memory: in a browser, a cross-origin
 * isolated page.
 */
export interface LearnerPlacement {
  /** Where the learner's networks live; default 'wasm'. */
  backend?: LearnerBackend;
  /** 1 (default) or 2. */
  threads?: (typeof THREAD_COUNTS)[number];
}

/**
 * How many of a run's `numEnvs` sub-environments step on a worker thread: with two threads, half
 * of a MuJoCo environment's (rounded down), whose steps are most of a rollout's time; none
 * otherwise — a classic-control step costs less than the hop to another thread, and a user's
 * environment cannot be made on one.
 */
export function threadedEnvCount(env: string, numEnvs: number, threads: 1 | 2): number {
  return threads === 2 && isMujocoEnv(env) ? Math.floor(numEnvs / 2) : 0;
}

/** Checks a placement given at a public boundary; `what` names it in the error. */
export function validatePlacement(placement: LearnerPlacement, what: string): Required<LearnerPlacement> {
  if (placement === null || typeof placement !== 'object') throw new TypeError(`${what} must be an object { backend?, threads? }, got ${describe(placement)}`);
  assertKnownKeys(placement, ['backend', 'threads'], what);
  const { backend = 'wasm', threads = 1 } = placement;
  assertOneOf(backend, LEARNER_BACKENDS, `${what}: backend`);
  if (!(THREAD_COUNTS as readonly unknown[]).includes(threads)) throw new RangeError(`${what}: threads must be 1 or 2, got ${describe(threads)}`);
  if (threads === 2 && backend !== 'wasm') throw new RangeError(`${what}: threads 2 needs backend 'wasm' (on '${backend}' the learner is not on this machine's cores), got backend '${backend}'`);
  if (threads === 2 && !canShareMemory()) throw new RangeError(`${what}: threads 2 needs SharedArrayBuffer, which this page does not have: serve it cross-origin isolated (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp)`);
  return { backend, threads };
}

/**
 * The learner the training loop builds and an algorithm trains: environments, networks, collector,
 * random streams and episode statistics (see the file's header). The high-level `Agent` wraps one
 * through its Trainer (`agent.trainer.agent`).
 */
export class TrainingAgent implements Learner {
  /**
   * The vector env stack the collector steps: a SyncVectorEnv, a ClipActionVector over it for a
   * Box action space, and normalizeVectorEnv's wrappers when the settings normalise. The
   * environments themselves are `envs.unwrapped`; `observationTransform(envs)` shows one
   * observation as the policy sees it.
   */
  readonly envs: VectorEnv;
  /** The learner's policy and critic (on the chosen backend; with two threads, the critic on a worker thread). */
  readonly policy: Policy;
  readonly critic: TrainableNetwork;
  /** The acting networks on wasm: the learner's own, or copies of them. */
  readonly actorCritic: ActorCritic;
  readonly collector: Collector;
  readonly random: RandomStreams;
  readonly batchSize: number;
  globalStep = 0;
  /** The last EPISODE_WINDOW completed episodes' returns and lengths, oldest first. */
  recentReturns: number[] = [];
  recentLengths: number[] = [];
  private readonly advantages: Float32Array;
  private readonly returns: Float32Array;

  private constructor(
    readonly settings: TrainingAgentSettings, learner: { actor: MLP; critic: TrainableNetwork }, acting: { actor: WasmMLP; critic: WasmMLP },
    distribution: ActionDistribution, envs: VectorEnv, random: RandomStreams, private readonly threadEnvs: ThreadEnvs | undefined,
  ) {
    this.envs = envs;
    this.random = random;
    this.critic = learner.critic;
    this.policy = new Policy(learner.actor, distribution);
    this.actorCritic = new ActorCritic(acting.actor, acting.critic, distribution, this.policy.extra, random.actions);
    this.collector = new Collector(envs, this.actorCritic, { stepsPerEnv: settings.stepsPerEnv, seed: settings.seed });
    this.batchSize = settings.numEnvs * settings.stepsPerEnv;
    this.advantages = new Float32Array(this.batchSize);
    this.returns = new Float32Array(this.batchSize);
  }

  /**
   * Builds the agent: CleanRL's networks (orthogonal init, gain √2 in hidden layers, 0.01 on the
   * policy head, 1 on the value head, zero biases), sized for batches up to `maxBatch` rows. The
   * learner's networks live where `placement` says; acting runs on wasm copies of them. The vector env's
   * `numEnvs` sub-environments come from `makeEnv`, called once for each (default: `make(settings.env)`,
   * and with two threads, for a MuJoCo environment, the second half of them on a worker thread:
   * {@link threadedEnvCount}).
   */
  static async create(settings: TrainingAgentSettings, maxBatch: number, placement: LearnerPlacement = {}, makeEnv?: () => Env): Promise<TrainingAgent> {
    const { backend, threads } = validatePlacement(placement, 'placement');
    const engine = await createEngine({ dtype: 'f32' });
    const onThread = makeEnv === undefined ? threadedEnvCount(settings.env, settings.numEnvs, threads) : 0;
    const local = Array.from({ length: settings.numEnvs - onThread }, makeEnv ?? (() => make(settings.env)));
    const threadEnvs = onThread > 0 ? await ThreadEnvs.create(settings.env, onThread, local[0]!) : undefined;
    const inner = new SyncVectorEnv([...local, ...(threadEnvs?.envs ?? [])]);
    const space = inner.singleActionSpace;
    if ('n' in space ? space.n < 2 : !(Array.from(space.low).every(Number.isFinite) && Array.from(space.high).every(Number.isFinite))) {
      throw new RangeError(`${settings.env}: action space ${space} is not supported; the algorithms need Discrete(n) with n ≥ 2 (a categorical policy) or a bounded Box (a Gaussian policy)`);
    }
    // CleanRL's order: ClipAction innermost, then the normalisation and its clips.
    const clipped = 'n' in space ? inner : new ClipActionVector(inner);
    const envs = normalizeVectorEnv(clipped, { observations: settings.normalizeObservations, rewards: settings.normalizeRewards, gamma: settings.gamma });
    const distribution = 'n' in space ? new Categorical(space.n) : new DiagonalGaussian(space.size);
    const rows = Math.max(maxBatch, settings.numEnvs);
    const sizes = [inner.observationSize, ...settings.hiddenSizes];
    const activations = (output: number) => ({
      sizes: [...sizes, output],
      activations: [...settings.hiddenSizes.map(() => settings.activation), 'identity' as const],
    });
    const actor = engine.createMLP(activations(distribution.outputSize), { maxBatch: rows });
    const critic = engine.createMLP(activations(1), { maxBatch: rows });
    const random: RandomStreams = {
      initialization: Random.derive(settings.seed, 1),
      actions: Random.derive(settings.seed, 2),
      minibatches: Random.derive(settings.seed, 3),
    };
    const hiddenGains = settings.hiddenSizes.map(() => Math.SQRT2);
    actor.initOrthogonal(random.initialization, [...hiddenGains, 0.01]);
    critic.initOrthogonal(random.initialization, [...hiddenGains, 1]);
    let learner: { actor: MLP; critic: TrainableNetwork } = { actor, critic };
    if (threads === 2) {
      const threadCritic = await ThreadNetwork.create(critic.layout.spec, 'f32', { maxBatch: rows });
      threadCritic.setParameters(critic.parameters);
      learner = { actor, critic: threadCritic };
    }
    if (backend !== 'wasm') {
      const gpu = await createEngine({ backend, dtype: 'f32' });
      if (gpu.name !== 'wasm') {
        learner = { actor: gpu.createMLP(actor.layout.spec, { maxBatch: rows }), critic: gpu.createMLP(critic.layout.spec, { maxBatch: rows }) };
        learner.actor.setParameters(actor.parameters);
        learner.critic.setParameters(critic.parameters);
      }
    }
    return new TrainingAgent(settings, learner, { actor, critic }, distribution, envs, random, threadEnvs);
  }

  get minibatchRandom(): Random {
    return this.random.minibatches;
  }

  /**
   * After an update: the acting copies take the learner's parameters (when the learner is on
   * another backend). Throws DivergenceError if a parameter is not finite — checked here, on the
   * one read-back the copy needs anyway, so that a diverged update never reaches a rollout or a
   * checkpoint.
   */
  async syncActing(): Promise<void> {
    const { actor, critic } = this.actorCritic;
    const actorParameters = this.policy.network === actor ? actor.parameters : await this.policy.network.readParameters();
    const criticParameters = this.critic === critic ? critic.parameters : await this.critic.readParameters();
    assertAllNotDiverged(actorParameters, "policy network's parameters");
    assertAllNotDiverged(this.policy.extra, "policy's distribution parameters");
    assertAllNotDiverged(criticParameters, "critic's parameters");
    if (this.policy.network !== actor) actor.setParameters(actorParameters);
    if (this.critic !== critic) critic.setParameters(criticParameters);
  }

  /**
   * Collects one rollout and computes GAE(γ, λ) advantages and λ-returns, bootstrapping truncated
   * episodes from their final observation's value. Updates the step count and episode statistics.
   */
  collect(): PreparedBatch {
    const batch = this.collector.collect();
    generalizedAdvantages(batch, this.settings.gamma, this.settings.gaeLambda, this.advantages, this.returns);
    this.globalStep += this.batchSize;
    const { episodes } = batch;
    for (let i = 0; i < episodes.count; i++) {
      this.recentReturns.push(episodes.returns[i]!);
      this.recentLengths.push(episodes.lengths[i]!);
    }
    this.recentReturns = this.recentReturns.slice(-EPISODE_WINDOW);
    this.recentLengths = this.recentLengths.slice(-EPISODE_WINDOW);
    return { ...batch, size: this.batchSize, advantages: this.advantages, returns: this.returns };
  }

  /**
   * Stops the worker threads (the critic's, and the environments' if some are on one), with two
   * threads; nothing to do on one. Learning, collecting, reading the critic and checkpoints then
   * fail; acting on observations (the wasm copies) still works.
   */
  async close(): Promise<void> {
    if (this.critic instanceof ThreadNetwork) await this.critic.close();
    await this.threadEnvs?.close();
  }

  /** The sub-environments, in order (as the vector env holds them: a user env without the in-place protocol adapted to it). */
  get subEnvs(): readonly InPlaceEnv[] {
    return this.envs.unwrapped.subEnvs;
  }

  /** Mean return and length of the last EPISODE_WINDOW episodes (NaN before the first ends). */
  episodeStatistics(): { episodicReturn: number; episodicLength: number } {
    return { episodicReturn: mean(this.recentReturns), episodicLength: mean(this.recentLengths) };
  }

  getState(): TrainingAgentState {
    const normalization = normalizationState(this.envs);
    return {
      globalStep: this.globalStep,
      envs: snapshotVectorEnv(this.envs.unwrapped),
      collector: this.collector.getState(),
      episodeReturns: [...this.recentReturns],
      episodeLengths: [...this.recentLengths],
      random: { actions: this.random.actions.getState(), minibatches: this.random.minibatches.getState() },
      ...(normalization === undefined ? {} : { normalization }),
    };
  }

  setState(state: TrainingAgentState): void {
    this.globalStep = state.globalStep;
    restoreVectorEnv(this.envs.unwrapped, state.envs);
    this.collector.setState(state.collector);
    this.recentReturns = [...state.episodeReturns];
    this.recentLengths = [...state.episodeLengths];
    this.random.actions.setState(state.random.actions);
    this.random.minibatches.setState(state.random.minibatches);
    if (state.normalization) restoreNormalization(this.envs, state.normalization);
    this.envs.markRestored();
  }
}

