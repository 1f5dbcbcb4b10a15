// The high-level API, in Stable-Baselines3's spirit: `Agent.create` builds an agent of one
// algorithm for one environment, `learn` trains it (with callbacks after each iteration),
// `predict` acts, and `toBytes`/`fromBytes` (everywhere) and `save`/`load` (Node) keep it in the
// checkpoint format of the command line — the full training state, so that a loaded agent predicts
// identically and continues training exactly. Underneath is the Trainer the command line runs.
//
// The same in Node and in browsers: nothing here touches the file system except `save` and
// `load`, which import the Node-only modules when they are called.
import type { Env } from '../envs/env.js';
import { make, prepareIfRegistered, registeredIds } from '../envs/registry.js';
import type { Box, Discrete } from '../envs/spaces.js';
import { Random } from '../random/prng.js';
import { ProgressBar, type ProgressStream } from '../report/progress-bar.js';
import { policyActions } from '../train/evaluate.js';
import { openCheckpoint } from '../train/checkpoint.js';
import { networksFor, resolvedFromConfig, trainerCheckpoint } from '../train/run-config.js';
import { resolveWithProblems, type AlgorithmName, type SettingsOf } from '../train/settings.js';
import { Trainer, type MetricsOf } from '../train/trainer.js';
import { validatePlacement, type LearnerBackend, type LearnerPlacement } from '../train/training-agent.js';
import { restoreTrainerState } from '../train/validate-state.js';
import type { SettingsLayer } from '../util/settings-schema.js';
import { assertFiniteArray, assertInteger, assertKnownKeys, assertOneOf, describe, quote } from '../util/validate.js';
import { envSource, evaluationEnv, type EnvInput } from './env-input.js';

/** Which tuned settings go between an algorithm's defaults and yours: rl-baselines3-zoo's (`zoo`) or none (`defaults`). */
export type PresetName = 'zoo' | 'defaults';

/**
 * The settings `Agent.create` takes for algorithm A: any of A's settings ({@link SettingsOf}),
 * typed, so that a misspelt, mistyped or other algorithm's setting does not compile. `totalSteps`
 * is not among them: each `learn(steps)` says how long to train.
 */
export type AgentSettings<A extends AlgorithmName> = Partial<Omit<SettingsOf<A>, 'totalSteps'>>;

/** What `Agent.create` takes. */
export interface AgentOptions<A extends AlgorithmName> {
  /** The algorithm: 'ppo', 'trpo', 'npg', 'vpg' or 'ppo-reuse'. */
  algo: A;
  /** The environment: a registered id, an Env instance (then `numEnvs` is 1) or a factory `() => Env` (called `numEnvs` times). */
  env: EnvInput;
  /** Settings over the algorithm's defaults and the preset; every problem is reported at once in a ConfigError. */
  settings?: AgentSettings<A>;
  /** 'zoo' (default): the environment's tuned settings, as `policygrad train --preset zoo`; 'defaults': none. */
  preset?: PresetName;
  /** Where the learner's networks run: 'wasm' (default, bit-reproducible), 'webgpu' or 'auto'; acting always runs on wasm. */
  backend?: LearnerBackend;
  /** 1 (default), or 2: the critic's updates on a worker thread of their own, the same bits (wasm only; see LearnerPlacement). */
  threads?: LearnerPlacement['threads'];
}

/** What a callback is given after each iteration of `learn`. */
export interface CallbackContext<A extends AlgorithmName = AlgorithmName> {
  /** The iteration just done, counted from 1 over the agent's whole training (every learn call). */
  iteration: number;
  /** Its metrics, typed by algorithm: the trainer's (`global_step`, `episodic_return`, …) and the algorithm's. */
  metrics: MetricsOf<A>;
  /** The agent being trained. */
  agent: Agent<A>;
}

/**
 * Runs after each iteration of `learn`. Returning `false` (or a promise of it) stops training after
 * this iteration, as SB3's `_on_step` does; anything else continues. Every callback runs each
 * iteration, in order, before training stops.
 */
export type Callback<A extends AlgorithmName = AlgorithmName> = (context: CallbackContext<A>) => boolean | void | Promise<boolean | void>;

