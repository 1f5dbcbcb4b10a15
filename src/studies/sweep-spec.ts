// A sweep specification (a JSON file): algorithms × environments × seeds × a grid of settings ×
// presets, each combination one run — or a list of such objects, whose runs together are the
// sweep (a study that runs some algorithms on some environments only). Checked like `train`'s settings — every problem of the file and
// of every run's settings at once, in one ConfigError (exit code 2) — before anything is written.
// Each run gets a stable id from its resolved configuration, so that the same spec names the same
// runs (and folders) every time it is read: running it again is resuming it.
import { createHash } from 'node:crypto';
import { runConfig } from '../train/run-config.js';
import { ALGORITHMS, resolveSettingLayers, SCHEMAS, type ResolvedSettings } from '../train/settings.js';
import { ConfigError, nearest, throwIfProblems, type Setting } from '../util/settings-schema.js';
import { describe, preview, quote } from '../util/validate.js';

/** The keys of a spec: four required, the rest optional. */
export const SPEC_KEYS = ['algorithms', 'environments', 'seeds', 'steps', 'settings', 'preset', 'checkpointEvery', 'evalEpisodes', 'envModule'] as const;
/** Most runs one spec may define: a grid that multiplies past this is more likely a mistake than a study. */
export const MAX_SWEEP_RUNS = 100_000;
export const PRESET_NAMES = ['zoo', 'defaults'] as const;

/** A spec as checked: every list non-empty, every value of the right type. */
export interface SweepSpec {
  algorithms: string[];
  environments: string[];
  seeds: number[];
  /** The totalSteps of every run. */
  steps: number;
  /** Setting → its values (a grid axis) or one value. */
  settings: Record<string, unknown>;
  /** The presets to run with ('zoo' unless given): one, or several as a grid axis. */
  preset: ('zoo' | 'defaults')[];
  /** `train --checkpoint-every` for every run; default train's (about 20 per run). */
  checkpointEvery?: number;
  /** `train --eval-episodes` for every run; default 0. */
  evalEpisodes?: number;
  /**
   * A user's module that registers environments (`train --env-module`), as an absolute path: the
   * sweep command imports it before it checks the runs and resolves a relative path against the
   * spec's folder. Each run's config.json records it, so every run (and a worker on another
   * machine, where the module must exist at the same path) imports it again.
   */
  envModule?: string;
}

/** One run of a sweep. */
export interface SweepRun {
  /** Stable: {@link runId} of its resolved configuration. */
  id: string;
  /** Its folder's name in the sweep's output folder: `ALGO-ENV-seedS-ID`. */
  folder: string;
  algo: string;
  env: string;
  seed: number;
  preset: 'zoo' | 'defaults';
  /** The grid point: the spec's settings as this run takes them. */
  settings: Record<string, unknown>;
  /** Every resolved setting, `algo`, `env` and `version`: what its config.json will hold. */
  config: Record<string, unknown>;
  /** Environment steps per iteration (numEnvs × stepsPerEnv). */
  batchSize: number;
  /** Iterations the run trains for. */
  iterations: number;
  /** The spec's checkpointEvery and evalEpisodes, if it gives them. */
  checkpointEvery?: number;
  evalEpisodes?: number;
}

/**
 * The spec in `json` (parsed from `source`, named in messages) checked, and its runs. Every
 * problem of the spec and of every run's settings (through the same resolver as `train`, so with
 * the same messages) is reported at once in one {@link ConfigError}.
 */
