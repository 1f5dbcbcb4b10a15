// Learning curves as a self-contained SVG: a metric (the episodic return, a loss, the KL...)
// against environment steps, in one or more panels stacked top to bottom (one per environment,
// say), one curve per label; several runs (seeds) of a label drawn as their median with a min–max
// band. Every curve of a figure has its own colour and its own dash pattern — however many there
// are, so that two curves that coincide still show both (the gaps of a dashed line over a solid
// one show the solid one's colour). A run of any length is first downsampled
// (downsampled-curve.ts), and nothing here spreads a run's points into a call's arguments:
// `Math.min(...steps)` throws "Maximum call stack size exceeded" past about 60,000 points, which a
// run of 63,000 iterations reached.
import { downsampleCurve } from './downsampled-curve.js';

/**
 * One run's curve: `steps[i]` global environment steps (not decreasing), `values[i]` the metric
 * there.
 */
export interface CurveRun {
  /** Runs with the same label are one group: median line and band, one legend entry. */
  label: string;
  steps: readonly number[];
  values: readonly number[];
}

/** A horizontal dashed line, e.g. the environment's "solved at" return. */
export interface Threshold {
  value: number;
  label: string;
}

/** One plot of the figure: its axes, its curves and their legend. */
export interface CurvePanel {
  /** Drawn above the panel when the figure has more than one. */
  title: string;
  runs: readonly CurveRun[];
  threshold?: Threshold;
  /**
   * Curves already summarised (a study's IQM with its confidence band, say), drawn as given
   * after those of `runs`.
   */
  groups?: readonly CurveGroup[];
}

export interface LearningCurveOptions {
  /** The figure's title; default: the one panel's title, or 'Learning curves'. */
  title?: string;
  xLabel?: string;
  /** What the curves show; default 'episodic return'. */
  yLabel?: string;
  /** What an empty panel says; default 'no episodes finished yet'. */
  emptyText?: string;
  /** Pixels. Default 800 wide; each panel's plot area 372 high, plus its axes and 18 per legend row. */
  width?: number;
  plotHeight?: number;
}

/**
 * The first 12 colours: Okabe and Ito's palette (distinguishable with the common colour-vision
 * deficiencies), then four of Paul Tol's "muted" scheme that differ from it in hue or lightness.
 */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#882255', '#117733', '#332288', '#999933'];
/** Dash patterns of the curves after the first (which is solid); beyond them, generated ones. */
const DASHES = ['8 4', '2 3', '8 3 2 3', '14 4', '4 4', '8 3 2 3 2 3', '2 6', '14 3 4 3'];
/** Points on the common step grid where a group of several runs is summarised. */
const GRID_POINTS = 200;

/** How the curve of each of `count` labels is drawn: all colours different, all dash patterns different ('' solid). */
export function curveStyles(count: number): { colour: string; dash: string }[] {
  const colours = new Set<string>();
  const styles: { colour: string; dash: string }[] = [];
  for (let k = 0; k < count; k++) {
    let colour = PALETTE[k];
    // Beyond the palette: hues a golden angle apart (each new one far from the last few),
    // lightness alternating; a rounding collision moves on to the next hue.
    for (let j = k; colour === undefined || colours.has(colour); j++) colour = hslHex((20 + 137.508 * (j - PALETTE.length)) % 360, 0.7, j % 2 === 0 ? 0.38 : 0.52);
    colours.add(colour);
    const cycle = Math.floor((k - 1) / DASHES.length);
    // Each further cycle through the patterns appends a gap of its own length.
    const dash = k === 0 ? '' : `${DASHES[(k - 1) % DASHES.length]}${cycle > 0 ? ` 1 ${cycle + 2}` : ''}`;
    styles.push({ colour, dash });
  }
  return styles;
}