/** What `learn` takes besides the steps. */
export interface LearnOptions<A extends AlgorithmName = AlgorithmName> {
  /** Called after each iteration, in order: see {@link Callback}. */
  callbacks?: readonly Callback<A>[];
  /**
   * A progress bar (steps, steps/s, return, ETA): `true` for standard error (Node), or any stream
   * with `write(text)` (`isTTY` to redraw in place). Default none.
   */
  progress?: boolean | ProgressStream;
}

/** What `predict` takes besides the observation. */
export interface PredictOptions {
  /** The most likely action (default, SB3's deterministic=True), or a sample from the policy. */
  deterministic?: boolean;
}

/** What `predict` takes for a batch of observations. */
export interface BatchPredictOptions extends PredictOptions {
  /** The number of observations, given back to back ([batch][observationSize]). */
  batch: number;
}

/** What `Agent.load` and `Agent.fromBytes` take besides the checkpoint. */
export interface LoadOptions<A extends AlgorithmName = AlgorithmName> {
  /**
   * The environment: needed when the checkpoint's is not registered (yours), and then its spaces
   * must be the trained ones; default `make(id)` of the checkpoint's environment id.
   */
  env?: EnvInput;
  /** The algorithm the checkpoint must be of, for typed settings and metrics; default any. */
  algo?: A;
  /** Where the learner's networks run (default 'wasm'), as in `Agent.create`. */
  backend?: LearnerBackend;
  /** Threads, as in `Agent.create`. */
  threads?: LearnerPlacement['threads'];
}

/**
 * An agent of one algorithm on one environment: create it, `learn`, `predict`, `evaluate`
 * (`./evaluate.js`), and keep it with `toBytes`/`fromBytes` or `save`/`load`.
 *
 * @example
 * const agent = await Agent.create({ algo: 'ppo', env: 'CartPole-v1', settings: { seed: 1 } });
 * await agent.learn(100_000);
 * const action = agent.predict(observation);   // the most likely action, 0 or 1
 */
export class Agent<out A extends AlgorithmName = AlgorithmName> {
  private greedy?: (observation: Float32Array) => number | Float64Array;
  private sampling?: (observation: Float32Array) => number | Float64Array;

  private constructor(
    /** The training loop underneath (the command line's): its networks, environments and state, for what this API leaves out. */
    readonly trainer: Trainer<A>,
    private readonly environment: EnvInput,
  ) {}

  /**
   * Builds an agent: its settings resolved as the command line resolves them — the algorithm's
   * defaults, then the environment's preset (`preset: 'zoo'`; for PPO on a Box action space,
   * CleanRL's continuous defaults first), then `settings` — and checked; every problem is
   * reported at once in a ConfigError. Networks are initialised from the seed; nothing is trained.
   */
  static async create<A extends AlgorithmName>(options: AgentOptions<A>): Promise<Agent<A>> {
    if (options === null || typeof options !== 'object') throw new TypeError(`Agent.create: expected { algo, env, settings?, preset?, backend?, threads? }, got ${describe(options)}`);
    assertKnownKeys(options, ['algo', 'env', 'settings', 'preset', 'backend', 'threads'], 'Agent.create');
    const { algo, env, settings = {}, preset = 'zoo', backend, threads } = options;
    assertOneOf(preset, ['zoo', 'defaults'], 'Agent.create: preset');
    const placement = validatePlacement({ backend, threads }, 'Agent.create');
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw new TypeError(`Agent.create: settings must be an object of settings, got ${describe(settings)}`);
    await prepareIfRegistered(env);
    const source = envSource(env, 'Agent.create: env');
    const problems: string[] = [];
    const { totalSteps, ...given } = settings as Record<string, unknown>;
    if (totalSteps !== undefined) problems.push('settings: totalSteps is not a setting of Agent.create; learn(steps) says how many steps to train');
    const layers: SettingsLayer[] = [];
    if (!source.repeatable) {
      if (given.numEnvs !== undefined && given.numEnvs !== 1) {
        problems.push(`settings: numEnvs must be 1 for an Env instance, which is one environment, got ${describe(given.numEnvs)}; pass a factory () => Env to train on several`);
      }
      layers.push({ source: 'an Env instance', values: { numEnvs: 1 } });
    }
    layers.push({ source: 'settings', values: given });
    const resolved = resolveWithProblems(String(algo), source.id, layers, preset === 'zoo', problems, source.probe);
    return new Agent((await Trainer.create(resolved, placement, source.makeEnv)) as Trainer as Trainer<A>, env);
  }