export function parseSweepSpec(json: unknown, source: string): { spec: SweepSpec[]; runs: SweepRun[] } {
  if (!Array.isArray(json)) {
    const { spec, runs } = parsePart(json, source);
    return { spec: [spec], runs };
  }
  if (json.length === 0) throw new ConfigError([`${source}: an empty list of sweeps; give one object, or a list of them`]);
  const problems: string[] = [];
  const parts: SweepSpec[] = [];
  const runs = new Map<string, SweepRun>();
  json.forEach((part, i) => {
    try {
      const parsed = parsePart(part, `${source}[${i}]`);
      parts.push(parsed.spec);
      // A run that two parts define is one run, trained once (the first part's checkpointEvery and evalEpisodes).
      for (const run of parsed.runs) if (!runs.has(run.id)) runs.set(run.id, run);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  });
  throwIfProblems(problems);
  if (runs.size > MAX_SWEEP_RUNS) throw new ConfigError([`${source}: the spec defines ${runs.size} runs, more than ${MAX_SWEEP_RUNS}`]);
  return { spec: parts, runs: [...runs.values()] };
}

/** One sweep object of a spec: its problems, or its runs. */
function parsePart(json: unknown, source: string): { spec: SweepSpec; runs: SweepRun[] } {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError([`${source}: must hold a JSON object, got ${describe(json)}`]);
  const object = json as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if ((SPEC_KEYS as readonly string[]).includes(key)) continue;
    const guess = nearest(key, SPEC_KEYS);
    problems.push(`${source}: unknown key ${quote(key)}${guess ? `; did you mean '${guess}'?` : ''}; expected ${SPEC_KEYS.join(', ')}`);
  }
  const list = <T>(key: string, check: (value: unknown) => value is T, expected: string): T[] => {
    const value = object[key];
    if (value === undefined) {
      problems.push(`${source}: ${key} is required (a non-empty list of ${expected})`);
      return [];
    }
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`${source}: ${key} must be a non-empty list of ${expected}, got ${preview(value)}`);
      return [];
    }
    const bad = value.filter((entry) => !check(entry));
    if (bad.length > 0) problems.push(`${source}: ${key} must hold only ${expected}, got ${bad.slice(0, 3).map((entry) => preview(entry)).join(', ')}`);
    const unique = new Set(value.map((entry) => JSON.stringify(entry)));
    if (unique.size < value.length) problems.push(`${source}: ${key} lists a value twice: ${preview(value)}`);
    return value.filter(check);
  };
  const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  const isSeed = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
  const algorithms = list('algorithms', isString, `algorithm names (${ALGORITHMS.join(', ')})`);
  const environments = list('environments', isString, 'environment ids');
  const seeds = list('seeds', isSeed, 'integer seeds in [0, 2^32)');
  const steps = object.steps;
  if (steps === undefined) problems.push(`${source}: steps is required (environment steps per run, a positive integer)`);
  else if (!(Number.isInteger(steps) && (steps as number) >= 1)) problems.push(`${source}: steps must be a positive integer, got ${preview(steps)}`);
  const optionalInteger = (key: 'checkpointEvery' | 'evalEpisodes', min: number): number | undefined => {
    const value = object[key];
    if (value === undefined) return undefined;
    if (Number.isInteger(value) && (value as number) >= min) return value as number;
    problems.push(`${source}: ${key} must be an integer ≥ ${min}, got ${preview(value)}`);
    return undefined;
  };
  const checkpointEvery = optionalInteger('checkpointEvery', 1);
  const evalEpisodes = optionalInteger('evalEpisodes', 0);
  const envModule = object.envModule;
  if (envModule !== undefined && !isString(envModule)) problems.push(`${source}: envModule must be the path of a module that registers environments, got ${preview(envModule)}`);
  const preset = presets(object.preset, source, problems);
  const settings = object.settings ?? {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) problems.push(`${source}: settings must be an object of setting → value or list of values, got ${preview(settings)}`);
  const grid = typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? gridPoints(settings as Record<string, unknown>, source, problems) : [];
  const count = algorithms.length * environments.length * seeds.length * Math.max(1, grid.length) * preset.length;
  if (count > MAX_SWEEP_RUNS) problems.push(`${source}: the spec defines ${count} runs, more than ${MAX_SWEEP_RUNS}`);
  throwIfProblems(problems);

  const spec: SweepSpec = {
    algorithms, environments, seeds, steps: steps as number, settings: settings as Record<string, unknown>, preset,
    ...(checkpointEvery === undefined ? {} : { checkpointEvery }), ...(evalEpisodes === undefined ? {} : { evalEpisodes }),
    ...(isString(envModule) ? { envModule } : {}),
  };
  const runs: SweepRun[] = [];
  const runProblems = new Set<string>();
  for (const algo of algorithms) {
    for (const env of environments) {
      for (const presetName of preset) {
        for (const point of grid) {
          for (const seed of seeds) {
            let resolved: ResolvedSettings;
            try {
              resolved = resolveSettingLayers(algo, env, [{ source: `${source} settings`, values: { ...point, seed, totalSteps: steps } }], presetName === 'zoo');
              if (isString(envModule)) resolved = { ...resolved, envModule };
            } catch (error) {
              if (!(error instanceof ConfigError)) throw error;
              for (const problem of error.problems) runProblems.add(`${algo} on ${env}${preset.length > 1 ? ` (preset ${presetName})` : ''}: ${problem}`);
              continue;
            }
            runs.push({ ...sweepRun(resolved, presetName, point), ...(checkpointEvery === undefined ? {} : { checkpointEvery }), ...(evalEpisodes === undefined ? {} : { evalEpisodes }) });
          }
        }
      }
    }
  }
  throwIfProblems([...runProblems]);
  return { spec, runs };
}