/** #rrggbb of hue (degrees), saturation and lightness (0–1). */
function hslHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - chroma / 2 * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** A summary of the runs of one label, on one step grid. */
export interface CurveGroup {
  label: string;
  runs: number;
  steps: number[];
  /** The line: the median over the runs at each step (a group given to a panel: its own statistic, the IQM say). */
  median: number[];
  /** Min and max over the runs at each step; equal to the median for a single run. */
  low: number[];
  high: number[];
  /** The legend's text; default the label, with "(median of N runs, band min–max)" for several runs. */
  legend?: string;
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
      const { steps, values } = downsampleCurve(run.steps, run.values);
      return { label, steps, values };
    });
    if (members.length === 1) {
      const { steps, values } = members[0]!;
      return { label, runs: 1, steps, median: values, low: [...values], high: [...values] };
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
  return interpolateCurve(run.steps, run.values, step);
}

/**
 * The value at `step` of the piecewise-linear curve through (steps, values), steps ascending;
 * undefined outside their range.
 */
export function interpolateCurve(steps: readonly number[], values: readonly number[], step: number): number | undefined {
  if (step < steps[0]! || step > steps[steps.length - 1]!) return undefined;
  // The first index whose step is ≥ `step`, by bisection.
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const middle = (lo + hi) >> 1;
    if (steps[middle]! >= step) hi = middle;
    else lo = middle + 1;
  }
  if (steps[hi] === step || hi === 0) return values[hi]!;
  const before = hi - 1;
  const t = (step - steps[before]!) / (steps[hi]! - steps[before]!);
  return values[before]! + t * (values[hi]! - values[before]!);
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

