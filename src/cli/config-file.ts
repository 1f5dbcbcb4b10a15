// Reading `--config FILE.json` (Node only; the rest of settings resolution is in train/): an object
// of settings, or a run folder's own config.json.
import { MAX_CONFIG_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { parseJsonWithin } from '../util/json-limits.js';
import type { SettingsLayer } from '../util/settings-schema.js';
import { preview } from '../util/validate.js';

/**
 * A `--config FILE.json` layer: the file must be a regular file of at most
 * {@link MAX_CONFIG_FILE_BYTES} holding one JSON object, nested at most 128 levels deep;
 * otherwise a problem is recorded.
 */
export function readConfigFile(path: string, problems: string[]): SettingsLayer {
  const source = `--config ${path}`;
  let values: unknown;
  try {
    values = parseJsonWithin(readFileBounded(path, MAX_CONFIG_FILE_BYTES).toString('utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${source}: ${code === 'ENOENT' ? 'no such file' : code !== undefined ? (error as Error).message : `cannot read it as JSON (${(error as Error).message})`}`);
    return { source, values: {} };
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    problems.push(`${source}: must hold a JSON object of settings`);
    return { source, values: {} };
  }
  return { source, values: values as Record<string, unknown> };
}

/** What a run's own config.json holds besides settings (train/run-config.ts's `runConfig`). */
export interface RunKeys {
  algo?: string;
  env?: string;
  /** The module that registers the run's environment (`--env-module`). */
  envModule?: string;
}

/**
 * Takes a run folder's own keys out of a `--config` layer, so that a run's config.json can start
 * another run: `algo`, `env` and `envModule` must be strings, and `version` (the package that
 * wrote it) is dropped. Whether they agree with `--algo`, `--env` and `--env-module` is the
 * caller's to check.
 */
export function takeRunKeys(layer: SettingsLayer, problems: string[]): RunKeys {
  const { algo, env, envModule, version: _version, ...settings } = layer.values;
  layer.values = settings;
  const keys: RunKeys = {};
  for (const [key, value] of [['algo', algo], ['env', env], ['envModule', envModule]] as const) {
    if (value === undefined) continue;
    if (typeof value === 'string') keys[key] = value;
    else problems.push(`${layer.source}: ${key} must be a string, got ${preview(value)}`);
  }
  return keys;
}
