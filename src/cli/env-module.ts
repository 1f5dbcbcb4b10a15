// `--env-module FILE`: a user's ES module that registers environments when imported, by calling
// `register` from policygrad (Gymnasium's way: importing a package registers its envs). Its
// absolute path is recorded in the run's config.json and checkpoints (envModule), so that
// `train --resume` and `eval` import it again before they resolve the run's environment.
//
// The module's `import { register } from 'policygrad'` must reach the registry of the policygrad
// that runs the command: the same installed package (a project's own `npx policygrad` and its
// `node_modules/policygrad` are one), or the same file by path. A second copy of the package has a
// registry of its own; the environment is then not found, and the message says so.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registeredIds } from '../envs/registry.js';
import { ConfigError } from '../util/settings-schema.js';
import { quote } from '../util/validate.js';

/** The absolute path of `file`, resolved against the working directory, as config.json records it. */
export function envModulePath(file: string): string {
  return resolve(file);
}

/**
 * Imports the module at `path` (absolute, or relative to the working directory) once; `source`
 * names where the path came from in messages (`--env-module`, a config.json). Returns a problem —
 * a missing file, or one that is not a file — instead of throwing, so that it is reported with the
 * configuration's other problems; an error thrown while the module runs is rethrown, naming it.
 */
export async function importEnvModule(path: string, source: string): Promise<string | undefined> {
  const absolute = envModulePath(path);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    return `${source}: the environment module ${quote(absolute)} does not exist`;
  }
  if (!isFile) return `${source}: the environment module ${quote(absolute)} is not a file`;
  try {
    await import(pathToFileURL(absolute).href);
  } catch (error) {
    throw new Error(`${source}: importing the environment module ${quote(absolute)} failed: ${(error as Error)?.message ?? String(error)}`);
  }
  return undefined;
}

/** {@link importEnvModule}, throwing its problem as a ConfigError (exit code 2). */
export async function requireEnvModule(path: string, source: string): Promise<void> {
  const problem = await importEnvModule(path, source);
  if (problem !== undefined) throw new ConfigError([problem]);
}

/**
 * The problem when `env` is still not registered after the environment module at `path` was
 * imported: it registers other ids, or it registered into another copy of policygrad.
 */
export function unregisteredAfterImport(env: string, path: string): string | undefined {
  if (registeredIds().includes(env)) return undefined;
  return `env: ${quote(env)} is not registered after importing ${quote(envModulePath(path))}; that module must call register(${quote(env)}, factory) `
    + 'with the register of the policygrad that runs this command (import it from \'policygrad\' in the same project, not from another copy)';
}

/**
 * Imports the environment module that a stored configuration (`source`: its file) records, if it
 * records one: a missing module is an error that names it, where it is recorded, and `remedy`.
 */
export async function importRecordedModule(config: Record<string, unknown>, source: string, remedy: string): Promise<void> {
  if (typeof config.envModule !== 'string') return;
  const problem = await importEnvModule(config.envModule, `${source} (envModule)`);
  if (problem !== undefined) throw new Error(`${problem}; put the module back there, or ${remedy}`);
}
