// `policygrad train` and `eval` end to end, through the built command in a temporary folder: a
// short run writes a valid run folder; --log-interval prints SB3's table of the metrics on stderr
// (stdout still one JSON document); eval reads its checkpoint; a run interrupted with Ctrl-C
// (SIGINT) and resumed writes exactly the metrics of an uninterrupted one; SIGTERM and SIGHUP stop
// a run as Ctrl-C does, each exiting with 128 + its number, even during the final evaluation; the
// summary after a resume reports the whole run; a run of 70,000 iterations finishes, resumes and
// plots; a killed run leaves a loadable checkpoint; configuration errors exit 2 and write nothing.
// Signals are real, sent to the child once its files or output show it has got that far.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { formatTableValue } from '../../src/report/metrics-table.js';
import { loadCheckpoint } from '../../src/train/run-directory.js';
import { allElements, parseXml } from '../helpers/xml.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('train');
/** A small, fast configuration: 64-step batches of a 16-16 network. */
const SMALL = ['--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=16,16', '--seed', '3'];

function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Starts `policygrad ...args` in the background: its exit code, and its output so far. */
function started(...args: string[]) {
  const child = spawn(process.execPath, [main, ...args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  // Listening from the start: on a busy machine the child may exit before a poll ends.
  let running = true;
  const exited = new Promise<number>((resolve) => child.on('exit', (c) => {
    running = false;
    resolve(c ?? -1);
  }));
  /**
   * Resolves once `ready()` holds, checked every 5 ms, or once the child has exited (then the
   * test's assertions say what went wrong). No time limit: it waits for the run's progress.
   */
  const until = (ready: () => boolean) => new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (ready() || !running) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  return { child, exited, until, stdout: () => stdout, stderr: () => stderr };
}

const metricsLines = (out: string) => (existsSync(join(out, 'metrics.jsonl')) ? readJsonLines(join(out, 'metrics.jsonl')) as Record<string, number>[] : []);
const readSummary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

const withoutTimings = (records: unknown[]) => records.map((r) => {
  const { sps: _sps, ...rest } = r as Record<string, unknown>;
  return rest;
});

test('a short train writes config.json, metrics.jsonl, curve.svg, summary.json and a valid checkpoint', async () => {
  const out = join(folder, 'short');
  const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '640', '--out', out, '--json', ...SMALL);
  assert.is(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal([summary.algo, summary.env, summary.seed, summary.steps, summary.iterations, summary.interrupted], ['ppo', 'CartPole-v1', 3, 640, 10, false]);
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.equal([config.algo, config.env, config.seed, config.totalSteps, config.hiddenSizes], ['ppo', 'CartPole-v1', 3, 640, [16, 16]]);
  assert.type(config.version, 'string');
  const metrics = readJsonLines(join(out, 'metrics.jsonl')) as Record<string, number>[];
  assert.is(metrics.length, 10);
  assert.equal(metrics.map((m) => m.global_step), Array.from({ length: 10 }, (_, i) => 64 * (i + 1)));
  for (const key of ['policy_loss', 'value_loss', 'entropy', 'approx_kl', 'clipfrac', 'explained_variance', 'learning_rate', 'sps']) assert.ok(key in metrics[9]!, key);
  assert.ok(parseXml(readFileSync(join(out, 'curve.svg'), 'utf8')).name === 'svg');
  assert.equal(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), summary);
  const checkpoint = loadCheckpoint(join(out, 'checkpoint.safetensors'));
  assert.is(checkpoint.state.iteration, 10);
});

test('eval --checkpoint takes the run folder as well as its checkpoint file', async () => {
  const [file, dir] = await Promise.all([
    policygrad('eval', '--checkpoint', join(folder, 'short', 'checkpoint.safetensors'), '--episodes', '2', '--json'),
    policygrad('eval', '--checkpoint', join(folder, 'short'), '--episodes', '2', '--json'),
  ]);
  assert.is(dir.code, 0, dir.stderr);
  assert.equal(JSON.parse(dir.stdout), JSON.parse(file.stdout));
});

test('--log-interval 4: an SB3-style table on stderr at iterations 4 and 8 with the last line\'s values; stdout stays one JSON document; 0: none', async () => {
  const out = join(folder, 'tables');
  const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '640', '--out', out, '--log-interval', '4', '--json', ...SMALL);
  assert.is(result.code, 0, result.stderr);
  assert.is(JSON.parse(result.stdout).iterations, 10, 'stdout is the summary alone');
  const tables = result.stderr.split(/^-+\n/m).filter((block) => block.startsWith('| rollout/'));
  assert.equal(tables.map((t) => /\| {4}iterations +\| (\d+)/.exec(t)?.[1]), ['4', '8']);
  const eighth = (readJsonLines(join(out, 'metrics.jsonl')) as Record<string, number>[])[7]!;
  for (const [row, value] of [['total_timesteps', String(eighth.global_step)], ['epochs', String(eighth.epochs)], ['value_loss', formatTableValue(eighth.value_loss!)]]) {
    assert.match(tables[1]!, new RegExp(`\\| {4}${row} +\\| ${value.replace('.', '\\.')} +\\|`), row);
  }
  for (const group of ['rollout/', 'time/', 'train/']) assert.match(tables[1]!, `| ${group} `);
  const quiet = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '640', '--out', join(folder, 'quiet'), '--log-interval', '0', ...SMALL);
  assert.is(quiet.code, 0, quiet.stderr);
  assert.not.match(quiet.stderr, 'rollout/');
});

