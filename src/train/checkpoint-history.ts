// The last K checkpoints of a run. `checkpoint.safetensors` is always the newest; before it is
// replaced, the one it holds is kept as `checkpoint-ITER.safetensors` (a hard link: no copy, and
// no moment without a checkpoint.safetensors), and the oldest beyond K are removed. A run that
// diverges stops before it saves diverged parameters, but the newest checkpoint may already hold
// parameters on their way to exploding; the older ones are the way back.
import { linkSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';

export const CHECKPOINT_FILE = 'checkpoint.safetensors';

/** The name of the kept checkpoint of `iteration`. */
export function historyCheckpointFile(iteration: number): string {
  return `checkpoint-${iteration}.safetensors`;
}

const HISTORY_NAME = /^checkpoint-(\d+)\.safetensors$/;

export class CheckpointHistory {
  /** The iteration of the checkpoint.safetensors in the folder, once there is one (set it on resume). */
  latestIteration: number | undefined;

  /**
   * @param out the run folder
   * @param keep checkpoints to keep, the newest among them (≥ 1; 1 keeps no older ones)
   */
  constructor(readonly out: string, readonly keep: number) {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`CheckpointHistory: keep must be an integer ≥ 1, got ${keep}`);
  }

  /**
   * Call before checkpoint.safetensors is replaced by the checkpoint of `iteration`: keeps the
   * current one under its iteration's name, and removes kept ones beyond `keep` — and any of
   * iterations from `iteration` on, left by an earlier attempt that a resume went back from.
   */
  beforeSave(iteration: number): void {
    const previous = this.latestIteration;
    this.latestIteration = iteration;
    if (this.keep > 1 && previous !== undefined && previous < iteration) this.keepCurrent(previous);
    const kept = readdirSync(this.out).flatMap((name) => {
      const match = HISTORY_NAME.exec(name);
      return match ? [{ name, iteration: Number(match[1]) }] : [];
    }).sort((a, b) => b.iteration - a.iteration);
    const abandoned = kept.filter((k) => k.iteration >= iteration);
    const beyond = kept.filter((k) => k.iteration < iteration).slice(this.keep - 1);
    for (const { name } of [...abandoned, ...beyond]) unlinkSync(join(this.out, name));
  }

  /** checkpoint.safetensors, also under the name of its iteration. */
  private keepCurrent(iteration: number): void {
    const current = join(this.out, CHECKPOINT_FILE);
    const target = join(this.out, historyCheckpointFile(iteration));
    try {
      unlinkSync(target);
    } catch {
      // Not there: the usual case.
    }
    try {
      linkSync(current, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // no checkpoint yet
      // A file system without hard links: a copy, written atomically.
      writeFileAtomicSync(target, readFileSync(current));
    }
  }
}
