// A synchronous data collector after TorchRL's SyncDataCollector: runs a policy on a vector env
// for a fixed number of steps into preallocated storage.
import type { VectorEnv } from '../envs/vector-env.js';
import { assertInteger, assertKnownKeys } from '../util/validate.js';
import type { RolloutPolicy, PolicyOutput } from './rollout-policy.js';

/**
 * One rollout, stored time-major: index t·numEnvs + e is step t of sub-env e (observations and
 * actions have observationSize / actionSize numbers per index). Owned by the collector and
 * overwritten by the next `collect()`.
 */
export interface RolloutBatch {
  readonly numSteps: number;
  readonly numEnvs: number;
  readonly observationSize: number;
  readonly actionSize: number;
  /** Observations acted on, [numSteps][numEnvs][observationSize]. */
  readonly observations: Float32Array;
  /** The policy's actions as it gave them, unclipped (what `logProbs` refer to): Int32Array for Discrete, else Float32Array. */
  readonly actions: Int32Array | Float32Array;
  readonly rewards: Float32Array;
  /** 1 where the step ended the episode in a terminal state: no bootstrap. */
  readonly terminated: Uint8Array;
  /** 1 where the step hit the time limit: bootstrap from `finalValues`. */
  readonly truncated: Uint8Array;
  /** v(s) from the acting policy's critic. */
  readonly values: Float32Array;
  /** log π(a | s) under the behaviour policy. */
  readonly logProbs: Float32Array;
  /** Where terminated or truncated: the observation the episode ended in (the vector env has reset since). */
  readonly finalObservations: Float32Array;
  /** Where truncated and not terminated: v(final observation), asked of the policy at once; 0 elsewhere. */
  readonly finalValues: Float32Array;
  /** The observations after the last step, [numEnvs][observationSize]: where the next rollout starts. */
  readonly lastObservations: Float32Array;
  /** v(lastObservations), to bootstrap the steps cut off by the end of the rollout. */
  readonly lastValues: Float32Array;
  /** Episodes completed during this rollout. */
  readonly episodes: EpisodeStats;
}

/** Return and length of each episode completed during a rollout, in completion order. */
export interface EpisodeStats {
  count: number;
  /** Undiscounted returns, [count] valid of capacity numSteps·numEnvs. */
  readonly returns: Float64Array;
  /** Lengths in steps (whole episodes, across rollouts), [count] valid. */
  readonly lengths: Int32Array;
}

export interface CollectorOptions {
  /** Steps per sub-env in each `collect()` (CleanRL's num_steps; 128 for its CartPole PPO). */
  stepsPerEnv: number;
  /** Seed of the vector env's first reset (see SyncVectorEnv.reset). Omit to leave it unseeded. */
  seed?: number;
}

/**
 * Runs `policy` on `envs`, `stepsPerEnv` vector steps per `collect()`, continuing episodes across
 * calls (the vector env is reset once, when the collector is made). The policy's actions go to
 * `envs.step` and into the batch as they are; to clip Box actions for the environments while
 * storing them unclipped, as CleanRL does, put a `ClipActionVector` in the stack (the training
 * loop's agent does). The final observation of a truncated episode is valued by `policy.values`
 * within the same step, so GAE can bootstrap it (see `generalizedAdvantages`). Nothing is
 * allocated per step.
 */
export class Collector {
  readonly batch: RolloutBatch;
  private readonly output: PolicyOutput;
  private readonly truncatedObservations: Float32Array;
  private readonly truncatedValues: Float32Array;
  private readonly truncatedIndices: Int32Array;
  private readonly episodeReturns: Float64Array;
  private readonly episodeLengths: Int32Array;

  constructor(
    readonly envs: VectorEnv,
    readonly policy: RolloutPolicy,
    options: CollectorOptions,
  ) {
    assertKnownKeys(options, ['stepsPerEnv', 'seed'], 'Collector options');
    assertInteger(options.stepsPerEnv, 'Collector options.stepsPerEnv', 1);
    if (typeof policy?.act !== 'function' || typeof policy.values !== 'function') {
      throw new TypeError('Collector: policy must have act(observations, count, out) and values(observations, count, out)');
    }
    const { numEnvs, observationSize, actionSize } = envs;
    const numSteps = options.stepsPerEnv;
    const space = envs.singleActionSpace;
    const discrete = 'n' in space;
    const newActions = (length: number) => (discrete ? new Int32Array(length) : new Float32Array(length));
    const steps = numSteps * numEnvs;
    this.batch = {
      numSteps,
      numEnvs,
      observationSize,
      actionSize,
      observations: new Float32Array(steps * observationSize),
      actions: newActions(steps * actionSize),
      rewards: new Float32Array(steps),
      terminated: new Uint8Array(steps),
      truncated: new Uint8Array(steps),
      values: new Float32Array(steps),
      logProbs: new Float32Array(steps),
      finalObservations: new Float32Array(steps * observationSize),
      finalValues: new Float32Array(steps),
      lastObservations: new Float32Array(numEnvs * observationSize),
      lastValues: new Float32Array(numEnvs),
      episodes: { count: 0, returns: new Float64Array(steps), lengths: new Int32Array(steps) },
    };
    this.output = { actions: newActions(numEnvs * actionSize), values: new Float32Array(numEnvs), logProbs: new Float32Array(numEnvs) };
    this.truncatedObservations = new Float32Array(numEnvs * observationSize);
    this.truncatedValues = new Float32Array(numEnvs);
    this.truncatedIndices = new Int32Array(numEnvs);
    this.episodeReturns = new Float64Array(numEnvs);
    this.episodeLengths = new Int32Array(numEnvs);
    envs.reset(options.seed);
  }