test('eval reads the checkpoint and reports mean and std of returns', async () => {
  const result = await policygrad('eval', '--checkpoint', join(folder, 'short', 'checkpoint.safetensors'), '--episodes', '3', '--json');
  assert.is(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.is(report.returns.length, 3);
  assert.ok(Math.abs(report.mean - report.returns.reduce((s: number, x: number) => s + x, 0) / 3) < 1e-12);
  assert.ok(report.std >= 0);
});

test('Ctrl-C saves a checkpoint and the summary and exits 130; --resume then matches the uninterrupted run exactly', async () => {
  const args = ['train', '--algo', 'trpo', '--env', 'Pendulum-v1', '--steps', '6400', ...SMALL, '--set', 'criticMinibatchSize=32', '--checkpoint-every', '1000'];
  const whole = join(folder, 'whole');
  assert.is((await policygrad(...args, '--out', whole)).code, 0);

  const parted = join(folder, 'parted');
  const child = spawn(process.execPath, [main, ...args, '--out', parted], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  // Listening from the start: on a busy machine the child may exit before the poll below ends.
  const exited = new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  // Interrupt once the run has written a few iterations.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (existsSync(join(parted, 'metrics.jsonl')) && readFileSync(join(parted, 'metrics.jsonl'), 'utf8').split('\n').length > 4) {
        clearInterval(timer);
        child.kill('SIGINT');
        resolve();
      }
    }, 5);
  });
  assert.is(await exited, 130, 'exit 128 + 2 (SIGINT)');
  const stopped = JSON.parse(readFileSync(join(parted, 'summary.json'), 'utf8'));
  assert.ok(stopped.interrupted && stopped.iterations < 100, `stopped at ${stopped.iterations}`);
  const resumed = await policygrad('train', '--resume', parted);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.equal(withoutTimings(readJsonLines(join(parted, 'metrics.jsonl'))), withoutTimings(readJsonLines(join(whole, 'metrics.jsonl'))));
});

test('SIGHUP stops a run as Ctrl-C does and exits 129', async () => {
  const out = join(folder, 'hangup');
  const run = started('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '64000', ...SMALL, '--out', out);
  await run.until(() => metricsLines(out).length > 4);
  run.child.kill('SIGHUP');
  assert.is(await run.exited, 129, run.stderr());
  assert.match(run.stderr(), /Interrupted \(SIGHUP\): saving a checkpoint and the summary/);
  assert.match(run.stdout(), /^Stopped ppo on CartPole-v1: /);
  const summary = readSummary(out);
  assert.ok(summary.interrupted && summary.iterations < 1000, `stopped at ${summary.iterations}`);
  assert.is(loadCheckpoint(join(out, 'checkpoint.safetensors')).state.iteration, summary.iterations);
});

test('SIGTERM saves and exits 143; the resumed run\'s summary reports the whole run (wall time, first solved, evaluation), and resuming it again changes nothing', async () => {
  // TRPO's defaults solve CartPole-v1 (seed 3) at iteration 33 of 48; the run is stopped after that.
  const out = join(folder, 'preempted');
  const run = started('train', '--algo', 'trpo', '--env', 'CartPole-v1', '--seed', '3', '--steps', '98304', '--eval-episodes', '3', '--checkpoint-every', '1', '--out', out);
  await run.until(() => metricsLines(out).some((m) => m.episodic_return! >= 475));
  run.child.kill('SIGTERM');
  assert.is(await run.exited, 143, run.stderr());
  const solvedStep = metricsLines(out).find((m) => m.episodic_return! >= 475)!.global_step;
  const stopped = readSummary(out);
  assert.ok(stopped.interrupted && stopped.iterations < 48, `stopped at ${stopped.iterations}`);
  assert.is(stopped.firstSolvedStep, solvedStep);
  assert.not.ok('evaluation' in stopped, 'a stopped run is evaluated when it ends');

  // A write killed between creating and renaming its temporary file; resume removes it.
  const stale = '.checkpoint.safetensors.4194305.k3j2h1ga.tmp';
  writeFileSync(join(out, stale), 'partial');
  const resumed = await policygrad('train', '--resume', out, '--json');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.not.ok(readdirSync(out).includes(stale), 'the stale temporary file is gone');
  const whole = JSON.parse(resumed.stdout);
  assert.equal(readSummary(out), whole);
  assert.equal([whole.iterations, whole.interrupted, whole.firstSolvedStep, whole.firstSolvedSeconds], [48, false, solvedStep, stopped.firstSolvedSeconds]);
  assert.ok(whole.wallSeconds > stopped.wallSeconds, `${whole.wallSeconds} s > ${stopped.wallSeconds} s: both sessions count`);
  assert.is(whole.evaluation.episodes, 3, 'the evaluation the run was started with');

  const again = await policygrad('train', '--resume', out, '--json');
  assert.is(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout), whole, 'a finished run resumed keeps its figures');
});

