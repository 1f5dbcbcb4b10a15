// What the main thread (thread-envs.ts) and the worker (env-worker.ts) agree on: the requests that
// environments on a worker thread answer, the channel regions their arrays travel in, and the
// message that starts the worker.
import type { ChannelMemory, RegionSizes } from '../../backends/thread/thread-channel.js';

/** The requests, by code. Integer arguments and scalars as each handler documents. */
export const EnvRequest = {
  stop: 0,
  reset: 1,
  step: 2,
  snapshot: 3,
  readText: 4,
  writeText: 5,
  restore: 6,
} as const;

/** UTF-16 code units of JSON text per request: a snapshot longer than this travels in pieces. */
export const TEXT_CHUNK = 4096;

/**
 * The channel's regions, one row per environment on the worker: actions in; observations,
 * rewards and flags (1 terminated, 2 truncated) out; and a piece of a snapshot's JSON text, one
 * code unit per element.
 */
export type EnvRegion = 'actions' | 'observations' | 'rewards' | 'flags' | 'text';

export function envRegions(count: number, observationSize: number, actionSize: number): RegionSizes<EnvRegion> {
  return {
    actions: count * actionSize,
    observations: count * observationSize,
    rewards: count,
    flags: count,
    text: TEXT_CHUNK,
  };
}

/** The first and only message to the worker; it answers 'ready' or { error }. */
export interface EnvWorkerInit {
  memory: ChannelMemory;
  /** A built-in environment's id: the worker makes `count` of them with `make(id)`. */
  id: string;
  count: number;
  /** Where this thread loaded MuJoCo from, if by URL (a browser's way): the worker loads it from there too. */
  mujocoUrl?: string;
}
