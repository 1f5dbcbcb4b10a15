// The training loop around an algorithm: build the training agent from resolved settings, then
// iterate — collect a rollout, update, report the iteration's metrics under CleanRL's names.
import type { Algorithm, MetricsRecord, RunHorizon } from '../algos/algorithm.js';
import { DivergenceError } from '../algos/divergence.js';
import { NPG, type NPGMetrics } from '../algos/npg.js';
import { PPO, type PPOMetrics } from '../algos/ppo.js';
import { PPOReuse, type PPOReuseMetrics } from '../algos/ppo-reuse.js';
import { TRPO, type TRPOMetrics } from '../algos/trpo.js';
import { VPG, type VPGMetrics } from '../algos/vpg.js';
import type { Env } from '../envs/env.js';
import { NonFiniteOutputError } from '../rollout/collector.js';
import { assertInteger } from '../util/validate.js';
import { TrainingAgent, type TrainingAgentState, type LearnerPlacement } from './training-agent.js';
import type { AlgorithmName, ResolvedFor, ResolvedSettings } from './settings.js';

/** Everything a run's next iterations depend on, as JSON data: what a checkpoint holds (checkpoint.ts). */
export interface TrainerState {
  /** Iterations done. */
  iteration: number;
  /** The training agent's: step count, environments, episode statistics, random streams, normalisation. */
  agent: TrainingAgentState;
  /** The algorithm's: optimiser moments, a sample-reuse buffer. */
  algorithm: object;
  /** The policy's parameters: the network's, then the distribution's own (a Gaussian's log-std). */
  policyParameters: number[];
  /** The critic's parameters. */
  criticParameters: number[];
}

/** What the trainer reports of every iteration, whatever the algorithm (CleanRL's names). */
export type TrainerMetrics = {
  /** The iteration, counted from 1 over the whole run. */
  iteration: number;
  /** Environment steps trained so far, this iteration's included. */
  global_step: number;
  /** Mean return of the last 100 episodes (NaN until one has ended; null in metrics.jsonl). */
  episodic_return: number;
  /** Mean length of the last 100 episodes, steps (NaN until one has ended). */
  episodic_length: number;
  /** Steps per second of the iteration's wall-clock time: the one metric that varies run to run. */
  sps: number;
};

/** Each algorithm's own metrics, by its name. */
export interface AlgorithmMetrics {
  ppo: PPOMetrics;
  'ppo-reuse': PPOReuseMetrics;
  trpo: TRPOMetrics;
  npg: NPGMetrics;
  vpg: VPGMetrics;
}

/**
 * One iteration's metrics of algorithm A: the trainer's and the algorithm's, each typed, so that
 * `metrics.approx_kl` of a PPO run compiles and `metrics.aprox_kl` or `metrics.kl` does not. For
 * several algorithms (A a union), the union of their metrics.
 */
export type MetricsOf<A extends AlgorithmName> = { [K in AlgorithmName]: TrainerMetrics & AlgorithmMetrics[K] }[A];

/**
 * The training loop of algorithm A, as `policygrad train` and the high-level Agent run it: `step`
 * collects one rollout and updates once, until `done` (the run's length, `totalSteps` in whole
 * batches); `getState`/`setState` save and restore it exactly.
 *
 * @example
 * const trainer = await Trainer.create(resolveTrainingSettings('trpo', 'CartPole-v1', { totalSteps: 200_000 }));
 * while (!trainer.done) console.log((await trainer.step()).kl);
 */
export class Trainer<out A extends AlgorithmName = AlgorithmName> {
  iteration = 0;
  private resolvedSettings: ResolvedFor<A>;

  private constructor(
    resolved: ResolvedFor<A>, readonly agent: TrainingAgent, readonly algorithm: Algorithm<AlgorithmMetrics[A]>,
    /** The run's length, which PPO's schedule reads at every update. */
    private readonly horizon: { totalIterations: number },
  ) {
    this.resolvedSettings = resolved;
  }

  /** The run's resolved settings; `settings.totalSteps` is the run's length as it stands ({@link setRemainingSteps}). */
  get resolved(): ResolvedFor<A> {
    return this.resolvedSettings;
  }

  /**
   * Builds the training agent and the algorithm for `resolved` (resolveTrainingSettings'), nothing trained.
   *
   * @param placement where the learner's networks live (acting runs on wasm) and on how many
   *   threads; default wasm, one thread.
   * @param makeEnv builds each of the `numEnvs` sub-environments, called once for each; default
   *   `make(resolved.env)`, the registered environment.
   */
  static async create<R extends ResolvedSettings>(resolved: R, placement: LearnerPlacement = {}, makeEnv?: () => Env): Promise<Trainer<R['algo']>> {
    const { settings } = resolved;
    const agent = await TrainingAgent.create({ ...settings, env: resolved.env }, settings.numEnvs * settings.stepsPerEnv, placement, makeEnv);
    const horizon = { totalIterations: iterationsFor(settings.totalSteps, agent.batchSize) };
    const algorithm = createAlgorithm(resolved, agent, horizon) as Algorithm<AlgorithmMetrics[R['algo']]>;
    return new Trainer<R['algo']>(resolved as ResolvedSettings as ResolvedFor<R['algo']>, agent, algorithm, horizon);
  }