  /**
   * Loads an agent from checkpoint bytes — `toBytes()`'s, or a `policygrad train` checkpoint file's —
   * in Node and in browsers. The checkpoint holds the resolved settings and the full training
   * state, all validated against each other before use: the agent predicts as the saved one did and
   * continues training exactly. An environment that is not registered must be given as `env`.
   */
  static async fromBytes<A extends AlgorithmName = AlgorithmName>(bytes: Uint8Array, options: LoadOptions<A> = {}): Promise<Agent<A>> {
    return Agent.fromCheckpoint(bytes, options, 'Agent.fromBytes', 'the checkpoint');
  }

  /**
   * Loads an agent saved by {@link save} (or a `policygrad train` checkpoint) from the file at
   * `path` (Node; at most 1 GiB, a regular file): as {@link fromBytes}.
   */
  static async load<A extends AlgorithmName = AlgorithmName>(path: string, options: LoadOptions<A> = {}): Promise<Agent<A>> {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError(`Agent.load: path must be a non-empty string, got ${describe(path)}`);
    const { readFileBounded, MAX_BINARY_FILE_BYTES } = await import('../io/read-bounded.js');
    return Agent.fromCheckpoint(readFileBounded(path, MAX_BINARY_FILE_BYTES), options, 'Agent.load', path);
  }

