// `policygrad eval --checkpoint FILE --episodes N`: the mean and standard deviation of the returns
// of a trained policy, on fresh episodes of its environment.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { make, prepareIfRegistered } from '../envs/registry.js';
import { evaluateAgent } from '../train/evaluate.js';
import { networksForConfig, resolvedFromConfig } from '../train/run-config.js';
import { CHECKPOINT_FILE, openCheckpointFile } from '../train/run-directory.js';
import { AGENT_SETTINGS } from '../train/training-agent.js';
import { Trainer } from '../train/trainer.js';
import { checkValue } from '../util/settings-schema.js';
import { UsageError, writeJson, type Command } from './command.js';
import { importRecordedModule, requireEnvModule } from './env-module.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a checkpoint: mean and std of episode returns',
  usage: 'policygrad eval --checkpoint FILE|RUN_DIR --episodes N [--seed S] [--stochastic] [--env-module FILE] [--json]',
  description: 'Loads and validates the checkpoint (its networks must match its configuration), then runs N whole episodes\n'
    + 'of its environment with the most likely action (--stochastic samples instead), observations normalised with\n'
    + 'the statistics saved at training time, and reports the returns.',
  options: {
    checkpoint: { type: 'string', valueName: 'FILE', doc: 'a checkpoint.safetensors written by train, or the run folder that holds it' },
    episodes: { type: 'string', valueName: 'N', doc: 'episodes to run (default 10)' },
    seed: { type: 'string', valueName: 'S', doc: 'seed of the first episode (default 0)' },
    stochastic: { type: 'boolean', doc: 'sample actions from the policy instead of taking the most likely one' },
    'env-module': { type: 'string', valueName: 'FILE', doc: 'the ES module that registers the environment (default: the one the checkpoint records, if any)' },
    json: { type: 'boolean', doc: 'print one JSON document: { env, algo, episodes, mean, std, returns, lengths }' },
  },
  async run({ values }, io) {
    if (typeof values.checkpoint !== 'string') throw new UsageError('--checkpoint FILE is required');
    const episodes = Number(values.episodes ?? 10);
    const seed = Number(values.seed ?? 0);
    if (!Number.isInteger(episodes) || episodes < 1) throw new UsageError(`--episodes must be a positive integer, got '${String(values.episodes)}'`);
    const seedProblem = checkValue(AGENT_SETTINGS.seed, seed);
    if (seedProblem !== undefined) throw new UsageError(`--seed ${seedProblem.replace(/got .*$/, `got '${String(values.seed)}'`)}`);
    const path = checkpointPath(values.checkpoint);
    const opened = openCheckpointFile(path);
    if (typeof values['env-module'] === 'string') await requireEnvModule(values['env-module'], '--env-module');
    else await importRecordedModule(opened.config, path, 'give its new place with --env-module');
    await prepareIfRegistered(opened.config.env);
    const resolved = resolvedFromConfig(opened.config);
    const checkpoint = opened.decode(networksForConfig(opened.config));
    const trainer = await Trainer.create(resolved);
    await trainer.setState(checkpoint.state);
    const result = evaluateAgent(trainer.agent, make(resolved.env), episodes, seed, !values.stochastic);
    if (values.json) writeJson(io, { env: resolved.env, algo: resolved.algo, episodes, ...result });
    else io.stdout.write(`${resolved.algo} on ${resolved.env}, ${episodes} episodes: mean return ${result.mean.toFixed(2)} ± ${result.std.toFixed(2)} (std)\n`);
    return 0;
  },
};

/** `path`, or its checkpoint if it is a run folder. */
function checkpointPath(path: string): string {
  let directory = false;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    // Missing or unreadable: loading it says so.
  }
  return directory ? join(path, CHECKPOINT_FILE) : path;
}
