// Learning curves as a self-contained SVG: return against environment steps, one colour per
// label; several runs (seeds) of a label drawn as their median with a min–max band. A run of any
// length is first downsampled (downsampled-curve.ts), and nothing here spreads a run's points into
// a call's arguments: `Math.min(...steps)` throws "Maximum call stack size exceeded" past about
// 60,000 points, which a run of 63,000 iterations reached.
import { downsampleCurve } from './downsampled-curve.js';

/**
 * One run's curve: `steps[i]` global environment steps (not decreasing), `returns[i]` the episodic
 * return there.
 */
export interface CurveRun {
  /** Runs with the same label are one group: median line and band, one legend entry. */
  label: string;
  steps: readonly number[];
  returns: readonly number[];
}

export interface LearningCurveOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** A dashed horizontal line, e.g. the environment's "solved at" return. */
  threshold?: { value: number; label: string };
  /** Pixels. Default 800 × 480 plus 18 per legend row. */
  width?: number;
  height?: number;
}

/** Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
/** Points on the common step grid where a group of several runs is summarised. */
const GRID_POINTS = 200;

/** A summary of the runs of one label, on one step grid. */
export interface CurveGroup {
  label: string;
  runs: number;
  steps: number[];
  median: number[];
  /** Min and max over the runs at each step; equal to the median for a single run. */
  low: number[];
  high: number[];
}

/**
 * Groups runs by label. Each run is downsampled to at most 2,000 points (per bucket of steps its
 * first, lowest, highest and last point; a run with fewer points than buckets keeps them all). A
 * single run keeps those points; several runs are sampled by linear interpolation on a grid
 * spanning all of them and summarised at each grid step over the runs whose data cover it (a
 * shorter run drops out where it ends).
 */
export function summariseRuns(runs: readonly CurveRun[]): CurveGroup[] {
  const labels = [...new Set(runs.map((run) => run.label))];
  return labels.map((label) => {
    const members = runs.filter((run) => run.label === label && run.steps.length > 0).map((run) => {
      const { steps, values } = downsampleCurve(run.steps, run.returns);
      return { label, steps, returns: values };
    });
    if (members.length === 1) {
      const { steps, returns } = members[0]!;
      return { label, runs: 1, steps, median: returns, low: [...returns], high: [...returns] };
    }
    const first = minimum(members.map((run) => run.steps[0]!));
    const last = maximum(members.map((run) => run.steps[run.steps.length - 1]!));
    const group: CurveGroup = { label, runs: members.length, steps: [], median: [], low: [], high: [] };
    for (let i = 0; i < GRID_POINTS && members.length > 0; i++) {
      const step = first + ((last - first) * i) / (GRID_POINTS - 1);
      const values = members.map((run) => interpolate(run, step)).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
      if (values.length === 0) continue;
      group.steps.push(step);
      group.median.push(median(values));
      group.low.push(values[0]!);
      group.high.push(values[values.length - 1]!);
    }
    return group;
  });
}

function interpolate(run: CurveRun, step: number): number | undefined {
  const { steps, returns } = run;
  if (step < steps[0]! || step > steps[steps.length - 1]!) return undefined;
  // The first index whose step is ≥ `step`, by bisection.
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const middle = (lo + hi) >> 1;
    if (steps[middle]! >= step) hi = middle;
    else lo = middle + 1;
  }
  if (steps[hi] === step || hi === 0) return returns[hi]!;
  const before = hi - 1;
  const t = (step - steps[before]!) / (steps[hi]! - steps[before]!);
  return returns[before]! + t * (returns[hi]! - returns[before]!);
}

/** The least of `values` (Infinity if none), in a loop: no argument list to overflow the stack. */
function minimum(values: Iterable<number>): number {
  let least = Infinity;
  for (const value of values) if (value < least) least = value;
  return least;
}

function maximum(values: Iterable<number>): number {
  let most = -Infinity;
  for (const value of values) if (value > most) most = value;
  return most;
}

function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * About `count` round tick values (1, 2 or 5 × 10^k apart) covering [low, high]; the range is
 * widened to the outer ticks.
 */
export function niceTicks(low: number, high: number, count = 6): number[] {
  if (!(high > low)) {
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
    return niceTicks(low - pad, high + pad, count);
  }
  const raw = (high - low) / count;
  // The host's log10 and ** are fine here: ticks only place ink, no number of a run goes through them.
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const spacing = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let k = Math.floor(low / spacing); k * spacing <= high + spacing * 0.999; k++) ticks.push(roundTo(k * spacing, spacing));
  return ticks;
}

/** Removes the binary noise of k·spacing (0.30000000000000004). */
function roundTo(value: number, spacing: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(spacing)) + 1);
  return Number(value.toFixed(Math.min(decimals, 20)));
}