  private static async fromCheckpoint<A extends AlgorithmName>(bytes: Uint8Array, options: LoadOptions<A>, caller: string, source: string): Promise<Agent<A>> {
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`${caller}: expected the checkpoint's bytes as a Uint8Array, got ${describe(bytes)}`);
    if (options === null || typeof options !== 'object') throw new TypeError(`${caller}: options must be an object { env?, algo?, backend?, threads? }, got ${describe(options)}`);
    assertKnownKeys(options, ['env', 'algo', 'backend', 'threads'], `${caller} options`);
    const placement = validatePlacement({ backend: options.backend, threads: options.threads }, caller);
    const opened = openCheckpoint(bytes);
    const { config } = opened;
    if (options.algo !== undefined && config.algo !== options.algo) {
      throw new TypeError(`${caller}: ${source} is of ${quote(String(config.algo))}, not ${quote(String(options.algo))}`);
    }
    const environment = options.env ?? storedEnvironment(config, caller, source);
    await prepareIfRegistered(environment);
    const env = envSource(environment, `${caller}: env`);
    const resolved = resolvedFromConfig(config, env.probe);
    if (!env.repeatable && resolved.settings.numEnvs > 1) {
      throw new RangeError(`${caller}: ${source} was trained on ${resolved.settings.numEnvs} environments, but env is one Env instance; pass a factory () => Env`);
    }
    const probe = env.probe ?? make(env.id);
    const decoded = opened.decode(networksFor(resolved.settings, probe.observationSpace.size, probe.actionSpace));
    const trainer = await Trainer.create(resolved, placement, env.makeEnv);
    await restoreTrainerState(trainer, decoded.state, source);
    return new Agent(trainer as Trainer as Trainer<A>, environment);
  }

  /** The algorithm. */
  get algo(): A {
    return this.trainer.resolved.algo;
  }

  /** The environment's id. */
  get env(): string {
    return this.trainer.resolved.env;
  }

  /**
   * Every resolved setting. `totalSteps` is the training's length as the last `learn` set it
   * (the steps before it plus its request; before any, the default, unused).
   */
  get settings(): Readonly<SettingsOf<A>> {
    return this.trainer.resolved.settings as SettingsOf<A>;
  }

  /** Environment steps trained so far, over every `learn` call. */
  get globalStep(): number {
    return this.trainer.agent.globalStep;
  }

  /** Iterations (rollout and update) trained so far, over every `learn` call. */
  get iteration(): number {
    return this.trainer.iteration;
  }

  /** Floats per observation, as `predict` takes them. */
  get observationSize(): number {
    return this.trainer.agent.envs.observationSize;
  }

  /** The action space: `predict` gives an integer of a Discrete one, a vector within the bounds of a Box. */
  get actionSpace(): Discrete | Box {
    return this.trainer.agent.envs.unwrapped.singleActionSpace;
  }

  /**
   * A fresh instance of the agent's environment, to evaluate on: `make(id)` for an id, the
   * factory's for a factory; for an Env instance, `make(id)` when its id is registered (else pass
   * an env to `evaluate` or `evalCallback` yourself).
   */
  makeEnv(): Env {
    const { environment } = this;
    if (typeof environment === 'object' && !registeredIds().includes(environment.id)) {
      throw new RangeError(`the agent trains on an Env instance of ${quote(environment.id)}, which is not registered: pass an environment to evaluate on (an Env, a factory () => Env, or a registered id)`);
    }
    return evaluationEnv(typeof environment === 'object' ? environment.id : environment, 'env');
  }

  /**
   * Trains at least `steps` more environment steps, in whole batches of numEnvs × stepsPerEnv
   * (SB3's `learn(total_timesteps)` practice), calling each callback after each iteration; a
   * callback that returns false stops training after that iteration. Resolves to the agent.
   *
   * PPO's annealed learning rate: each call sets the training's length to the steps trained so
   * far plus `steps` (whole batches), T iterations, and the rate of iteration i is
   * lr·(1 − (i − 1)/T) — CleanRL's schedule over the training as it stands, the schedule that
   * `policygrad train --resume DIR --steps N` extends a run with. So one `learn(N)` on a new agent
   * trains exactly as `policygrad train --steps N` with the same settings, and a later call
   * continues the schedule from the current iteration towards its new end instead of restarting
   * it (as SB3's does). It depends on the iteration alone, which checkpoints keep: save → load →
   * learn gives bit for bit what learn in one process gives.
   */
  async learn(steps: number, options: LearnOptions<A> = {}): Promise<this> {
    assertInteger(steps, 'Agent.learn: steps', 1);
    if (options === null || typeof options !== 'object') throw new TypeError(`Agent.learn: options must be an object { callbacks?, progress? }, got ${describe(options)}`);
    assertKnownKeys(options, ['callbacks', 'progress'], 'Agent.learn options');
    const callbacks = options.callbacks ?? [];
    if (!Array.isArray(callbacks) || !callbacks.every((c) => typeof c === 'function')) throw new TypeError(`Agent.learn: callbacks must be an array of functions, got ${describe(callbacks)}`);
    const { trainer } = this;
    trainer.setRemainingSteps(steps);
    const bar = progressBar(options.progress ?? false, trainer);
    try {
      while (!trainer.done) {
        const metrics = await trainer.step();
        bar?.update(metrics.global_step, metrics.episodic_return);
        let proceed = true;
        for (const callback of callbacks) {
          if ((await callback({ iteration: metrics.iteration, metrics, agent: this })) === false) proceed = false;
        }
        if (!proceed) break;
      }
    } finally {
      bar?.finish();
    }
    return this;
  }

  /**
   * The action for one observation (`observationSize` numbers: a Float32Array, as environments
   * give them, or any array of numbers), as `policygrad eval` acts: the observation normalised with
   * the training statistics, frozen (if the run normalises); the most likely action — the argmax
   * of the logits, or the Gaussian's mean — or, with `deterministic: false`, a sample (from the
   * agent's own stream, seeded from its seed when it was created or loaded); a continuous action
   * clipped to the Box. Returns an integer for a Discrete action space, a new Float64Array of the
   * Box's size otherwise.
   */
  predict(observation: ArrayLike<number>, options?: PredictOptions): number | Float64Array;
  /**
   * The actions for `batch` observations given back to back, [batch][observationSize], each as
   * for one observation (the same numbers, in order): an Int32Array [batch] for a Discrete action
   * space, a Float64Array [batch][actionSize] for a Box.
   */
  predict(observations: ArrayLike<number>, options: BatchPredictOptions): Int32Array | Float64Array;
  predict(input: ArrayLike<number>, options: PredictOptions & { batch?: number } = {}): number | Int32Array | Float64Array {
    if (options === null || typeof options !== 'object') throw new TypeError(`Agent.predict: options must be an object { deterministic?, batch? }, got ${describe(options)}`);
    assertKnownKeys(options, ['deterministic', 'batch'], 'Agent.predict options');
    const { deterministic = true, batch } = options;
    if (typeof deterministic !== 'boolean') throw new TypeError(`Agent.predict: deterministic must be a boolean, got ${describe(deterministic)}`);
    const act = deterministic
      ? (this.greedy ??= policyActions(this.trainer.agent))
      : (this.sampling ??= policyActions(this.trainer.agent, Random.derive(this.trainer.agent.settings.seed, 5)));
    const size = this.observationSize;
    if (batch === undefined) {
      const action = act(observationsOf(input, size, 'Agent.predict: observation'));
      return typeof action === 'number' ? action : action.slice();
    }
    assertInteger(batch, 'Agent.predict: batch', 1);
    const observations = observationsOf(input, batch * size, `Agent.predict: observations (batch ${batch} × observationSize ${size})`);
    const space = this.actionSpace;
    const actions = 'n' in space ? new Int32Array(batch) : new Float64Array(batch * space.size);
    for (let b = 0; b < batch; b++) {
      const action = act(observations.subarray(b * size, (b + 1) * size));
      if (typeof action === 'number') actions[b] = action;
      else actions.set(action, b * action.length);
    }
    return actions;
  }

  /**
   * The agent as checkpoint bytes (safetensors, docs/checkpoints.md): the networks under PyTorch's
   * names, the resolved settings and the full training state, in Node and in browsers. Throws if
   * an environment has no `snapshot()` and `restore()`, naming it and saying what to add.
   */
  toBytes(): Promise<Uint8Array<ArrayBuffer>> {
    return trainerCheckpoint(this.trainer);
  }

  /**
   * Writes {@link toBytes} to the file at `path` (Node), atomically: a reader, or a process after
   * a crash, finds the previous file or the complete new one. The folder must exist.
   */
  async save(path: string): Promise<void> {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError(`Agent.save: path must be a non-empty string, got ${describe(path)}`);
    const bytes = await this.toBytes();
    const { writeFileAtomicSync } = await import('../io/atomic-write.js');
    writeFileAtomicSync(path, bytes);
  }

  /**
   * Stops a two-thread agent's worker thread (`threads: 2`); nothing to do on one thread. The
   * agent then predicts as before but can no longer learn or be saved. In Node the worker never
   * keeps the process alive; closing frees its memory when many agents are made.
   */
  close(): Promise<void> {
    return this.trainer.close();
  }
}

