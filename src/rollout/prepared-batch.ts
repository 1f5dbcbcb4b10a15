// A collected rollout with its GAE advantages and λ-returns: what every algorithm updates on.
import type { RolloutBatch } from './collector.js';

/** A rollout with its advantages and critic targets, all time-major [numSteps][numEnvs]. */
export interface PreparedBatch extends RolloutBatch {
  readonly size: number;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
}