/** The SVG document (a string) of `panels`, stacked top to bottom under the figure's title. */
export function learningCurveSvg(panels: readonly CurvePanel[], options: LearningCurveOptions = {}): string {
  const drawn = panels.map((panel) => ({ panel, groups: [...summariseRuns(panel.runs), ...(panel.groups ?? [])].filter((group) => group.steps.length > 0) }));
  const labels = [...new Set(drawn.flatMap(({ groups }) => groups.map((group) => group.label)))];
  const styles = new Map(curveStyles(labels.length).map((style, i) => [labels[i]!, style]));
  const { width = 800, plotHeight = 372 } = options;
  const title = options.title ?? (panels.length === 1 ? panels[0]!.title : 'Learning curves');
  const titled = panels.length > 1;
  const header = 48;
  const legendRow = 18;
  // Under each plot: tick labels, the x label and the legend, one row per group, where it can never hide a curve.
  const panelHeight = (groups: number) => (titled ? 28 : 0) + plotHeight + 60 + groups * legendRow;
  const height = header + drawn.reduce((sum, { groups }) => sum + panelHeight(groups.length), 0);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
  let top = header;
  for (const { panel, groups } of drawn) {
    out.push(`<g class="panel" data-title="${escapeXml(panel.title)}">`);
    if (titled) out.push(`<text class="panel-title" x="${width / 2}" y="${top + 18}" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`);
    drawPanel(out, groups, panel.threshold, styles, { left: 72, top: top + (titled ? 28 : 0), width: width - 72 - 24, height: plotHeight }, options);
    out.push('</g>');
    top += panelHeight(groups.length);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** One panel's grid, axes, curves, threshold and legend, inside `frame` (the plot area, pixels). */
function drawPanel(
  out: string[], groups: readonly CurveGroup[], threshold: Threshold | undefined, styles: ReadonlyMap<string, { colour: string; dash: string }>,
  frame: { left: number; top: number; width: number; height: number }, options: LearningCurveOptions,
): void {
  const { xLabel = 'environment steps', yLabel = 'episodic return', emptyText = 'no episodes finished yet' } = options;
  const { left, top, width: plotWidth, height: plotHeight } = frame;
  const allSteps = groups.flatMap((g) => g.steps);
  const allValues = groups.flatMap((g) => g.low.concat(g.high));
  if (threshold) allValues.push(threshold.value);
  const xTicks = niceTicks(Math.min(0, minimum(allSteps)), allSteps.length > 0 ? maximum(allSteps) : 1);
  const yTicks = niceTicks(allValues.length > 0 ? minimum(allValues) : 0, allValues.length > 0 ? maximum(allValues) : 1);
  const [x0, x1] = [xTicks[0]!, xTicks[xTicks.length - 1]!];
  const [y0, y1] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const px = (step: number) => left + ((step - x0) / (x1 - x0)) * plotWidth;
  const py = (value: number) => top + (1 - (value - y0) / (y1 - y0)) * plotHeight;
  const point = (step: number, value: number) => `${px(step).toFixed(1)},${py(value).toFixed(1)}`;
  const dashAttribute = (dash: string) => (dash === '' ? '' : ` stroke-dasharray="${dash}"`);

  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  for (const t of xTicks) out.push(`<line x1="${px(t).toFixed(1)}" y1="${top}" x2="${px(t).toFixed(1)}" y2="${top + plotHeight}"/>`);
  for (const t of yTicks) out.push(`<line x1="${left}" y1="${py(t).toFixed(1)}" x2="${left + plotWidth}" y2="${py(t).toFixed(1)}"/>`);
  out.push('</g>');

  out.push('<g class="x-axis" text-anchor="middle">');
  for (const t of xTicks) out.push(`<text x="${px(t).toFixed(1)}" y="${top + plotHeight + 18}">${escapeXml(formatSteps(t))}</text>`);
  out.push(`<text x="${left + plotWidth / 2}" y="${top + plotHeight + 40}" font-size="13">${escapeXml(xLabel)}</text>`);
  out.push('</g>');
  out.push('<g class="y-axis" text-anchor="end">');
  for (const t of yTicks) out.push(`<text x="${left - 8}" y="${(py(t) + 4).toFixed(1)}">${escapeXml(String(t))}</text>`);
  out.push(`<text class="y-label" x="18" y="${top + plotHeight / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 18 ${top + plotHeight / 2})">${escapeXml(yLabel)}</text>`);
  out.push('</g>');
  out.push(`<rect class="frame" x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333333"/>`);

  for (const group of groups) {
    const { colour, dash } = styles.get(group.label)!;
    out.push(`<g class="curve" data-label="${escapeXml(group.label)}">`);
    if (group.runs > 1) {
      const upper = group.steps.map((s, i) => point(s, group.high[i]!));
      const lower = group.steps.map((s, i) => point(s, group.low[i]!)).reverse();
      out.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.2" stroke="none"/>`);
    }
    out.push(`<polyline class="median" points="${group.steps.map((s, i) => point(s, group.median[i]!)).join(' ')}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"${dashAttribute(dash)}/>`);
    out.push('</g>');
  }

  if (threshold) {
    // Drawn over the curves; the label has a white halo so that it stays legible on top of them.
    const y = py(threshold.value);
    out.push(`<g class="threshold"><line x1="${left}" y1="${y.toFixed(1)}" x2="${left + plotWidth}" y2="${y.toFixed(1)}" stroke="#444444" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    const labelY = y - top < 20 ? y + 16 : y - 6;
    out.push(`<text x="${left + 8}" y="${labelY.toFixed(1)}" fill="#444444" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(threshold.label)}</text></g>`);
  }

  if (groups.length > 0) {
    out.push('<g class="legend">');
    groups.forEach((group, g) => {
      const y = top + plotHeight + 58 + 18 * g;
      const { colour, dash } = styles.get(group.label)!;
      if (group.runs > 1) out.push(`<rect x="${left}" y="${y - 6}" width="32" height="12" fill="${colour}" fill-opacity="0.2"/>`);
      out.push(`<line x1="${left}" y1="${y}" x2="${left + 32}" y2="${y}" stroke="${colour}" stroke-width="2"${dashAttribute(dash)}/>`);
      out.push(`<text x="${left + 40}" y="${y + 4}">${escapeXml(legendText(group))}</text>`);
    });
    out.push('</g>');
  } else {
    out.push(`<text x="${left + plotWidth / 2}" y="${top + plotHeight / 2}" text-anchor="middle" fill="#777777">${escapeXml(emptyText)}</text>`);
  }
}

function legendText(group: CurveGroup): string {
  if (group.legend !== undefined) return group.legend;
  return group.runs > 1 ? `${group.label} (median of ${group.runs} runs, band min–max)` : group.label;
}
