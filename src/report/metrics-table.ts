// One iteration's metrics as the block Stable-Baselines3 prints to the terminal (its
// HumanOutputFormat), so that a user of SB3 reads it at a glance: keys grouped under rollout/,
// time/ and train/, one row each, sorted within a group, values after a bar:
//
//   ------------------------------------
//   | rollout/              |          |
//   |    ep_len_mean        | 22.4     |
//   ...
//   ------------------------------------
//
// SB3's names where they exist (ep_rew_mean, total_timesteps, fps, ...), CleanRL's (approx_kl,
// clipfrac, ...) for the algorithm's metrics under train/, as in metrics.jsonl.
import type { MetricsRecord } from '../algos/algorithm.js';

/** Fields of a metrics record that are not the algorithm's, and where the table shows them. */
const PLACED: Record<string, string | null> = {
  episodic_return: 'rollout/ep_rew_mean',
  episodic_length: 'rollout/ep_len_mean',
  iteration: 'time/iterations',
  global_step: 'time/total_timesteps',
  // The iteration's own rate; time/fps is the session's, as SB3's.
  sps: null,
};

/** What the caller measures: steps per second since the session started and seconds of training so far. */
export interface TableTimes {
  fps: number;
  timeElapsed: number;
}

/**
 * Formats a value as SB3 does: an integer whole, anything else as C's `%.3g` (three significant
 * digits, exponent form below 1e-4 and from 1e3, trailing zeros dropped; an exact tie rounds up,
 * where C rounds to even); nan, inf, -inf.
 */
export function formatTableValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return String(value);
  const [mantissa, exponentText] = value.toExponential(2).split('e') as [string, string];
  const exponent = Number(exponentText);
  const trimZeros = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  if (exponent < -4 || exponent >= 3) {
    return `${trimZeros(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trimZeros(value.toFixed(2 - exponent));
}

/** The table of `record` (a line of metrics.jsonl) with `times`, as lines ending in a newline. */
export function formatMetricsTable(record: MetricsRecord, times: TableTimes): string {
  const entries = new Map<string, string>([['time/fps', String(Math.round(times.fps))], ['time/time_elapsed', String(Math.round(times.timeElapsed))]]);
  for (const [key, value] of Object.entries(record)) {
    const place = key in PLACED ? PLACED[key] : `train/${key}`;
    if (place) entries.set(place, formatTableValue(value));
  }
  const rows: [string, string][] = [];
  let group = '';
  for (const key of [...entries.keys()].sort()) {
    const slash = key.indexOf('/');
    if (key.slice(0, slash + 1) !== group) {
      group = key.slice(0, slash + 1);
      rows.push([group, '']);
    }
    rows.push([`   ${key.slice(slash + 1)}`, entries.get(key)!]);
  }
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.max(8, ...rows.map(([, value]) => value.length));
  const rule = '-'.repeat(keyWidth + valueWidth + 7);
  return `${[rule, ...rows.map(([key, value]) => `| ${key.padEnd(keyWidth)} | ${value.padEnd(valueWidth)} |`), rule].join('\n')}\n`;
}
