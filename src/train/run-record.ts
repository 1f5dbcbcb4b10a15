// What summary.json reports about a whole run, across every session of it (a first `train`, then
// `--resume` after Ctrl-C, a preemption or a crash): the training wall time, when the mean return
// first reached the threshold, and the final evaluation the run asked for. The trainer's state
// knows none of this — it is the same bits however long the sessions took — so the record travels
// in the checkpoint beside it (metadata `run`) and each session continues it.

export interface FirstSolved {
  /** The global step of the first iteration whose mean return reached the threshold. */
  step: number;
  /** Training wall seconds into the run (all sessions) at that iteration. */
  seconds: number;
}

export interface EvaluationSummary {
  episodes: number;
  mean: number;
  std: number;
}

/** The record as it is stored (JSON). */
export interface RunRecordJson {
  /** Wall seconds spent training over the sessions up to the checkpoint (evaluation excluded). */
  wallSeconds: number;
  firstSolved: FirstSolved | null;
  /** Episodes of the final evaluation the run asked for (--eval-episodes); 0 for none. */
  evalEpisodes: number;
  /** That evaluation, once done. */
  evaluation: EvaluationSummary | null;
}

export class RunRecord {
  private savedSeconds: number;
  private sessionSeconds = 0;
  private sessionStart = 0;
  firstSolved: FirstSolved | null;
  evalEpisodes: number;
  evaluation: EvaluationSummary | null;

  /**
   * @param saved the record of the checkpoint a session resumes from; none for a new run.
   * @param now monotonic clock, milliseconds (default `performance.now`).
   */
  constructor(saved: RunRecordJson | undefined, private readonly now: () => number = () => performance.now()) {
    this.savedSeconds = saved?.wallSeconds ?? 0;
    this.firstSolved = saved?.firstSolved ?? null;
    this.evalEpisodes = saved?.evalEpisodes ?? 0;
    this.evaluation = saved?.evaluation ?? null;
  }

  /** Starts this session's clock: call right before the first iteration. */
  startSession(): void {
    this.sessionStart = this.now();
  }

  /**
   * After each iteration: the session's time so far joins the run's, and the first iteration whose
   * mean return reaches `threshold` (if the environment has one) is remembered. A session that runs
   * no iteration (resuming a finished run) adds no time.
   */
  iterationDone(globalStep: number, episodicReturn: number | undefined, threshold: number | undefined): void {
    this.sessionSeconds = (this.now() - this.sessionStart) / 1000;
    if (this.firstSolved === null && threshold !== undefined && episodicReturn !== undefined && episodicReturn >= threshold) {
      this.firstSolved = { step: globalStep, seconds: this.wallSeconds };
    }
  }

  /** Training wall seconds of the whole run up to the last iteration done. */
  get wallSeconds(): number {
    return this.savedSeconds + this.sessionSeconds;
  }

  toJSON(): RunRecordJson {
    return { wallSeconds: this.wallSeconds, firstSolved: this.firstSolved, evalEpisodes: this.evalEpisodes, evaluation: this.evaluation };
  }
}

/**
 * The record stored in a checkpoint, checked field by field; undefined for a checkpoint written
 * before records were kept (its run's earlier sessions are then not counted).
 */
export function parseRunRecord(json: Record<string, unknown> | undefined, source: string): RunRecordJson | undefined {
  if (json === undefined) return undefined;
  const problem = (field: string, expected: string) => new Error(`${source}: run record field '${field}' must be ${expected}, got ${JSON.stringify(json[field])}`);
  const { wallSeconds, firstSolved, evalEpisodes, evaluation } = json;
  if (!(typeof wallSeconds === 'number' && Number.isFinite(wallSeconds) && wallSeconds >= 0)) throw problem('wallSeconds', 'a finite number ≥ 0');
  if (!(Number.isInteger(evalEpisodes) && (evalEpisodes as number) >= 0)) throw problem('evalEpisodes', 'an integer ≥ 0');
  const isNumbers = (value: unknown, keys: readonly string[]) => value !== null && typeof value === 'object' && keys.every((key) => Number.isFinite((value as Record<string, unknown>)[key]));
  if (firstSolved !== null && !isNumbers(firstSolved, ['step', 'seconds'])) throw problem('firstSolved', 'null or { step, seconds } of finite numbers');
  if (evaluation !== null && !isNumbers(evaluation, ['episodes', 'mean', 'std'])) throw problem('evaluation', 'null or { episodes, mean, std } of finite numbers');
  const pick = <T extends object>(value: unknown, keys: readonly (keyof T)[]) => Object.fromEntries(keys.map((key) => [key, (value as T)[key]])) as T;
  return {
    wallSeconds,
    firstSolved: firstSolved === null ? null : pick<FirstSolved>(firstSolved, ['step', 'seconds']),
    evalEpisodes: evalEpisodes as number,
    evaluation: evaluation === null ? null : pick<EvaluationSummary>(evaluation, ['episodes', 'mean', 'std']),
  };
}
