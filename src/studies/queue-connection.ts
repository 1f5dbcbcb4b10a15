// The Redis queue of a distributed sweep: BullMQ (npm `bullmq`) on Redis, through the `ioredis`
// client — optional peer dependencies, loaded only by the queue commands, so that the default
// install stays small. What the submitting sweep and the workers share is named here: the queue,
// the job's data and result, and the key that holds a run's latest checkpoint and files.
import { quote } from '../util/validate.js';

/** The BullMQ queue of policygrad's runs. */
export const QUEUE_NAME = 'policygrad-runs';

/** What a job carries: everything a worker needs to start or resume the run. */
export interface RunJobData {
  /** The run's folder name (also the job's id). */
  folder: string;
  /** Its config.json. */
  config: Record<string, unknown>;
  checkpointEvery?: number;
  evalEpisodes?: number;
}

/** What a finished job returns: the run folder's files, base64. */
export interface RunJobResult {
  files: Record<string, string>;
}

/** Most bytes of a run folder's files that a job returns or a snapshot holds (before base64): 256 MiB. */
export const MAX_RUN_FILES_BYTES = 2 ** 28;

/** The Redis hash of a run's latest snapshot: file name → bytes, the checkpoint and the files it covers. */
export function snapshotKey(jobId: string): string {
  return `policygrad:${QUEUE_NAME}:snapshot:${jobId}`;
}

/** The packages, loaded on first use. */
export interface QueuePackages {
  bullmq: typeof import('bullmq');
  Redis: typeof import('ioredis').Redis;
}

/**
 * Loads bullmq and ioredis; throws an Error naming both and the command that installs them if
 * either is missing.
 */
export async function loadQueuePackages(): Promise<QueuePackages> {
  try {
    const [bullmq, ioredis] = await Promise.all([import('bullmq'), import('ioredis')]);
    return { bullmq, Redis: ioredis.Redis };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error('the queue commands (sweep --queue, worker) need the optional packages bullmq and ioredis: npm install bullmq ioredis');
    }
    throw error;
  }
}

/**
 * `url` checked: redis://HOST:PORT (or rediss:// for TLS, with an optional user, password and
 * database number, as ioredis reads them). Throws a RangeError naming `what` otherwise.
 */
export function checkRedisUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`${what} must be a URL such as redis://127.0.0.1:6379, got ${quote(url)}`);
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new RangeError(`${what} must be a redis:// or rediss:// URL with a host, such as redis://127.0.0.1:6379, got ${quote(url)}`);
  }
  return url;
}

/**
 * The options of every connection: commands wait through a lost connection (ioredis reconnects;
 * BullMQ's workers require `maxRetriesPerRequest: null`), so that a restarted Redis loses no work.
 */
export function connectionOptions(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}