test('a signal during the final evaluation still writes the summary (without the evaluation) and exits 130; resume evaluates', async () => {
  const out = join(folder, 'evaluating');
  // An untrained policy's episodes are short, but a million of them take far longer than a signal.
  const run = started('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '128', ...SMALL, '--eval-episodes', '1000000', '--out', out);
  await run.until(() => run.stderr().includes('Evaluating the policy on 1000000 episodes'));
  run.child.kill('SIGINT');
  assert.is(await run.exited, 130, run.stderr());
  const stopped = readSummary(out);
  assert.equal([stopped.iterations, stopped.interrupted, 'evaluation' in stopped], [2, true, false]);
  const resumed = await policygrad('train', '--resume', out, '--eval-episodes', '2', '--json');
  assert.is(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assert.equal([summary.interrupted, summary.evaluation.episodes], [false, 2]);
});

test('a run of 70,000 iterations (4-step batches) finishes, resumes past iteration 63,000 and plots; curve.svg is what plot draws', async () => {
  // Before: "Maximum call stack size exceeded" at the checkpoint after iteration 63,000, again on
  // --resume, and from plot. The full reproduction, with default settings past 32M steps, is in docs/cli.md.
  const out = join(folder, 'long');
  const args = ['train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '280000', '--seed', '1', '--out', out,
    '--set', 'numEnvs=1', '--set', 'stepsPerEnv=4', '--set', 'minibatches=1', '--set', 'epochs=1', '--set', 'hiddenSizes=4'];
  const run = started(...args);
  // About 386 bytes a line: stop it after some 52,000 iterations, so that the resumed part crosses 63,000.
  await run.until(() => existsSync(join(out, 'metrics.jsonl')) && statSync(join(out, 'metrics.jsonl')).size > 20_000_000);
  run.child.kill('SIGTERM');
  assert.is(await run.exited, 143, run.stderr());
  assert.ok(readSummary(out).iterations < 63_000, `stopped at ${readSummary(out).iterations}`);
  const resumed = await policygrad('train', '--resume', out, '--json');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.is(JSON.parse(resumed.stdout).iterations, 70_000);
  assert.is(metricsLines(out).length, 70_000);
  const plot = await policygrad('plot', out, '--out', join(folder, 'long.svg'));
  assert.is(plot.code, 0, plot.stderr);
  assert.is(readFileSync(join(folder, 'long.svg'), 'utf8'), readFileSync(join(out, 'curve.svg'), 'utf8'));
  const points = allElements(parseXml(readFileSync(join(out, 'curve.svg'), 'utf8'))).find((e) => e.attributes.class === 'median')!.attributes.points!;
  assert.ok(points.split(' ').length <= 2000, `${points.split(' ').length} points drawn`);
});

test('a killed run leaves its last complete checkpoint loadable and resumable', async () => {
  const out = join(folder, 'killed');
  const child = spawn(process.execPath, [main, 'train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '64000', ...SMALL, '--checkpoint-every', '1', '--out', out], { cwd: folder, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (existsSync(join(out, 'checkpoint.safetensors')) && readJsonLines(join(out, 'metrics.jsonl')).length > 20) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      }
    }, 5);
  });
  await exited;
  const checkpoint = loadCheckpoint(join(out, 'checkpoint.safetensors'));
  assert.ok(checkpoint.state.iteration >= 20);
  const resumed = await policygrad('train', '--resume', out, '--json');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.is(readJsonLines(join(out, 'metrics.jsonl')).length, 1000);
});

