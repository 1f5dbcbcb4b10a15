// `policygrad train`: resolve every setting (all problems at once, exit 2, before anything is
// written), train with a progress bar (and a table of the metrics every --log-interval
// iterations), and keep the run folder current: metrics.jsonl and progress.csv a record at a time,
// curve.svg and the checkpoint every few iterations, summary.json at the end. Ctrl-C, SIGTERM and
// SIGHUP finish the iteration, save a checkpoint and the summary and exit with 128 + the signal's
// number; `--resume DIR` continues exactly, and the summary then reports the whole run;
// `--resume DIR --steps N` extends it.
import { join } from 'node:path';
import { removeStaleTemporaryFiles } from '../io/atomic-write.js';
import { RUN_FILES } from '../io/run-folder.js';
import { formatMetricsTable } from '../report/metrics-table.js';
import { readRunCurve, RunCurve } from '../report/run-curves.js';
import { make, prepareIfRegistered, rewardThreshold } from '../envs/registry.js';
import { snapshotProblem } from '../envs/vector-env.js';
import { evaluationEpisodes, evaluationResult } from '../train/evaluate.js';
import { resolvedFromConfig } from '../train/run-config.js';
import {
  CHECKPOINT_FILE, checkNewRunDirectory, lockRunDirectory, readRunConfigFile, saveCheckpoint, writeCurve, writeRunConfig, writeSummary,
} from '../train/run-directory.js';
import { CheckpointHistory } from '../train/checkpoint-history.js';
import { MetricsFiles } from '../train/metrics-files.js';
import { restoreFromCheckpoint } from '../train/resume.js';
import { parseRunRecord, RunRecord, type EvaluationSummary, type RunRecordJson } from '../train/run-record.js';
import { ConfigError, formatSettingsHelp, parseSetArguments, throwIfProblems, type SettingsLayer } from '../util/settings-schema.js';
import { validatePlacement, type LearnerBackend, type LearnerPlacement } from '../train/training-agent.js';
import { ALGORITHMS, presetFor, resolveSettingLayers, resolveWithProblems, SCHEMAS, type AlgorithmName, type ResolvedSettings } from '../train/settings.js';
import { Trainer } from '../train/trainer.js';
import { quote } from '../util/validate.js';
import { readConfigFile, takeRunKeys, type RunKeys } from './config-file.js';
import { envModulePath, importEnvModule, importRecordedModule, requireEnvModule, unregisteredAfterImport } from './env-module.js';
import { integerFlag, UsageError, writeJson, type Command } from './command.js';
import { parentStart, signalExitCode, watchInterrupts, type InterruptWatch } from './interrupt.js';
import { ProgressBar } from '../report/progress-bar.js';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an agent and write a run folder (metrics, curve, checkpoint, summary)',
  usage: 'policygrad train --algo ppo|trpo|npg|vpg|ppo-reuse --env ID [--env-module FILE] [--out DIR] [--steps N] [--seed S]\n'
    + '       [--preset zoo|defaults] [--config FILE.json] [--set key=value ...] [--backend wasm] [--threads 1|2] [--eval-episodes N] [--log-interval N] [--json]\n'
    + '       policygrad train --resume DIR [--steps N]',
  description: 'Settings come from the algorithm\'s defaults, then the environment\'s preset (--preset zoo, the default: the\n'
    + 'tuned settings of rl-baselines3-zoo where they apply; --preset defaults skips it), then --config, then each --set.\n'
    + 'Every problem is reported at once, before anything is written (exit code 2); --list-settings prints them all.\n'
    + 'The run folder gets config.json, metrics.jsonl and progress.csv (one line per iteration), curve.svg, summary.json and\n'
    + 'checkpoint.safetensors (every --checkpoint-every iterations, on Ctrl-C, SIGTERM or SIGHUP, and at the end; the\n'
    + 'older of the last --keep-checkpoints as checkpoint-ITER.safetensors). A signal saves the checkpoint and the summary\n'
    + 'and exits with 128 + its number (SIGHUP 129, SIGINT 130, SIGTERM 143). One process writes a folder at a time: a\n'
    + 'folder in use by another live process is refused with exit code 75. A run that diverges stops with exit code 1.',
  options: {
    algo: { type: 'string', valueName: 'NAME', doc: `the algorithm: ${ALGORITHMS.join(', ')}` },
    env: { type: 'string', valueName: 'ID', doc: 'the environment id, e.g. CartPole-v1' },
    'env-module': { type: 'string', valueName: 'FILE', doc: 'an ES module that registers your environments (it calls register from policygrad); recorded in config.json, so that --resume and eval import it again' },
    out: { type: 'string', short: 'o', valueName: 'DIR', doc: 'the run folder to create, not existing or empty (default runs/ALGO-ENV-seedS-TIME)' },
    steps: { type: 'string', valueName: 'N', doc: 'environment steps to train for at least, in whole batches (the totalSteps setting); with --resume, extends the run to N' },
    seed: { type: 'string', valueName: 'S', doc: 'the seed (the seed setting)' },
    preset: { type: 'string', valueName: 'NAME', doc: 'zoo (default): the environment\'s tuned settings; defaults: none' },
    config: { type: 'string', valueName: 'FILE.json', doc: 'a JSON object of settings' },
    set: { type: 'string', multiple: true, valueName: 'KEY=VALUE', doc: 'one setting (repeatable), e.g. --set learningRate=3e-4' },
    backend: { type: 'string', valueName: 'NAME', doc: "where the learner's networks run: wasm (default), webgpu or auto; acting always runs on wasm" },
    threads: { type: 'string', valueName: 'N', doc: "1 (default), or 2: the critic's updates on a second thread, beside the actor's (wasm only; the same results to the bit)" },
    resume: { type: 'string', valueName: 'DIR', doc: 'continue the run in DIR from its checkpoint, exactly' },
    'checkpoint-every': { type: 'string', valueName: 'N', doc: 'iterations between checkpoints (default: about 20 per run)' },
    'keep-checkpoints': { type: 'string', valueName: 'K', doc: 'checkpoints to keep: the newest as checkpoint.safetensors, older ones as checkpoint-ITER.safetensors (default 2)' },
    'log-interval': { type: 'string', valueName: 'N', doc: 'print a table of the metrics (as Stable-Baselines3 does) every N iterations to stderr (default: about 10 per run; 0: never)' },
    'eval-episodes': { type: 'string', valueName: 'N', doc: 'at the end of the run, evaluate the policy on N episodes (default 0; a resumed run: as first asked)' },
    'list-settings': { type: 'boolean', doc: 'print the settings of --algo with types, ranges, defaults and docs; with --env, the values after its preset' },
    json: { type: 'boolean', doc: 'print one JSON document (the summary) and nothing else on stdout' },
    'wait-for-start': { type: 'boolean', doc: 'for a process spawned with an IPC channel (policygrad sweep and worker start runs so): touch nothing until the parent sends its start message, which it does once it has recorded the start; exit with 143, untouched, if the channel closes first' },
  },
  async run({ values }, io) {
    if (values['list-settings']) {
      io.stdout.write(await listSettings(values));
      return 0;
    }
    const resumeDir = typeof values.resume === 'string' ? values.resume : undefined;
    if (resumeDir !== undefined) {
      // A resumed run is the saved run: flags that would define another one are refused, not ignored.
      const defining = RUN_DEFINING_FLAGS.filter((flag) => values[flag] !== undefined);
      if (defining.length > 0) {
        throw new UsageError(`--resume continues a run with its saved settings; it cannot be combined with ${defining.map((flag) => `--${flag}`).join(', ')}`);
      }
    }
    const resolved = resumeDir === undefined ? await resolveFromFlags(values) : await resumedSettings(resumeDir, values.steps);
    const placement = placementFromFlags(values);
    const out = resumeDir ?? (typeof values.out === 'string' ? values.out : defaultRunDirectory(resolved));
    if (resumeDir === undefined) {
      const problem = checkNewRunDirectory(out);
      if (problem) throw new ConfigError([problem]);
    }
    const evalEpisodes = values['eval-episodes'] === undefined ? undefined : integerFlag(values['eval-episodes'], 'eval-episodes', 0, 0);
    const keepCheckpoints = integerFlag(values['keep-checkpoints'], 'keep-checkpoints', 2, 0);
    if (keepCheckpoints < 1) throw new UsageError(`--keep-checkpoints must be at least 1, got ${keepCheckpoints}`);
    if (values['wait-for-start'] === true && !(await parentStart())) return signalExitCode('SIGTERM');
    // From here on this process is the folder's one writer, until the command ends however it ends.
    using _lock = lockRunDirectory(out, resumeDir === undefined);

    const trainer = await Trainer.create(resolved, placement);
    // A user's environment without snapshot() and restore() could not be checkpointed: say so now, not at the first checkpoint.
    const unsnapshottable = snapshotProblem(trainer.agent.subEnvs, 'checkpoint');
    if (unsnapshottable !== undefined) throw new Error(unsnapshottable);
    const checkpointEvery = integerFlag(values['checkpoint-every'], 'checkpoint-every', Math.max(1, Math.ceil(trainer.totalIterations / 20)), 0);
    const logInterval = integerFlag(values['log-interval'], 'log-interval', Math.max(1, Math.ceil(trainer.totalIterations / 10)), 0);
    let keepLines: number | undefined;
    let saved: RunRecordJson | undefined;
    const history = new CheckpointHistory(out, keepCheckpoints);
    if (resumeDir !== undefined) {
      removeStaleTemporaryFiles(out);
      const checkpoint = await restoreFromCheckpoint(out, trainer);
      saved = parseRunRecord(checkpoint.run, join(out, CHECKPOINT_FILE));
      history.latestIteration = trainer.iteration;
      keepLines = trainer.iteration;
      const savedSteps = checkpoint.config.totalSteps as number;
      const extended = resolved.settings.totalSteps > savedSteps;
      io.stderr.write(`Resuming ${out} at iteration ${trainer.iteration} of ${trainer.totalIterations} (step ${trainer.agent.globalStep})`
        + `${extended ? `, extended from ${savedSteps} to ${resolved.settings.totalSteps} steps` : ''}\n`);
      // An extended run: config.json says so first; until the next checkpoint does too, a resume
      // accepts a config.json whose totalSteps is above the checkpoint's (train/resume.ts).
      if (extended) writeRunConfig(out, resolved);
    } else {
      writeRunConfig(out, resolved);
    }
    const metricsFile = new MetricsFiles(out, keepLines);
    // Read once, on resume; from here on the loop keeps the curve (bounded) as it appends lines.
    const curve = resumeDir === undefined ? new RunCurve(resolved.algo, resolved.env) : readRunCurve(out);
    const record = new RunRecord(saved);
    record.evalEpisodes = evalEpisodes ?? record.evalEpisodes;
    // An evaluation is made when a run is done; a resumed run with iterations still to train was
    // extended since, and its policy is evaluated again when it is done.
    if (!trainer.done) record.evaluation = null;
    const threshold = rewardThreshold(resolved.env);
    const checkpoint = async () => {
      // The lines a checkpoint covers reach the disk before it does: a resume after a power loss
      // finds every line up to the checkpoint's iteration.
      metricsFile.sync();
      await saveCheckpoint(out, trainer, { run: record, history });
      writeCurve(out, curve);
    };
    const progress = new ProgressBar({ totalSteps: trainer.totalIterations * trainer.agent.batchSize, stream: io.stderr, startStep: trainer.agent.globalStep });
    const interrupts = watchInterrupts({ onFirst: (signal) => io.stderr.write(`\nInterrupted (${signal}): saving a checkpoint and the summary, then stopping (a second signal quits at once)\n`) });
    try {
      record.startSession();
      try {
        while (!trainer.done && !interrupts.requested) {
          const last = await trainer.step();
          metricsFile.append(last);
          curve.add(last);
          record.iterationDone(last.global_step!, last.episodic_return, threshold);
          progress.update(last.global_step!, last.episodic_return);
          if (logInterval > 0 && trainer.iteration % logInterval === 0) {
            progress.printAbove(formatMetricsTable(last, { fps: progress.stepsPerSecond(), timeElapsed: record.wallSeconds }));
          }
          if (trainer.iteration % checkpointEvery === 0 || trainer.done) await checkpoint();
          await yieldToSignals();
        }
        if (interrupts.requested) await checkpoint();
      } finally {
        metricsFile.close();
        progress.finish();
      }
      const episodes = record.evalEpisodes;
      // Once, when the run is done (a stopped run evaluates when its resumed run ends); kept in the
      // checkpoint, so that resuming a finished run reports it again without evaluating again.
      if (episodes > 0 && trainer.done && !interrupts.requested && record.evaluation?.episodes !== episodes) {
        io.stderr.write(`Evaluating the policy on ${episodes} episodes\n`);
        const evaluation = await evaluateUntilInterrupted(trainer, episodes, interrupts);
        if (evaluation !== undefined) {
          record.evaluation = evaluation;
          await saveCheckpoint(out, trainer, { run: record, history });
        }
      }
    } finally {
      interrupts.dispose();
    }
    const finalReturn = trainer.agent.episodeStatistics().episodicReturn;
    const summary: Record<string, unknown> = {
      algo: resolved.algo,
      env: resolved.env,
      seed: resolved.settings.seed,
      steps: trainer.agent.globalStep,
      iterations: trainer.iteration,
      wallSeconds: record.wallSeconds,
      finalReturn: Number.isFinite(finalReturn) ? finalReturn : null,
      threshold: threshold ?? null,
      solved: threshold === undefined || !Number.isFinite(finalReturn) ? null : finalReturn >= threshold,
      firstSolvedStep: record.firstSolved?.step ?? null,
      firstSolvedSeconds: record.firstSolved?.seconds ?? null,
      interrupted: interrupts.requested,
      checkpoint: join(out, 'checkpoint.safetensors'),
    };
    if (record.evalEpisodes > 0 && record.evaluation?.episodes === record.evalEpisodes) summary.evaluation = record.evaluation;
    writeSummary(out, summary);
    if (values.json) writeJson(io, summary);
    else {
      const returnText = Number.isFinite(finalReturn) ? finalReturn.toFixed(1) : 'n/a';
      io.stdout.write(`${summary.interrupted ? 'Stopped' : 'Trained'} ${resolved.algo} on ${resolved.env}: ${trainer.agent.globalStep} steps in ${(summary.wallSeconds as number).toFixed(1)} s; `
        + `mean return of the last 100 episodes ${returnText}${threshold === undefined ? '' : ` (solved at ${threshold}: ${summary.solved ? 'yes' : 'no'})`}\n`);
      if (summary.evaluation) {
        const e = summary.evaluation as { mean: number; std: number };
        io.stdout.write(`Evaluation over ${record.evalEpisodes} episodes (deterministic policy): ${e.mean.toFixed(1)} ± ${e.std.toFixed(1)}\n`);
      }
      io.stdout.write(`Run folder: ${out}\nLearning curve: ${join(out, RUN_FILES.curve)}\nCheckpoint: ${summary.checkpoint}\n`);
    }
    return interrupts.signal === undefined ? 0 : signalExitCode(interrupts.signal);
  },
};