/** Steps as people write them: 0, 250k, 1.5M. */
export function formatSteps(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toPrecision(4)));
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The SVG document (a string) of the learning curves of `runs`. */
export function learningCurveSvg(runs: readonly CurveRun[], options: LearningCurveOptions = {}): string {
  const groups = summariseRuns(runs).filter((group) => group.steps.length > 0);
  const { title = 'Learning curves', xLabel = 'environment steps', yLabel = 'episodic return', threshold, width = 800, height = 480 + 18 * groups.length } = options;
  // The legend sits under the x axis, one row per group, where it can never hide a curve.
  const legendRow = 18;
  const margin = { left: 72, right: 24, top: 48, bottom: 60 + groups.length * legendRow };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;

  const allSteps = groups.flatMap((g) => g.steps);
  const allValues = groups.flatMap((g) => g.low.concat(g.high));
  if (threshold) allValues.push(threshold.value);
  const xTicks = niceTicks(Math.min(0, minimum(allSteps)), allSteps.length > 0 ? maximum(allSteps) : 1);
  const yTicks = niceTicks(allValues.length > 0 ? minimum(allValues) : 0, allValues.length > 0 ? maximum(allValues) : 1);
  const [x0, x1] = [xTicks[0]!, xTicks[xTicks.length - 1]!];
  const [y0, y1] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const px = (step: number) => margin.left + ((step - x0) / (x1 - x0)) * plotWidth;
  const py = (value: number) => margin.top + (1 - (value - y0) / (y1 - y0)) * plotHeight;
  const point = (step: number, value: number) => `${px(step).toFixed(1)},${py(value).toFixed(1)}`;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);

  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  for (const t of xTicks) out.push(`<line x1="${px(t).toFixed(1)}" y1="${margin.top}" x2="${px(t).toFixed(1)}" y2="${margin.top + plotHeight}"/>`);
  for (const t of yTicks) out.push(`<line x1="${margin.left}" y1="${py(t).toFixed(1)}" x2="${margin.left + plotWidth}" y2="${py(t).toFixed(1)}"/>`);
  out.push('</g>');

  out.push('<g class="x-axis" text-anchor="middle">');
  for (const t of xTicks) out.push(`<text x="${px(t).toFixed(1)}" y="${margin.top + plotHeight + 18}">${escapeXml(formatSteps(t))}</text>`);
  out.push(`<text x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight + 40}" font-size="13">${escapeXml(xLabel)}</text>`);
  out.push('</g>');
  out.push('<g class="y-axis" text-anchor="end">');
  for (const t of yTicks) out.push(`<text x="${margin.left - 8}" y="${(py(t) + 4).toFixed(1)}">${escapeXml(String(t))}</text>`);
  out.push(`<text x="18" y="${margin.top + plotHeight / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 18 ${margin.top + plotHeight / 2})">${escapeXml(yLabel)}</text>`);
  out.push('</g>');
  out.push(`<rect class="frame" x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333333"/>`);

  groups.forEach((group, g) => {
    const colour = COLOURS[g % COLOURS.length]!;
    out.push(`<g class="curve" data-label="${escapeXml(group.label)}">`);
    if (group.runs > 1) {
      const upper = group.steps.map((s, i) => point(s, group.high[i]!));
      const lower = group.steps.map((s, i) => point(s, group.low[i]!)).reverse();
      out.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.2" stroke="none"/>`);
    }
    out.push(`<polyline class="median" points="${group.steps.map((s, i) => point(s, group.median[i]!)).join(' ')}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`);
    out.push('</g>');
  });

  if (threshold) {
    // Drawn over the curves; the label has a white halo so that it stays legible on top of them.
    const y = py(threshold.value);
    out.push(`<g class="threshold"><line x1="${margin.left}" y1="${y.toFixed(1)}" x2="${margin.left + plotWidth}" y2="${y.toFixed(1)}" stroke="#444444" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    const labelY = y - margin.top < 20 ? y + 16 : y - 6;
    out.push(`<text x="${margin.left + 8}" y="${labelY.toFixed(1)}" fill="#444444" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(threshold.label)}</text></g>`);
  }

  if (groups.length > 0) {
    out.push('<g class="legend">');
    groups.forEach((group, g) => {
      const y = margin.top + plotHeight + 58 + legendRow * g;
      const colour = COLOURS[g % COLOURS.length]!;
      if (group.runs > 1) out.push(`<rect x="${margin.left}" y="${y - 6}" width="24" height="12" fill="${colour}" fill-opacity="0.2"/>`);
      out.push(`<line x1="${margin.left}" y1="${y}" x2="${margin.left + 24}" y2="${y}" stroke="${colour}" stroke-width="2"/>`);
      out.push(`<text x="${margin.left + 32}" y="${y + 4}">${escapeXml(legendText(group))}</text>`);
    });
    out.push('</g>');
  } else {
    out.push(`<text x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight / 2}" text-anchor="middle" fill="#777777">no episodes finished yet</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function legendText(group: CurveGroup): string {
  return group.runs > 1 ? `${group.label} (median of ${group.runs} runs, band min–max)` : group.label;
}