test('--resume refuses flags that would define another run, naming them', async () => {
  const result = await policygrad('train', '--resume', join(folder, 'anything'), '--steps', '100', '--seed', '3', '--set', 'gamma=0.9');
  assert.is(result.code, 2);
  assert.match(result.stderr, /--resume continues a run with its saved settings; it cannot be combined with --seed, --set\n/);
});

test('--steps trains at least the request, in whole batches: 100 steps of 64-step batches are 2 iterations, 128 steps', async () => {
  const out = join(folder, 'rounded');
  const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '100', '--out', out, '--json', ...SMALL);
  assert.is(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal([summary.steps, summary.iterations], [128, 2]);
  assert.is(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).totalSteps, 100, 'config.json keeps the request');
});

test('--resume DIR --steps N extends a finished run from its checkpoint to N steps; config.json and the checkpoint agree after', async () => {
  const out = join(folder, 'extended');
  const first = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '128', '--out', out, ...SMALL);
  assert.is(first.code, 0, first.stderr);
  const before = metricsLines(out);
  const lower = await policygrad('train', '--resume', out, '--steps', '64');
  assert.is(lower.code, 2);
  assert.match(lower.stderr, /--steps 64: a resumed run can only be extended, and .* is set to train 128 steps/);
  assert.equal(metricsLines(out), before, 'a refused extension changes nothing');
  const extended = await policygrad('train', '--resume', out, '--steps', '256', '--json');
  assert.is(extended.code, 0, extended.stderr);
  assert.match(extended.stderr, /Resuming .* at iteration 2 of 4 \(step 128\), extended from 128 to 256 steps/);
  assert.equal([JSON.parse(extended.stdout).steps, JSON.parse(extended.stdout).iterations], [256, 4]);
  const after = metricsLines(out);
  assert.equal(after.slice(0, 2), before, 'the first two iterations are kept as they were');
  assert.equal(after.map((m) => m.global_step), [64, 128, 192, 256]);
  // The annealing schedule is the extended run's: lr·(1 − (iteration − 1)/4) from iteration 3 on.
  assert.equal(after.slice(2).map((m) => m.learning_rate), [2.5e-4 * (1 - 2 / 4), 2.5e-4 * (1 - 3 / 4)]);
  assert.is(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).totalSteps, 256);
  const checkpoint = loadCheckpoint(join(out, 'checkpoint.safetensors'));
  assert.equal([checkpoint.state.iteration, checkpoint.config.totalSteps], [4, 256]);
  const again = await policygrad('train', '--resume', out, '--json');
  assert.is(again.code, 0, again.stderr);
  assert.equal(metricsLines(out), after, 'a later resume finds the extended run finished');
});

test('a config.json raised above its checkpoint (an extension stopped before its first checkpoint) resumes to the new total', async () => {
  const out = join(folder, 'extending');
  assert.is((await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '64', '--out', out, ...SMALL)).code, 0);
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  writeFileSync(join(out, 'config.json'), JSON.stringify({ ...config, totalSteps: 128 }));
  const resumed = await policygrad('train', '--resume', out, '--json');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.is(JSON.parse(resumed.stdout).steps, 128);
  writeFileSync(join(out, 'config.json'), JSON.stringify({ ...config, totalSteps: 64 }));
  const lowered = await policygrad('train', '--resume', out);
  assert.is(lowered.code, 1, 'a config.json below its checkpoint is still refused');
  assert.match(lowered.stderr, /totalSteps is 64 in config.json, 128 in the checkpoint/);
});

test('a run\'s own config.json is a --config file: it supplies --algo and --env, and the same settings train the same run', async () => {
  const out = join(folder, 'from-config');
  const result = await policygrad('train', '--config', join(folder, 'short', 'config.json'), '--out', out);
  assert.is(result.code, 0, result.stderr);
  assert.equal(withoutTimings(metricsLines(out)), withoutTimings(metricsLines(join(folder, 'short'))));
  const conflicting = await policygrad('train', '--algo', 'trpo', '--env', 'CartPole-v1', '--config', join(folder, 'short', 'config.json'), '--out', join(folder, 'never-conflicting'));
  assert.is(conflicting.code, 2);
  assert.match(conflicting.stderr, /--config .*config\.json: algo is 'ppo', but --algo is 'trpo'/);
  assert.is(existsSync(join(folder, 'never-conflicting')), false);
});