  /** Runs one rollout into `batch` and returns it. */
  collect(): RolloutBatch {
    const { envs, policy, batch, output } = this;
    const { numSteps, numEnvs, observationSize, actionSize } = batch;
    batch.episodes.count = 0;
    batch.finalValues.fill(0);
    // Episode statistics count the environment's own rewards, whatever scaling training uses.
    const rawRewards = envs.rawRewards;
    for (let t = 0; t < numSteps; t++) {
      const row = t * numEnvs;
      batch.observations.set(envs.observations, row * observationSize);
      policy.act(envs.observations, numEnvs, output);
      this.checkOutput(output.values, numEnvs, 'act', 'values', t);
      this.checkOutput(output.logProbs, numEnvs, 'act', 'logProbs', t);
      batch.actions.set(output.actions, row * actionSize);
      batch.values.set(output.values, row);
      batch.logProbs.set(output.logProbs, row);
      envs.step(output.actions);

      let truncatedCount = 0;
      for (let e = 0; e < numEnvs; e++) {
        const i = row + e;
        const reward = envs.rewards[e]!;
        const rawReward = rawRewards[e]!;
        const terminated = envs.terminated[e]!;
        const truncated = envs.truncated[e]!;
        batch.rewards[i] = reward;
        batch.terminated[i] = terminated;
        batch.truncated[i] = truncated;
        this.episodeReturns[e] += rawReward;
        this.episodeLengths[e]++;
        if (terminated || truncated) {
          copyRow(envs.finalObservations, e, batch.finalObservations, i, observationSize);
          if (!terminated) {
            copyRow(envs.finalObservations, e, this.truncatedObservations, truncatedCount, observationSize);
            this.truncatedIndices[truncatedCount++] = i;
          }
          const episodes = batch.episodes;
          episodes.returns[episodes.count] = this.episodeReturns[e]!;
          episodes.lengths[episodes.count++] = this.episodeLengths[e]!;
          this.episodeReturns[e] = 0;
          this.episodeLengths[e] = 0;
        }
      }
      if (truncatedCount > 0) {
        policy.values(this.truncatedObservations, truncatedCount, this.truncatedValues);
        this.checkOutput(this.truncatedValues, truncatedCount, 'values', 'values', t);
        for (let k = 0; k < truncatedCount; k++) batch.finalValues[this.truncatedIndices[k]!] = this.truncatedValues[k]!;
      }
    }
    batch.lastObservations.set(envs.observations);
    policy.values(envs.observations, numEnvs, batch.lastValues);
    this.checkOutput(batch.lastValues, numEnvs, 'values', 'values', numSteps);
    return batch;
  }

  /** Returns and lengths of the episodes in progress, per sub-env, for an exact resume. */
  getState(): { episodeReturns: number[]; episodeLengths: number[] } {
    return { episodeReturns: Array.from(this.episodeReturns), episodeLengths: Array.from(this.episodeLengths) };
  }

  setState(state: { episodeReturns: number[]; episodeLengths: number[] }): void {
    this.episodeReturns.set(state.episodeReturns);
    this.episodeLengths.set(state.episodeLengths);
  }

  private checkOutput(array: Float32Array, count: number, method: string, field: string, step: number): void {
    for (let e = 0; e < count; e++) {
      if (!Number.isFinite(array[e]!)) throw new NonFiniteOutputError(method, field, e, array[e]!, step);
    }
  }
}

/**
 * The policy gave a non-finite number while acting: a symptom of diverged parameters, which the
 * training loop reports as such (it knows the iteration; the collector does not).
 */
export class NonFiniteOutputError extends RangeError {
  override name = 'NonFiniteOutputError';
  constructor(readonly method: string, readonly field: string, readonly index: number, readonly value: number, readonly step: number) {
    super(`Collector: policy.${method} gave a non-finite ${field}[${index}] = ${value} at step ${step}`);
  }
}

/** Copies row `from` of `source` into row `to` of `target`, rows of `size` floats, without making a view. */
function copyRow(source: Float32Array, from: number, target: Float32Array, to: number, size: number): void {
  for (let j = 0; j < size; j++) target[to * size + j] = source[from * size + j]!;
}
