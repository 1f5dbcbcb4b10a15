// The training loop around an algorithm: build the agent from resolved settings, then iterate —
// collect a rollout, update, report the iteration's metrics under CleanRL's names.
import { Agent, type AgentSettings, type AgentState, type LearnerBackend } from '../algos/agent.js';
import { NPG } from '../algos/npg.js';
import { PPO, type Metrics } from '../algos/ppo.js';
import { PPOReuse } from '../algos/ppo-reuse.js';
import { TRPO } from '../algos/trpo.js';
import { VPG } from '../algos/vpg.js';
import type { AlgorithmName, ResolvedSettings, Settings } from './settings.js';

/** What the loop needs of an algorithm. */
export interface Algorithm {
  update(batch: ReturnType<Agent['collect']>, iteration: number): Promise<Metrics>;
  getState(): Promise<object>;
  setState(state: never): void;
}

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
    this.totalIterations = Math.floor((resolved.settings.totalSteps as number) / agent.batchSize);
  }

  /** @param backend where the learner's networks live (acting runs on wasm); default wasm. */
  static async create(resolved: ResolvedSettings, backend: LearnerBackend = 'wasm'): Promise<Trainer> {
    const s = resolved.settings;
    const agentSettings: AgentSettings = {
      env: resolved.env,
      seed: s.seed as number,
      numEnvs: s.numEnvs as number,
      stepsPerEnv: s.stepsPerEnv as number,
      gamma: s.gamma as number,
      gaeLambda: s.gaeLambda as number,
      hiddenSizes: s.hiddenSizes as number[],
      activation: s.activation as AgentSettings['activation'],
      normalizeObservations: s.normalizeObservations as boolean,
      normalizeRewards: s.normalizeRewards as boolean,
    };
    const agent = await Agent.create(agentSettings, agentSettings.numEnvs * agentSettings.stepsPerEnv, backend);
    const iterations = Math.floor((s.totalSteps as number) / agent.batchSize);
    return new Trainer(resolved, agent, createAlgorithm(resolved.algo, agent, s, iterations));
  }

  get done(): boolean {
    return this.iteration >= this.totalIterations;
  }

  /** One iteration: a rollout and an update. Returns the metrics of the iteration. */
  async step(): Promise<Metrics> {
    const start = performance.now();
    this.iteration++;
    const batch = this.agent.collect();
    const metrics = await this.algorithm.update(batch, this.iteration);
    await this.agent.syncActing();
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
    this.algorithm.setState(state.algorithm as never);
    this.agent.policy.setParameters(state.policyParameters);
    this.agent.critic.setParameters(state.criticParameters);
    await this.agent.syncActing();
  }
}

function createAlgorithm(algo: AlgorithmName, agent: Agent, s: Settings, iterations: number): Algorithm {
  const settings = s as never;
  switch (algo) {
    case 'ppo':
      return new PPO(agent, settings, iterations);
    case 'ppo-reuse':
      return new PPOReuse(agent, settings, iterations);
    case 'trpo':
      return new TRPO(agent, settings);
    case 'npg':
      return new NPG(agent, settings);
    case 'vpg':
      return new VPG(agent, settings);
  }
}