/** The loop's awaits resolve as microtasks; this lets the event loop deliver a pending signal. */
function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The final evaluation (seeded with 1,000,000 + the run's seed), an episode at a time so that a
 * signal stops it between two: undefined if one did.
 */
async function evaluateUntilInterrupted(trainer: Trainer, episodes: number, interrupts: InterruptWatch): Promise<EvaluationSummary | undefined> {
  const returns: number[] = [];
  const lengths: number[] = [];
  for (const episode of evaluationEpisodes(trainer.agent, make(trainer.resolved.env), episodes, 1_000_000 + trainer.resolved.settings.seed)) {
    returns.push(episode.return);
    lengths.push(episode.length);
    if (returns.length === episodes) break;
    await yieldToSignals();
    if (interrupts.requested) return undefined;
  }
  const { mean, std } = evaluationResult(returns, lengths);
  return { episodes, mean, std };
}

/** Where the run computes, from --backend and --threads; a bad combination is a usage error. */
function placementFromFlags(values: Record<string, unknown>): LearnerPlacement {
  const threads = integerFlag(values.threads, 'threads', 1, 1);
  try {
    return validatePlacement({ backend: (values.backend as LearnerBackend | undefined) ?? 'wasm', threads: threads as LearnerPlacement['threads'] }, 'train');
  } catch (error) {
    throw error instanceof RangeError ? new UsageError(error.message.replace(/^train: (\w+)/, '--$1')) : error;
  }
}

/**
 * The settings from --algo, --env, --env-module, --preset, --config, --steps, --seed and --set;
 * every problem at once. A run's own config.json may be the --config file: its `algo`, `env` and
 * `envModule` supply --algo, --env and --env-module, or must agree with them. The environment
 * module is imported before the environment is looked up.
 */
async function resolveFromFlags(values: Record<string, unknown>): Promise<ResolvedSettings> {
  const problems: string[] = [];
  const preset = values.preset ?? 'zoo';
  if (preset !== 'zoo' && preset !== 'defaults') problems.push(`--preset must be zoo or defaults, got '${String(preset)}'`);
  if (values.backend !== undefined && !['wasm', 'webgpu', 'auto'].includes(values.backend as string)) {
    problems.push(`--backend must be wasm, webgpu or auto, got '${String(values.backend)}'`);
  }
  const layers: SettingsLayer[] = [];
  let fromConfig: RunKeys = {};
  if (typeof values.config === 'string') {
    const layer = readConfigFile(values.config, problems);
    fromConfig = takeRunKeys(layer, problems);
    layers.push(layer);
  }
  const run: RunKeys = {};
  for (const flag of ['algo', 'env'] as const) {
    const given = typeof values[flag] === 'string' ? values[flag] as string : undefined;
    const saved = fromConfig[flag];
    if (given !== undefined && saved !== undefined && given !== saved) problems.push(`--config ${String(values.config)}: ${flag} is ${quote(saved)}, but --${flag} is ${quote(given)}`);
    run[flag] = given ?? saved;
    if (run[flag] === undefined) problems.push(`--${flag} is required`);
  }
  const givenModule = typeof values['env-module'] === 'string' ? values['env-module'] : undefined;
  if (givenModule !== undefined && fromConfig.envModule !== undefined && envModulePath(givenModule) !== envModulePath(fromConfig.envModule)) {
    problems.push(`--config ${String(values.config)}: envModule is ${quote(fromConfig.envModule)}, but --env-module is ${quote(givenModule)}`);
  }
  const envModule = givenModule ?? fromConfig.envModule;
  if (envModule !== undefined) {
    const problem = await importEnvModule(envModule, givenModule === undefined ? `--config ${String(values.config)}: envModule` : '--env-module');
    const missing = problem ?? (run.env === undefined ? undefined : unregisteredAfterImport(run.env, envModule));
    if (missing !== undefined) problems.push(missing);
  }
  if (run.algo === undefined || run.env === undefined) throw new ConfigError(problems);
  for (const [flag, key] of [['steps', 'totalSteps'], ['seed', 'seed']] as const) {
    const number = numberFlag(values[flag], flag, problems);
    if (number !== undefined) layers.push({ source: `--${flag}`, values: { [key]: number } });
  }
  const schema = SCHEMAS[run.algo as keyof typeof SCHEMAS];
  if (schema !== undefined) layers.push(parseSetArguments(schema, (values.set as string[] | undefined) ?? [], problems));
  await prepareIfRegistered(run.env);
  const resolved = resolveWithProblems(run.algo, run.env, layers, preset === 'zoo', problems);
  return envModule === undefined ? resolved : { ...resolved, envModule: envModulePath(envModule) };
}

/**
 * A resumed run's settings: its config.json's, with totalSteps raised to `--steps` if given — a
 * finished or stopped run extended. Only raised: a run cannot be cut shorter than it was set to
 * train. The run's environment module, if it has one, is imported first.
 */
async function resumedSettings(dir: string, steps: unknown): Promise<ResolvedSettings> {
  const config = readRunConfigFile(dir);
  await importRecordedModule(config, join(dir, RUN_FILES.config), 'write its new path into envModule');
  await prepareIfRegistered(config.env);
  const saved = resolvedFromConfig(config);
  const problems: string[] = [];
  const totalSteps = numberFlag(steps, 'steps', problems);
  if (totalSteps === undefined) {
    throwIfProblems(problems);
    return saved;
  }
  const resolved = resolveWithProblems(saved.algo, saved.env, [{ source: 'config.json', values: saved.settings }, { source: '--steps', values: { totalSteps } }], false, problems);
  if (totalSteps < saved.settings.totalSteps) {
    throw new ConfigError([`--steps ${totalSteps}: a resumed run can only be extended, and ${dir} is set to train ${saved.settings.totalSteps} steps`]);
  }
  return saved.envModule === undefined ? resolved : { ...resolved, envModule: saved.envModule };
}

/** A numeric flag's value, undefined if not given; a value that is not a number is recorded in `problems`. */
function numberFlag(value: unknown, flag: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (String(value).trim() === '' || Number.isNaN(number)) {
    problems.push(`--${flag} '${String(value)}' is not a number`);
    return undefined;
  }
  return number;
}

/**
 * `--list-settings`: the settings of --algo with their defaults; with --env, each value after the
 * environment's preset (unless --preset defaults), those the preset sets marked as such (an
 * environment of --env-module's imported first).
 */
async function listSettings(values: Record<string, unknown>): Promise<string> {
  const algo = String(values.algo ?? 'ppo');
  if (!(ALGORITHMS as readonly string[]).includes(algo)) throw new UsageError(`--algo must be one of ${ALGORITHMS.join(', ')}`);
  const schema = SCHEMAS[algo as AlgorithmName];
  if (typeof values.env !== 'string') return `Settings of ${algo}:\n${formatSettingsHelp(schema)}\n`;
  const preset = values.preset ?? 'zoo';
  if (preset !== 'zoo' && preset !== 'defaults') throw new ConfigError([`--preset must be zoo or defaults, got '${String(preset)}'`]);
  if (typeof values['env-module'] === 'string') await requireEnvModule(values['env-module'], '--env-module');
  // Checks the environment (with a suggestion if it is unknown) and that its preset resolves.
  await prepareIfRegistered(values.env);
  resolveSettingLayers(algo, values.env, [], preset === 'zoo');
  const presetValues: Record<string, unknown> = preset === 'zoo' ? presetFor(algo as AlgorithmName, values.env) : {};
  const count = Object.keys(presetValues).length;
  const heading = preset === 'zoo' ? `with its preset (${count} setting${count === 1 ? '' : 's'}, marked 'preset')` : 'without a preset (--preset defaults)';
  return `Settings of ${algo} on ${values.env}, ${heading}:\n${formatSettingsHelp(schema, presetValues)}\n`;
}

/** runs/ALGO-ENV-seedS-YYYYMMDD-HHMMSS: a fresh folder for every run. */
function defaultRunDirectory(resolved: ResolvedSettings): string {
  const time = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('runs', `${resolved.algo}-${resolved.env}-seed${resolved.settings.seed}-${time}`);
}

/**
 * The flags that say what run to start, which a resumed run takes from its folder instead
 * (--steps, which only extends it, aside).
 */
const RUN_DEFINING_FLAGS = ['algo', 'env', 'env-module', 'out', 'seed', 'preset', 'config', 'set'] as const;