/**
 * The stable id of a run: the first 10 hex digits of the SHA-256 of the canonical JSON (keys
 * sorted) of its algorithm, environment and every resolved setting — seed and totalSteps
 * included, the package version, the environment module's path and the sweep's checkpointEvery
 * and evalEpisodes not (they do not change what is trained). Two specs that resolve to the same run give it the same id.
 */
export function runId(resolved: ResolvedSettings): string {
  const settings = resolved.settings as Record<string, unknown>;
  const canonical = JSON.stringify({ algo: resolved.algo, env: resolved.env, settings: Object.fromEntries(Object.keys(settings).sort().map((key) => [key, settings[key]])) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}

function sweepRun(resolved: ResolvedSettings, preset: 'zoo' | 'defaults', point: Record<string, unknown>): SweepRun {
  const id = runId(resolved);
  const seed = resolved.settings.seed;
  const batchSize = resolved.settings.numEnvs * resolved.settings.stepsPerEnv;
  // Folder names keep to letters, digits, '.', '_' and '-' (an environment id may hold a '/').
  const folder = `${resolved.algo}-${resolved.env}-seed${seed}-${id}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    id, folder, algo: resolved.algo, env: resolved.env, seed, preset, settings: point, config: runConfig(resolved),
    batchSize, iterations: Math.ceil(resolved.settings.totalSteps / batchSize),
  };
}

function presets(value: unknown, source: string, problems: string[]): ('zoo' | 'defaults')[] {
  if (value === undefined) return ['zoo'];
  const values = Array.isArray(value) ? value : [value];
  const ok = values.length > 0 && values.every((v) => (PRESET_NAMES as readonly unknown[]).includes(v)) && new Set(values).size === values.length;
  if (!ok) {
    problems.push(`${source}: preset must be ${PRESET_NAMES.join(' or ')}, or a list of both, got ${preview(value)}`);
    return ['zoo'];
  }
  return values as ('zoo' | 'defaults')[];
}

/**
 * The cartesian product of the settings' values, in the order of the spec's keys (the last varies
 * fastest). A list is a grid axis, except for a setting whose values are lists (hiddenSizes): there
 * a list of numbers is one value and a list of lists the axis.
 */
function gridPoints(settings: Record<string, unknown>, source: string, problems: string[]): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'seed' || key === 'totalSteps') {
      problems.push(`${source}: settings.${key} is given by the spec's ${key === 'seed' ? 'seeds' : 'steps'}, not by settings`);
      continue;
    }
    const listValued = declarations(key).some((setting) => setting.type === 'integer-list');
    const axis = Array.isArray(value) && (!listValued || value.every(Array.isArray)) ? value : [value];
    if (axis.length === 0) {
      problems.push(`${source}: settings.${key} is an empty list; give at least one value`);
      continue;
    }
    points = points.flatMap((point) => axis.map((entry) => ({ ...point, [key]: entry })));
  }
  return points;
}

/** The declarations of setting `key` in the algorithms that have it. */
function declarations(key: string): Setting[] {
  return Object.values(SCHEMAS).flatMap((schema) => (Object.hasOwn(schema, key) ? [(schema as Record<string, Setting>)[key]!] : []));
}
