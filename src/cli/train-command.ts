// `policygrad train`: resolve every setting (all problems at once, exit 2, before anything is
// written), train with a progress bar, and keep the run folder current: metrics.jsonl line by line,
// curve.svg and the checkpoint every few iterations, summary.json at the end. Ctrl-C finishes the
// iteration, saves a checkpoint and exits cleanly; `--resume DIR` continues exactly.
import { join } from 'node:path';
import { rewardThreshold } from '../envs/registry.js';
import { JsonLinesWriter } from '../io/json-lines.js';
import { RUN_FILES } from '../io/run-folder.js';
import { evaluateAgent } from '../train/evaluate.js';
import {
  checkNewRunDirectory, lockRunDirectory, readResolvedSettings, saveCheckpoint, writeCurve, writeRunConfig, writeSummary,
} from '../train/run-directory.js';
import { ConfigError, formatSettingsHelp, parseSetArguments, throwIfProblems, type SettingsLayer } from '../util/settings-schema.js';
import type { LearnerBackend } from '../train/agent.js';
import { ALGORITHMS, resolveSettingLayers, SCHEMAS, type ResolvedSettings } from '../train/settings.js';
import { CheckpointHistory } from '../train/checkpoint-history.js';
import { restoreFromCheckpoint } from '../train/resume.js';
import { Trainer } from '../train/trainer.js';
import { readConfigFile } from './config-file.js';
import { UsageError, writeJson, type Command } from './command.js';
import { watchInterrupts } from './interrupt.js';
import { ProgressBar } from './progress.js';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an agent and write a run folder (metrics, curve, checkpoint, summary)',
  usage: 'policygrad train --algo ppo|trpo|npg|vpg|ppo-reuse --env ID [--out DIR] [--steps N] [--seed S] [--preset zoo|defaults]\n'
    + '       [--config FILE.json] [--set key=value ...] [--backend wasm] [--eval-episodes N] [--json]\n'
    + '       policygrad train --resume DIR',
  description: 'Settings come from the algorithm\'s defaults, then the environment\'s preset (--preset zoo, the default: the\n'
    + 'tuned settings of rl-baselines3-zoo where they apply; --preset defaults skips it), then --config, then each --set.\n'
    + 'Every problem is reported at once, before anything is written (exit code 2); --list-settings prints them all.\n'
    + 'The run folder gets config.json, metrics.jsonl (one line per iteration), curve.svg, summary.json and\n'
    + 'checkpoint.safetensors (every --checkpoint-every iterations, on Ctrl-C, and at the end; the older of the last\n'
    + '--keep-checkpoints as checkpoint-ITER.safetensors). One process writes a folder at a time: a folder in use by\n'
    + 'another live process is refused with exit code 75. A run that diverges stops with exit code 1, naming the iteration.',
  options: {
    algo: { type: 'string', valueName: 'NAME', doc: `the algorithm: ${ALGORITHMS.join(', ')}` },
    env: { type: 'string', valueName: 'ID', doc: 'the environment id, e.g. CartPole-v1' },
    out: { type: 'string', short: 'o', valueName: 'DIR', doc: 'the run folder to create, not existing or empty (default runs/ALGO-ENV-seedS-TIME)' },
    steps: { type: 'string', valueName: 'N', doc: 'environment steps to train for (the totalSteps setting)' },
    seed: { type: 'string', valueName: 'S', doc: 'the seed (the seed setting)' },
    preset: { type: 'string', valueName: 'NAME', doc: 'zoo (default): the environment\'s tuned settings; defaults: none' },
    config: { type: 'string', valueName: 'FILE.json', doc: 'a JSON object of settings' },
    set: { type: 'string', multiple: true, valueName: 'KEY=VALUE', doc: 'one setting (repeatable), e.g. --set learningRate=3e-4' },
    backend: { type: 'string', valueName: 'NAME', doc: "where the learner's networks run: wasm (default), webgpu or auto; acting always runs on wasm" },
    resume: { type: 'string', valueName: 'DIR', doc: 'continue the run in DIR from its checkpoint, exactly' },
    'checkpoint-every': { type: 'string', valueName: 'N', doc: 'iterations between checkpoints (default: about 20 per run)' },
    'keep-checkpoints': { type: 'string', valueName: 'K', doc: 'checkpoints to keep: the newest as checkpoint.safetensors, older ones as checkpoint-ITER.safetensors (default 2)' },
    'eval-episodes': { type: 'string', valueName: 'N', doc: 'after training, evaluate the policy on N episodes (default 0)' },
    'list-settings': { type: 'boolean', doc: 'print the settings of --algo with types, ranges, defaults and docs' },
    json: { type: 'boolean', doc: 'print one JSON document (the summary) and nothing else on stdout' },
  },
  async run({ values }, io) {
    if (values['list-settings']) {
      const algo = String(values.algo ?? 'ppo');
      if (!(ALGORITHMS as readonly string[]).includes(algo)) throw new UsageError(`--algo must be one of ${ALGORITHMS.join(', ')}`);
      io.stdout.write(`Settings of ${algo}:\n${formatSettingsHelp(SCHEMAS[algo as keyof typeof SCHEMAS])}\n`);
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
    const resolved = resumeDir === undefined ? resolveFromFlags(values) : readResolvedSettings(resumeDir);
    const out = resumeDir ?? (typeof values.out === 'string' ? values.out : defaultRunDirectory(resolved));
    if (resumeDir === undefined) {
      const problem = checkNewRunDirectory(out);
      if (problem) throw new ConfigError([problem]);
    }
    const evalEpisodes = integerFlag(values['eval-episodes'], 'eval-episodes', 0);
    const keepCheckpoints = integerFlag(values['keep-checkpoints'], 'keep-checkpoints', 2);
    if (keepCheckpoints < 1) throw new UsageError(`--keep-checkpoints must be at least 1, got ${keepCheckpoints}`);

    const trainer = await Trainer.create(resolved, (values.backend as LearnerBackend | undefined) ?? 'wasm');
    const checkpointEvery = integerFlag(values['checkpoint-every'], 'checkpoint-every', Math.max(1, Math.ceil(trainer.totalIterations / 20)));
    // From here on this process is the folder's one writer, until the command ends however it ends.
    using _lock = lockRunDirectory(out, resumeDir === undefined);
    let keepLines: number | undefined;
    const history = new CheckpointHistory(out, keepCheckpoints);
    if (resumeDir !== undefined) {
      await restoreFromCheckpoint(out, trainer);
      keepLines = trainer.iteration;
      history.latestIteration = trainer.iteration;
      io.stderr.write(`Resuming ${out} at iteration ${trainer.iteration} of ${trainer.totalIterations} (step ${trainer.agent.globalStep})\n`);
    } else {
      writeRunConfig(out, resolved);
    }
    const metricsFile = new JsonLinesWriter(join(out, RUN_FILES.metrics), keepLines === undefined ? {} : { keepLines });
    const threshold = rewardThreshold(resolved.env);
    const progress = new ProgressBar({ totalSteps: trainer.totalIterations * trainer.agent.batchSize, stream: io.stderr, startStep: trainer.agent.globalStep });
    const interrupts = watchInterrupts({ onFirst: () => io.stderr.write('\nInterrupted: finishing this iteration and saving a checkpoint (Ctrl-C again to quit at once)\n') });
    const start = performance.now();
    let solvedAt: { step: number; seconds: number } | undefined;
    let last: Record<string, number> = {};
    try {
      while (!trainer.done && !interrupts.requested) {
        last = await trainer.step();
        metricsFile.append(last);
        progress.update(last.global_step!, last.episodic_return);
        if (solvedAt === undefined && threshold !== undefined && last.episodic_return! >= threshold) {
          solvedAt = { step: last.global_step!, seconds: (performance.now() - start) / 1000 };
        }
        if (trainer.iteration % checkpointEvery === 0 || trainer.done) {
          await saveCheckpoint(out, trainer, history);
          writeCurve(out);
        }
        // The loop's awaits resolve as microtasks; let the event loop deliver a pending Ctrl-C.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (interrupts.requested) {
        await saveCheckpoint(out, trainer, history);
        writeCurve(out);
      }
    } finally {
      interrupts.dispose();
      metricsFile.close();
      progress.finish();
    }
    const finalReturn = trainer.agent.episodeStatistics().episodicReturn;
    const summary: Record<string, unknown> = {
      algo: resolved.algo,
      env: resolved.env,
      seed: resolved.settings.seed,
      steps: trainer.agent.globalStep,
      iterations: trainer.iteration,
      wallSeconds: (performance.now() - start) / 1000,
      finalReturn: Number.isFinite(finalReturn) ? finalReturn : null,
      threshold: threshold ?? null,
      solved: threshold === undefined || !Number.isFinite(finalReturn) ? null : finalReturn >= threshold,
      firstSolvedStep: solvedAt?.step ?? null,
      firstSolvedSeconds: solvedAt?.seconds ?? null,
      interrupted: interrupts.requested,
      checkpoint: join(out, 'checkpoint.safetensors'),
    };
    if (evalEpisodes > 0) {
      const evaluation = evaluateAgent(trainer.agent, evalEpisodes, 1_000_000 + (resolved.settings.seed as number));
      summary.evaluation = { episodes: evalEpisodes, mean: evaluation.mean, std: evaluation.std };
    }
    writeSummary(out, summary);
    if (values.json) writeJson(io, summary);
    else {
      const returnText = Number.isFinite(finalReturn) ? finalReturn.toFixed(1) : 'n/a';
      io.stdout.write(`${summary.interrupted ? 'Stopped' : 'Trained'} ${resolved.algo} on ${resolved.env}: ${trainer.agent.globalStep} steps in ${(summary.wallSeconds as number).toFixed(1)} s; `
        + `mean return of the last 100 episodes ${returnText}${threshold === undefined ? '' : ` (solved at ${threshold}: ${summary.solved ? 'yes' : 'no'})`}\n`);
      if (summary.evaluation) {
        const e = summary.evaluation as { mean: number; std: number };
        io.stdout.write(`Evaluation over ${evalEpisodes} episodes (deterministic policy): ${e.mean.toFixed(1)} ± ${e.std.toFixed(1)}\n`);
      }
      io.stdout.write(`Run folder: ${out}\nLearning curve: ${join(out, RUN_FILES.curve)}\nCheckpoint: ${summary.checkpoint}\n`);
    }
    return 0;
  },
};