  /** The run's iterations: ⌈totalSteps / batch size⌉. */
  get totalIterations(): number {
    return this.horizon.totalIterations;
  }

  /** Whether the run's iterations are all done. */
  get done(): boolean {
    return this.iteration >= this.totalIterations;
  }

  /**
   * Sets the run's length to the steps trained so far plus at least `steps` more, in whole
   * batches (totalSteps becomes globalStep + steps): the iterations that {@link done} counts to and
   * that PPO's learning rate anneals over from the next update on — as `policygrad train --resume
   * DIR --steps N` extends a run.
   */
  setRemainingSteps(steps: number): void {
    assertInteger(steps, 'steps', 1);
    const totalSteps = this.agent.globalStep + steps;
    this.resolvedSettings = { ...this.resolvedSettings, settings: { ...this.resolvedSettings.settings, totalSteps } };
    this.horizon.totalIterations = iterationsFor(totalSteps, this.agent.batchSize);
  }

  /**
   * One iteration: a rollout and an update. Returns the metrics of the iteration. Throws
   * DivergenceError, naming this iteration and the quantity, at the first non-finite number: in
   * the rollout (the policy's log-probabilities, the critic's values), in the update, or in the
   * parameters after it — so that no checkpoint is ever taken of diverged parameters.
   */
  async step(): Promise<MetricsOf<A>> {
    const start = performance.now();
    this.iteration++;
    let metrics: AlgorithmMetrics[A];
    let batch;
    try {
      batch = this.agent.collect();
    } catch (error) {
      if (!(error instanceof NonFiniteOutputError)) throw error;
      throw new DivergenceError(`acting policy's ${error.field}[${error.index}] (policy.${error.method} at rollout step ${error.step})`, error.value, this.iteration);
    }
    try {
      metrics = await this.algorithm.update(batch, this.iteration);
      await this.agent.syncActing();
    } catch (error) {
      throw error instanceof DivergenceError ? error.at(this.iteration) : error;
    }
    const { episodicReturn, episodicLength } = this.agent.episodeStatistics();
    const seconds = (performance.now() - start) / 1000;
    const record: TrainerMetrics & MetricsRecord = {
      iteration: this.iteration,
      global_step: this.agent.globalStep,
      episodic_return: episodicReturn,
      episodic_length: episodicLength,
      ...metrics,
      sps: this.agent.batchSize / seconds,
    };
    return record as MetricsOf<A>;
  }

  /** The run's state, for a checkpoint (reads the learner's networks back from their backend). */
  async getState(): Promise<TrainerState> {
    return {
      iteration: this.iteration,
      agent: this.agent.getState(),
      algorithm: await this.algorithm.getState(),
      policyParameters: Array.from(await this.agent.policy.getParameters()),
      criticParameters: Array.from(await this.agent.critic.readParameters()),
    };
  }

  /** Stops the worker threads of a two-thread run (see TrainingAgent.close). */
  close(): Promise<void> {
    return this.agent.close();
  }

  /** Restores a state of {@link getState} (of a trainer of the same settings); validate-state.ts checks one first. */
  async setState(state: TrainerState): Promise<void> {
    this.iteration = state.iteration;
    this.agent.setState(state.agent);
    this.algorithm.setState(state.algorithm);
    this.agent.policy.setParameters(state.policyParameters);
    this.agent.critic.setParameters(state.criticParameters);
    await this.agent.syncActing();
  }
}

/**
 * The iterations that train at least `totalSteps` environment steps in whole batches of
 * `batchSize`: SB3's `learn(total_timesteps)` practice, which collects rollouts until the count
 * reaches the request, so a run trains the request rounded up to a multiple of the batch. PPO's
 * annealing schedules run over these iterations.
 */
export function iterationsFor(totalSteps: number, batchSize: number): number {
  return Math.ceil(totalSteps / batchSize);
}

function createAlgorithm(resolved: ResolvedSettings, agent: TrainingAgent, horizon: RunHorizon): Algorithm {
  switch (resolved.algo) {
    case 'ppo':
      return new PPO(agent, resolved.settings, horizon);
    case 'ppo-reuse':
      return new PPOReuse(agent, resolved.settings, horizon);
    case 'trpo':
      return new TRPO(agent, resolved.settings);
    case 'npg':
      return new NPG(agent, resolved.settings);
    case 'vpg':
      return new VPG(agent, resolved.settings);
  }
}
