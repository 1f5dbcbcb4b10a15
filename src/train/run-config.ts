// A run's configuration as config.json and every checkpoint's `config` store it: `algo`, `env`,
// the package `version` (when the command line writes it), the `envModule` that registers a user's
// environment (when `--env-module` named one), then every resolved setting; back from it to the
// resolved settings, checked again; and the network layouts it implies, which loading a checkpoint
// checks every tensor against. No file access here, so that the library does the same in a browser.
import type { Env } from '../envs/env.js';
import { make } from '../envs/registry.js';
import type { Box, Discrete } from '../envs/spaces.js';
import { ConfigError } from '../util/settings-schema.js';
import { preview } from '../util/validate.js';
import { checkpointNetworks, encodeCheckpoint, type CheckpointNetworks } from './checkpoint.js';
import { resolveSettingLayers, type ResolvedSettings } from './settings.js';
import type { Trainer } from './trainer.js';

/** The configuration of `resolved`, as config.json holds it; `version`, the package's, if given. */
export function runConfig(resolved: ResolvedSettings, version?: string): Record<string, unknown> {
  return {
    algo: resolved.algo,
    env: resolved.env,
    ...(version === undefined ? {} : { version }),
    ...(resolved.envModule === undefined ? {} : { envModule: resolved.envModule }),
    ...resolved.settings,
  };
}

/**
 * The resolved settings of a stored configuration, checked again (a ConfigError lists every
 * problem). `environment`: the environment itself, when `env` is not a registered id.
 */
export function resolvedFromConfig(config: Record<string, unknown>, environment?: Env): ResolvedSettings {
  const { algo, env, version: _version, envModule, ...settings } = config;
  if (envModule !== undefined && typeof envModule !== 'string') throw new ConfigError([`envModule must be a string (the path of a module), got ${preview(envModule)}`]);
  const resolved = resolveSettingLayers(String(algo), String(env), [{ source: 'config', values: settings }], false, environment);
  return envModule === undefined ? resolved : { ...resolved, envModule };
}

/**
 * The network layouts (and a Box action space's bounds) that a stored configuration implies, from
 * its environment's spaces: those of `environment` if given, else of an instance of its registered id.
 */
export function networksForConfig(config: Record<string, unknown>, environment?: Env): CheckpointNetworks {
  const { env, settings } = resolvedFromConfig(config, environment);
  const probe = environment ?? make(env);
  return networksFor(settings, probe.observationSpace.size, probe.actionSpace);
}

/** The network layouts of actor and critic for `settings` on an environment with these spaces. */
export function networksFor(settings: ResolvedSettings['settings'], observationSize: number, actionSpace: Discrete | Box): CheckpointNetworks {
  const discrete = 'n' in actionSpace;
  const bounds = discrete ? undefined : { low: Array.from(actionSpace.low), high: Array.from(actionSpace.high) };
  return checkpointNetworks(observationSize, discrete ? actionSpace.n : actionSpace.size, discrete ? 0 : actionSpace.size, settings.hiddenSizes, settings.activation, bounds);
}

/**
 * The checkpoint of `trainer`: its state, its configuration ({@link runConfig}, with the package
 * `version` if given) and the run's record `run` if given (the command line's, run-record.ts).
 */
export async function trainerCheckpoint(trainer: Trainer, { version, run }: { version?: string; run?: object } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const { envs } = trainer.agent;
  const networks = networksFor(trainer.resolved.settings, envs.observationSize, envs.unwrapped.singleActionSpace);
  return encodeCheckpoint(await trainer.getState(), runConfig(trainer.resolved, version), networks, run);
}
