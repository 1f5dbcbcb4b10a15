// One way to time things: tinybench, median latency of each task, after a warm-up.
import { Bench } from 'tinybench';

export interface Timing {
  /** Median latency per call, milliseconds. */
  medianMs: number;
  /** Relative margin of error of the mean, percent. */
  rme: number;
  samples: number;
}

/**
 * Runs each task for about `timeMs`, and at least `iterations` times (tinybench's default 64;
 * fewer for tasks that take seconds), and returns its median latency.
 */
export async function measure(tasks: Record<string, () => unknown>, timeMs = 500, iterations = 64): Promise<Record<string, Timing>> {
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs), iterations, warmupIterations: Math.min(16, iterations), throws: true });
  for (const [name, task] of Object.entries(tasks)) bench.add(name, task);
  await bench.run();
  const timings: Record<string, Timing> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`benchmark '${task.name}' did not complete: ${result.state}`);
    timings[task.name] = { medianMs: result.latency.p50, rme: result.latency.rme, samples: result.latency.samplesCount };
  }
  return timings;
}

/**
 * measure() in `rounds` short rounds, keeping each task's best round (its lowest median): on a
 * shared machine the best round is the one least slowed by other work, and since every round runs
 * every task, each task has the same chances of a quiet one. For ratios between tasks (ours
 * against a peer's), which then move less with the load than single medians do.
 */
export async function measureBestOf(tasks: Record<string, () => unknown>, rounds = 5, timeMs = 100, iterations = 16): Promise<Record<string, Timing>> {
  const best: Record<string, Timing> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, timing] of Object.entries(await measure(tasks, timeMs, iterations))) {
      if (best[name] === undefined || timing.medianMs < best[name].medianMs) best[name] = timing;
    }
  }
  return best;
}

/** Where and when a benchmark ran. */
export async function describeMachine(): Promise<string> {
  const os = await import('node:os');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** The median of `xs` (the mean of the middle two for an even count): of whole runs' figures, round by round. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
