// The lecture's experience buffer for sample reuse: whole trajectories, each stored with the
// log-probabilities of the behaviour policy that sampled it and that policy's version; the oldest
// are dropped when the buffer is full, because old samples make the importance weights' variance
// large.
import { assertFiniteArray, assertInteger, assertKnownKeys } from '../util/validate.js';
import type { RolloutBatch } from './collector.js';
import { generalizedAdvantages } from './gae.js';
import type { RolloutPolicy } from './rollout-policy.js';

/** How a trajectory ended: a terminal state, the time limit, or the end of the rollout that produced it. */
export type TrajectoryEnd = 'terminated' | 'truncated' | 'cut';

export interface Trajectory {
  readonly length: number;
  /** [length][observationSize]. */
  readonly observations: Float32Array;
  /** [length][actionSize], unclipped; Int32Array for a Discrete space. */
  readonly actions: Int32Array | Float32Array;
  readonly rewards: Float32Array;
  /** log π_b(a | s) under the behaviour policy, for the importance ratio π_θ / π_b. */
  readonly logProbs: Float32Array;
  /** The version (e.g. the update count) of the policy that sampled the trajectory. */
  readonly policyVersion: number;
  readonly end: TrajectoryEnd;
  /** The observation after the last step (bootstraps 'truncated' and 'cut' trajectories). */
  readonly finalObservation: Float32Array;
  /** Written by `computeAdvantages`: GAE with the critic current at that call. */
  readonly advantages: Float32Array;
  /** Written by `computeAdvantages`: the λ-returns Â + v. */
  readonly returns: Float32Array;
}

/** A trajectory to add: any numeric arrays with the same layout as {@link Trajectory}'s (they are copied). */
export interface TrajectoryInit {
  readonly observations: ArrayLike<number>;
  readonly actions: ArrayLike<number>;
  readonly rewards: ArrayLike<number>;
  readonly logProbs: ArrayLike<number>;
  readonly policyVersion: number;
  readonly end: TrajectoryEnd;
  readonly finalObservation: ArrayLike<number>;
}

/** Rows gathered from the buffer for one minibatch; `count` rows valid. */
export interface Minibatch {
  count: number;
  readonly observations: Float32Array;
  readonly actions: Int32Array | Float32Array;
  readonly logProbs: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  readonly policyVersions: Int32Array;
}

export interface TrajectoryBufferOptions {
  /** Most steps held; the oldest whole trajectories are dropped to make room. */
  capacity: number;
  observationSize: number;
  /** Numbers per action: 1 for a Discrete space. */
  actionSize: number;
  /** Whether actions are Discrete (stored as Int32Array). */
  discrete: boolean;
}

export class TrajectoryBuffer {
  readonly capacity: number;
  readonly observationSize: number;
  readonly actionSize: number;
  readonly discrete: boolean;
  private stored: Trajectory[] = [];
  /** starts[k] = the global index of trajectory k's first step; one more entry for the total. */
  private starts: number[] = [0];

  constructor(options: TrajectoryBufferOptions) {
    assertKnownKeys(options, ['capacity', 'observationSize', 'actionSize', 'discrete'], 'TrajectoryBuffer options');
    assertInteger(options.capacity, 'TrajectoryBuffer options.capacity', 1);
    assertInteger(options.observationSize, 'TrajectoryBuffer options.observationSize', 1);
    assertInteger(options.actionSize, 'TrajectoryBuffer options.actionSize', 1);
    if (typeof options.discrete !== 'boolean') throw new TypeError('TrajectoryBuffer options.discrete must be a boolean');
    if (options.discrete && options.actionSize !== 1) throw new RangeError('TrajectoryBuffer: a Discrete action space has actionSize 1');
    this.capacity = options.capacity;
    this.observationSize = options.observationSize;
    this.actionSize = options.actionSize;
    this.discrete = options.discrete;
  }

  /** The stored trajectories, oldest first. */
  get trajectories(): readonly Trajectory[] {
    return this.stored;
  }

