// The vocabulary every algorithm shares: what it is given (a Learner — the networks it trains and
// the stream that orders its minibatches — and a prepared batch), what it reports (its metrics,
// under CleanRL's names, each algorithm's typed in its file: PPOMetrics, TRPOMetrics, …), and what
// the training loop asks of it.
import type { TrainableNetwork } from '../backends/backend.js';
import type { Policy } from '../policy/policy.js';
import type { Random } from '../random/prng.js';
import type { PreparedBatch } from '../rollout/prepared-batch.js';
import type { SettingsSchema } from '../util/settings-schema.js';

/**
 * One iteration's numbers, by name (`policy_loss`, `kl`, …), of any algorithm: the shape that
 * every algorithm's own metrics type has, and that the run's files (metrics.jsonl, progress.csv)
 * store.
 */
export type MetricsRecord = Readonly<Record<string, number>>;

/** What an algorithm uses of the agent it trains. */
export interface Learner {
  /** The policy, on the learner's backend. */
  readonly policy: Policy;
  /** The critic v(s), on the learner's backend (or, with two threads, on a worker thread of its own). */
  readonly critic: TrainableNetwork;
  /** Steps in each collected batch. */
  readonly batchSize: number;
  /** The stream that orders minibatches; its state travels in checkpoints. */
  readonly minibatchRandom: Random;
}

/** What the training loop needs of an algorithm that reports metrics `M`. */
export interface Algorithm<M extends MetricsRecord = MetricsRecord> {
  /** Learns from one batch; `iteration` counts from 1 (schedules and error messages use it). */
  update(batch: PreparedBatch, iteration: number): Promise<M>;
  /** Everything the algorithm holds besides the networks (optimiser moments, buffers), as JSON-able data. */
  getState(): Promise<object>;
  /** Restores a state from {@link getState}. */
  setState(state: object): void;
}

/** Advantage standardisation, a setting of every algorithm here. */
export const ADVANTAGE_SETTINGS = {
  normalizeAdvantages: { type: 'boolean', default: true, doc: 'standardise advantages (per minibatch for PPO, per batch otherwise)' },
} as const satisfies SettingsSchema;

/**
 * The length of a run in iterations, which a schedule (PPO's annealed learning rate) runs over.
 * Read at every update: the training loop lengthens it when a run is extended.
 */
export interface RunHorizon {
  readonly totalIterations: number;
}