test('each configuration problem is listed once, and counted once', async () => {
  const missing = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--config', 'missing.json');
  assert.is(missing.code, 2);
  assert.is(missing.stderr, 'policygrad train: invalid configuration (1 problem):\n  - --config missing.json: no such file\n');
  const two = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--config', 'missing.json', '--steps', 'abc', '--set', 'gamma=x');
  assert.is(two.stderr, "policygrad train: invalid configuration (3 problems):\n  - --config missing.json: no such file\n  - --steps 'abc' is not a number\n  - --set gamma=x: 'x' is not a number\n");
});

test('a negative --seed, as --seed -1 or --seed=-1, is refused with the accepted range', async () => {
  for (const args of [['--seed', '-1'], ['--seed=-1']]) {
    const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', ...args, '--out', join(folder, 'never-seeded'));
    assert.is(result.code, 2, args.join(' '));
    assert.is(result.stderr, 'policygrad train: invalid configuration (1 problem):\n  - --seed: seed must be ≥ 0 and ≤ 4294967295, got -1\n', args.join(' '));
    const evaluated = await policygrad('eval', '--checkpoint', join(folder, 'short'), ...args);
    assert.is(evaluated.code, 2, args.join(' '));
    assert.match(evaluated.stderr, /^policygrad eval: --seed must be ≥ 0 and ≤ 4294967295, got '-1'\n/, args.join(' '));
  }
  assert.is(existsSync(join(folder, 'never-seeded')), false);
});

test('--list-settings with --env shows each value after the environment\'s preset, marking those the preset sets', async () => {
  const preset = await policygrad('train', '--algo', 'ppo', '--env', 'Pendulum-v1', '--list-settings');
  assert.is(preset.code, 0, preset.stderr);
  assert.match(preset.stdout, /^Settings of ppo on Pendulum-v1, with its preset \(9 settings, marked 'preset'\):\n/);
  assert.match(preset.stdout, /\n {2}stepsPerEnv +integer ≥ 1 +preset 1024 \(default 128\) +steps per environment/);
  assert.match(preset.stdout, /\n {2}clipCoef +number [^\n]*default 0\.2 /);
  const none = await policygrad('train', '--algo', 'ppo', '--env', 'Pendulum-v1', '--preset', 'defaults', '--list-settings');
  assert.match(none.stdout, /^Settings of ppo on Pendulum-v1, without a preset \(--preset defaults\):\n/);
  assert.not.match(none.stdout, /preset \d/);
  const unknown = await policygrad('train', '--algo', 'ppo', '--env', 'Pendulm-v1', '--list-settings');
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /did you mean 'Pendulum-v1'/);
});

test('configuration errors are all reported at once, exit 2, and nothing is written', async () => {
  const out = join(folder, 'never');
  const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPol-v1', '--out', out, '--set', 'learningRat=1', '--set', 'clipCoef=-1', '--steps', 'abc');
  assert.is(result.code, 2);
  assert.match(result.stderr, /4 problems/);
  assert.match(result.stderr, /did you mean 'CartPole-v1'/);
  assert.match(result.stderr, /did you mean 'learningRate'/);
  assert.match(result.stderr, /clipCoef must be > 0/);
  assert.match(result.stderr, /--steps 'abc' is not a number/);
  assert.is(existsSync(out), false);
  const taken = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--out', join(folder, 'short'));
  assert.is(taken.code, 2);
  assert.match(taken.stderr, /exists and is not empty/);
});

test('a range a function enforces and a limit between settings are checked before anything is written, naming the user\'s settings', async () => {
  const out = join(folder, 'never-either');
  const shrink = await policygrad('train', '--algo', 'trpo', '--env', 'CartPole-v1', '--out', out, '--set', 'lineSearchShrink=1');
  assert.is(shrink.code, 2, shrink.stderr);
  assert.match(shrink.stderr, /--set: lineSearchShrink must be > 0 and < 1, got 1/);
  const batch = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--out', out, '--set', 'stepsPerEnv=2000000');
  assert.is(batch.code, 2, batch.stderr);
  assert.match(batch.stderr, /numEnvs × stepsPerEnv: 4 × 2000000 = 8000000 steps per batch is more than the 1048576/);
  assert.not.match(batch.stderr, /maxBatch/);
  assert.is(existsSync(out), false);
});

test.run();
