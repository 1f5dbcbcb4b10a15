// Reading `--config FILE.json` (Node only; the rest of settings resolution is in train/).
import { readFileSync } from 'node:fs';
import type { SettingsLayer } from '../util/settings-schema.js';

/** A `--config FILE.json` layer: the file must hold one JSON object; otherwise a problem is recorded. */
export function readConfigFile(path: string, problems: string[]): SettingsLayer {
  const source = `--config ${path}`;
  let values: unknown;
  try {
    values = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${source}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it as JSON (${(error as Error).message})`}`);
    return { source, values: {} };
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    problems.push(`${source}: must hold a JSON object of settings`);
    return { source, values: {} };
  }
  return { source, values: values as Record<string, unknown> };
}