/** The checkpoint's environment id, when it is registered; otherwise the error that asks for it. */
function storedEnvironment(config: Record<string, unknown>, caller: string, source: string): string {
  const id = String(config.env);
  if (registeredIds().includes(id)) return id;
  const module = typeof config.envModule === 'string' ? ` (${source} was trained with --env-module ${quote(config.envModule)}: importing that module registers it)` : '';
  throw new RangeError(`${caller}: the environment of ${source}, ${quote(id)}, is not registered; pass it as the env option — an Env, a factory () => Env or a registered id — or register(${quote(id)}, factory) first${module}`);
}

/** `input` as a Float32Array of `length` finite numbers (itself when it is one already). */
function observationsOf(input: ArrayLike<number>, length: number, what: string): Float32Array {
  assertFiniteArray(input, what, length);
  return input instanceof Float32Array ? input : Float32Array.from(input);
}

/** The progress bar `learn` draws, if asked for: over the training's whole length, from the current step. */
function progressBar(progress: boolean | ProgressStream, trainer: Trainer): ProgressBar | undefined {
  if (progress === false) return undefined;
  const stream = progress === true ? (globalThis as { process?: { stderr?: ProgressStream } }).process?.stderr : progress;
  if (stream === undefined || typeof stream.write !== 'function') {
    throw new TypeError(`Agent.learn: progress must be true (Node's standard error), false or a stream with write(text), got ${describe(progress)}`);
  }
  return new ProgressBar({ totalSteps: trainer.totalIterations * trainer.agent.batchSize, stream, startStep: trainer.agent.globalStep });
}


