// `policygrad train` and `eval` end to end, through the built command in a temporary folder: a
// short run writes a valid run folder; eval reads its checkpoint; a run interrupted with Ctrl-C
// (SIGINT) and resumed writes exactly the metrics of an uninterrupted one; a killed run leaves a
// loadable checkpoint; configuration errors exit 2 and write nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { loadCheckpoint } from '../../src/train/run-directory.js';
import { parseXml } from '../helpers/xml.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'policygrad-train-'));
/** A small, fast configuration: 64-step batches of a 16-16 network. */
const SMALL = ['--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=16,16', '--seed', '3'];

function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

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

test('eval reads the checkpoint and reports mean and std of returns', async () => {
  const result = await policygrad('eval', '--checkpoint', join(folder, 'short', 'checkpoint.safetensors'), '--episodes', '3', '--json');
  assert.is(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.is(report.returns.length, 3);
  assert.ok(Math.abs(report.mean - report.returns.reduce((s: number, x: number) => s + x, 0) / 3) < 1e-12);
  assert.ok(report.std >= 0);
});

test('Ctrl-C saves a checkpoint and exits cleanly; --resume then matches the uninterrupted run exactly', async () => {
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
  assert.is(await exited, 0);
  const stopped = JSON.parse(readFileSync(join(parted, 'summary.json'), 'utf8'));
  assert.ok(stopped.interrupted && stopped.iterations < 100, `stopped at ${stopped.iterations}`);
  const resumed = await policygrad('train', '--resume', parted);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.equal(withoutTimings(readJsonLines(join(parted, 'metrics.jsonl'))), withoutTimings(readJsonLines(join(whole, 'metrics.jsonl'))));
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
  const result = await policygrad('train', '--resume', join(folder, 'anything'), '--steps', '100', '--seed', '3');
  assert.is(result.code, 2);
  assert.match(result.stderr, /--resume continues a run with its saved settings; it cannot be combined with --steps, --seed/);
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
