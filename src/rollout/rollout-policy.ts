// What the collector needs from a policy. The networks implement it; tests use small hand-written ones.

/** Buffers a policy writes for a batch of `count` observations. */
export interface PolicyOutput {
  /** Sampled actions: [count] integers for a Discrete space, [count][actionSize] for a Box space (unclipped). */
  readonly actions: Int32Array | Float32Array;
  /** The critic's v(s) for each observation, [count]. */
  readonly values: Float32Array;
  /** log π(a | s) of each sampled action under the acting (behaviour) policy, [count]. */
  readonly logProbs: Float32Array;
}

export interface RolloutPolicy {
  /**
   * Samples actions for the first `count` rows of `observations` ([count][observationSize],
   * row-major) and writes them with their values and log-probabilities into `out`.
   */
  act(observations: Float32Array, count: number, out: PolicyOutput): void;
  /** Writes the critic's v(s) for the first `count` rows of `observations` into `out[0..count)`. */
  values(observations: Float32Array, count: number, out: Float32Array): void;
}