/** The settings from --algo, --env, --preset, --config, --steps, --seed and --set; every problem at once. */
function resolveFromFlags(values: Record<string, unknown>): ResolvedSettings {
  const problems: string[] = [];
  for (const flag of ['algo', 'env'] as const) if (typeof values[flag] !== 'string') problems.push(`--${flag} is required`);
  const preset = values.preset ?? 'zoo';
  if (preset !== 'zoo' && preset !== 'defaults') problems.push(`--preset must be zoo or defaults, got '${String(preset)}'`);
  if (values.backend !== undefined && !['wasm', 'webgpu', 'auto'].includes(values.backend as string)) {
    problems.push(`--backend must be wasm, webgpu or auto, got '${String(values.backend)}'`);
  }
  throwIfProblems(problems);
  const algo = values.algo as string;
  const schema = SCHEMAS[algo as keyof typeof SCHEMAS];
  const layers: SettingsLayer[] = [];
  if (typeof values.config === 'string') layers.push(readConfigFile(values.config, problems));
  const flags: Record<string, unknown> = {};
  for (const [flag, key] of [['steps', 'totalSteps'], ['seed', 'seed']] as const) {
    if (values[flag] === undefined) continue;
    const number = Number(values[flag]);
    if (String(values[flag]).trim() === '' || Number.isNaN(number)) problems.push(`--${flag} '${String(values[flag])}' is not a number`);
    else flags[key] = number;
  }
  if (Object.keys(flags).length > 0) layers.push({ source: 'flags', values: flags });
  if (schema !== undefined) layers.push(parseSetArguments(schema, (values.set as string[] | undefined) ?? [], problems));
  try {
    const resolved = resolveSettingLayers(algo, values.env as string, layers, preset === 'zoo');
    throwIfProblems(problems);
    return resolved;
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...problems, ...error.problems]);
    throw error;
  }
}

/** runs/ALGO-ENV-seedS-YYYYMMDD-HHMMSS: a fresh folder for every run. */
function defaultRunDirectory(resolved: ResolvedSettings): string {
  const time = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('runs', `${resolved.algo}-${resolved.env}-seed${resolved.settings.seed}-${time}`);
}

/** The flags that say what run to start, which a resumed run takes from its folder instead. */
const RUN_DEFINING_FLAGS = ['algo', 'env', 'out', 'steps', 'seed', 'preset', 'config', 'set'] as const;

function integerFlag(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${String(value)}'`);
  return number;
}