  /** Steps stored. */
  get size(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /**
   * Adds one trajectory (its arrays are copied). Drops the oldest trajectories while the total
   * would exceed `capacity`; a trajectory longer than `capacity` is an error.
   */
  add(trajectory: TrajectoryInit): void {
    const what = 'TrajectoryBuffer.add';
    assertFiniteArray(trajectory.rewards, `${what}: rewards`);
    const length = trajectory.rewards.length;
    assertInteger(length, `${what}: trajectory length (rewards.length)`, 1, this.capacity);
    assertFiniteArray(trajectory.observations, `${what}: observations`, length * this.observationSize);
    assertFiniteArray(trajectory.actions, `${what}: actions`, length * this.actionSize);
    if (this.discrete) for (let i = 0; i < length; i++) assertInteger(trajectory.actions[i], `${what}: actions[${i}] (Discrete)`);
    assertFiniteArray(trajectory.logProbs, `${what}: logProbs`, length);
    assertFiniteArray(trajectory.finalObservation, `${what}: finalObservation`, this.observationSize);
    assertInteger(trajectory.policyVersion, `${what}: policyVersion`);
    if (!['terminated', 'truncated', 'cut'].includes(trajectory.end)) throw new RangeError(`${what}: end must be 'terminated', 'truncated' or 'cut', got ${String(trajectory.end)}`);
    while (this.size + length > this.capacity) this.dropOldest();
    this.stored.push({
      length,
      observations: Float32Array.from(trajectory.observations),
      actions: this.discrete ? Int32Array.from(trajectory.actions) : Float32Array.from(trajectory.actions),
      rewards: Float32Array.from(trajectory.rewards),
      logProbs: Float32Array.from(trajectory.logProbs),
      policyVersion: trajectory.policyVersion,
      end: trajectory.end,
      finalObservation: Float32Array.from(trajectory.finalObservation),
      advantages: new Float32Array(length),
      returns: new Float32Array(length),
    });
    this.starts.push(this.size + length);
  }

  /**
   * Splits a rollout into trajectories and adds them: for each sub-env, a trajectory ends at every
   * terminated or truncated step and at the rollout's end ('cut'; the next rollout continues that
   * episode in a new trajectory).
   */
  addRollout(batch: RolloutBatch, policyVersion: number): void {
    const { numSteps, numEnvs, observationSize: obs, actionSize: act } = batch;
    if (obs !== this.observationSize || act !== this.actionSize) {
      throw new RangeError(`TrajectoryBuffer.addRollout: batch has observationSize ${obs} and actionSize ${act}, the buffer ${this.observationSize} and ${this.actionSize}`);
    }
    for (let e = 0; e < numEnvs; e++) {
      let start = 0;
      for (let t = 0; t < numSteps; t++) {
        const i = t * numEnvs + e;
        const ends = batch.terminated[i] ? 'terminated' : batch.truncated[i] ? 'truncated' : t === numSteps - 1 ? 'cut' : undefined;
        if (ends === undefined) continue;
        // Rows start..t of sub-env e, each `width` numbers wide, out of the time-major batch.
        const column = (source: ArrayLike<number>, width: number) => {
          const out = new Float64Array((t + 1 - start) * width);
          for (let k = 0; k < t + 1 - start; k++) {
            for (let j = 0; j < width; j++) out[k * width + j] = source[((start + k) * numEnvs + e) * width + j]!;
          }
          return out;
        };
        this.add({
          observations: column(batch.observations, obs),
          actions: column(batch.actions, act),
          rewards: column(batch.rewards, 1),
          logProbs: column(batch.logProbs, 1),
          policyVersion,
          end: ends,
          finalObservation: ends === 'cut' ? batch.lastObservations.slice(e * obs, (e + 1) * obs) : batch.finalObservations.slice(i * obs, (i + 1) * obs),
        });
        start = t + 1;
      }
    }
  }

  /**
   * Recomputes every trajectory's advantages and returns with the current critic (`policy.values`)
   * by GAE(γ, λ): no bootstrap after a terminated trajectory, v(finalObservation) after a truncated
   * or cut one.
   */
  computeAdvantages(policy: Pick<RolloutPolicy, 'values'>, gamma: number, lambda: number): void {
    for (const trajectory of this.stored) {
      const { length } = trajectory;
      const values = new Float32Array(length);
      policy.values(trajectory.observations, length, values);
      const finalValue = new Float32Array(1);
      if (trajectory.end !== 'terminated') policy.values(trajectory.finalObservation, 1, finalValue);
      const terminated = new Uint8Array(length);
      terminated[length - 1] = trajectory.end === 'terminated' ? 1 : 0;
      generalizedAdvantages(
        { numSteps: length, numEnvs: 1, rewards: trajectory.rewards, values, terminated, truncated: new Uint8Array(length), finalValues: new Float32Array(length), lastValues: finalValue },
        gamma,
        lambda,
        trajectory.advantages,
        trajectory.returns,
      );
    }
  }

  /** A minibatch buffer for up to `maxCount` rows, to pass to `gather`. */
  createMinibatch(maxCount: number): Minibatch {
    assertInteger(maxCount, 'TrajectoryBuffer.createMinibatch: maxCount', 1);
    return {
      count: 0,
      observations: new Float32Array(maxCount * this.observationSize),
      actions: this.discrete ? new Int32Array(maxCount) : new Float32Array(maxCount * this.actionSize),
      logProbs: new Float32Array(maxCount),
      advantages: new Float32Array(maxCount),
      returns: new Float32Array(maxCount),
      policyVersions: new Int32Array(maxCount),
    };
  }

  /**
   * Copies the steps at global `indices` (in [0, size): trajectories oldest first, steps in order)
   * into `out`, row k from `indices[k]`. Use with `epochMinibatches(buffer.size, …)` or
   * `randomIndices(buffer.size, …)`.
   */
  gather(indices: ArrayLike<number>, out: Minibatch): Minibatch {
    if (indices.length > out.logProbs.length) throw new RangeError(`TrajectoryBuffer.gather: ${indices.length} indices exceed the minibatch's ${out.logProbs.length} rows`);
    const obs = this.observationSize;
    const act = this.actionSize;
    for (let k = 0; k < indices.length; k++) {
      const index = indices[k]!;
      if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`TrajectoryBuffer.gather: indices[${k}] must be an integer in [0, ${this.size - 1}], got ${index}`);
      const which = this.locate(index);
      const trajectory = this.stored[which]!;
      const step = index - this.starts[which]!;
      out.observations.set(trajectory.observations.subarray(step * obs, (step + 1) * obs), k * obs);
      out.actions.set(trajectory.actions.subarray(step * act, (step + 1) * act), k * act);
      out.logProbs[k] = trajectory.logProbs[step]!;
      out.advantages[k] = trajectory.advantages[step]!;
      out.returns[k] = trajectory.returns[step]!;
      out.policyVersions[k] = trajectory.policyVersion;
    }
    out.count = indices.length;
    return out;
  }

  /** The stored trajectories as plain data, oldest first, for a checkpoint. */
  getState(): TrajectoryInit[] {
    return this.stored.map((t) => ({
      observations: Array.from(t.observations), actions: Array.from(t.actions), rewards: Array.from(t.rewards), logProbs: Array.from(t.logProbs),
      policyVersion: t.policyVersion, end: t.end, finalObservation: Array.from(t.finalObservation),
    }));
  }

  /** Replaces the contents with trajectories from {@link getState} (validated as `add` does). */
  setState(trajectories: readonly TrajectoryInit[]): void {
    this.clear();
    for (const trajectory of trajectories) this.add(trajectory);
  }

  /** Removes every trajectory. */
  clear(): void {
    this.stored = [];
    this.starts = [0];
  }

  /** The trajectory holding global step `index` (binary search over the starts). */
  private locate(index: number): number {
    let low = 0;
    let high = this.stored.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private dropOldest(): void {
    const dropped = this.stored.shift()!;
    this.starts = this.starts.slice(1).map((start) => start - dropped.length);
  }
}
