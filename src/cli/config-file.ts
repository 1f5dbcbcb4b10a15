// Reading `--config FILE.json` (Node only; the rest of settings resolution is in train/).
import { MAX_CONFIG_FILE_BYTES, readFileBounded } from '../io/read-bounded.js';
import { parseJsonWithin } from '../util/json-limits.js';
import type { SettingsLayer } from '../util/settings-schema.js';

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
