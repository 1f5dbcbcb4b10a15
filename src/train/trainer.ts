// The training loop around an algorithm: build the agent from resolved settings, then iterate —
// collect a rollout, update, report the iteration's metrics under CleanRL's names.
import type { Algorithm, Metrics } from '../algos/algorithm.js';
import { DivergenceError } from '../algos/divergence.js';
import { NPG } from '../algos/npg.js';
import { PPO } from '../algos/ppo.js';
import { PPOReuse } from '../algos/ppo-reuse.js';
import { TRPO } from '../algos/trpo.js';
import { VPG } from '../algos/vpg.js';
import { NonFiniteOutputError } from '../rollout/collector.js';
import { Agent, type AgentState, type LearnerBackend } from './agent.js';
import type { ResolvedSettings } from './settings.js';

export interface TrainerState {
  iteration: number;
  agent: AgentState;
  algorithm: object;
  policyParameters: number[];
  criticParameters: number[];
}

export class Trainer {
  iteration = 0;
  readonly totalIterations: number;

  private constructor(readonly resolved: ResolvedSettings, readonly agent: Agent, readonly algorithm: Algorithm) {
    this.totalIterations = iterationsFor(resolved.settings.totalSteps, agent.batchSize);
  }

  /** @param backend where the learner's networks live (acting runs on wasm); default wasm. */
  static async create(resolved: ResolvedSettings, backend: LearnerBackend = 'wasm'): Promise<Trainer> {
    const { settings } = resolved;
    const agent = await Agent.create({ ...settings, env: resolved.env }, settings.numEnvs * settings.stepsPerEnv, backend);
    return new Trainer(resolved, agent, createAlgorithm(resolved, agent, iterationsFor(settings.totalSteps, agent.batchSize)));
  }

  get done(): boolean {
    return this.iteration >= this.totalIterations;
  }

  /**
   * One iteration: a rollout and an update. Returns the metrics of the iteration. Throws
   * DivergenceError, naming this iteration and the quantity, at the first non-finite number: in
   * the rollout (the policy's log-probabilities, the critic's values), in the update, or in the
   * parameters after it — so that no checkpoint is ever taken of diverged parameters.
   */
  async step(): Promise<Metrics> {
    const start = performance.now();
    this.iteration++;
    let metrics: Metrics;
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
    return {
      iteration: this.iteration,
      global_step: this.agent.globalStep,
      episodic_return: episodicReturn,
      episodic_length: episodicLength,
      ...metrics,
      sps: this.agent.batchSize / seconds,
    };
  }

  async getState(): Promise<TrainerState> {
    return {
      iteration: this.iteration,
      agent: this.agent.getState(),
      algorithm: await this.algorithm.getState(),
      policyParameters: Array.from(await this.agent.policy.getParameters()),
      criticParameters: Array.from(await this.agent.critic.readParameters()),
    };
  }

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

function createAlgorithm(resolved: ResolvedSettings, agent: Agent, iterations: number): Algorithm {
  switch (resolved.algo) {
    case 'ppo':
      return new PPO(agent, resolved.settings, iterations);
    case 'ppo-reuse':
      return new PPOReuse(agent, resolved.settings, iterations);
    case 'trpo':
      return new TRPO(agent, resolved.settings);
    case 'npg':
      return new NPG(agent, resolved.settings);
    case 'vpg':
      return new VPG(agent, resolved.settings);
  }
}
