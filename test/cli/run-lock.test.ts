// One writer per run folder, by real processes of the built command: of two `train` runs started
// together on one folder (ppo and trpo), exactly one runs and the other exits 75 saying which
// process holds the folder, before writing anything; so does a second `--resume` of a running
// run; a lock left by a killed process (its pid no longer exists) is taken over, by `--resume`
// and by a new run; a finished run leaves no lock behind. Every wait is on a child's progress
// (its exit, a line in metrics.jsonl), never on a delay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { RUN_IN_USE_EXIT_CODE, RUN_LOCK_FILE } from '../../src/io/run-lock.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('lock');
/** A run far longer than the test: each long run is stopped with Ctrl-C once it has been seen. */
const LONG = ['--env', 'CartPole-v1', '--steps', '6400000', '--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=8,8', '--seed', '3'];

interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function start(...args: string[]): Run {
  const child = spawn(process.execPath, [main, ...args], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // Listening from the start: a refused run may exit before anyone waits for it.
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, exited };
}

/** Resolves once the run in `out` has written `lines` metrics lines (so it holds the folder and its Ctrl-C handler is installed). */
function metricsLines(out: string, lines: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (existsSync(join(out, 'metrics.jsonl')) && readJsonLines(join(out, 'metrics.jsonl')).length >= lines) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

/** A pid that no process has: that of a child which has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const refusal = (out: string) => new RegExp(`${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process \\d+ on `);

test('two runs started together on one folder: exactly one runs, the other exits 75 naming the owner', async () => {
  const out = join(folder, 'together');
  const runs = [start('train', '--algo', 'ppo', ...LONG, '--out', out), start('train', '--algo', 'trpo', '--set', 'criticMinibatchSize=32', ...LONG, '--out', out)];
  // The refused one exits on its own; the other runs until it is interrupted.
  const first = await Promise.race(runs.map((run, i) => run.exited.then((result) => ({ ...result, i }))));
  assert.is(first.code, RUN_IN_USE_EXIT_CODE, first.stderr);
  assert.match(first.stderr, refusal(out));
  const winner = runs[1 - first.i]!;
  await metricsLines(out, 1);
  winner.child.kill('SIGINT');
  const { code, stderr } = await winner.exited;
  assert.is(code, 130, stderr); // saved and stopped by Ctrl-C (docs/cli.md, exit codes)
  // One run's metrics, line for line: iterations 1, 2, 3, … with nothing interleaved.
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.is(config.algo, ['ppo', 'trpo'][1 - first.i]);
  const iterations = readJsonLines(join(out, 'metrics.jsonl')).map((m) => (m as { iteration: number }).iteration);
  assert.equal(iterations, Array.from({ length: iterations.length }, (_, i) => i + 1));
  assert.is(existsSync(join(out, RUN_LOCK_FILE)), false, 'the lock is removed at exit');
});

test('a second --resume of a running run exits 75; the first continues', async () => {
  const out = join(folder, 'together');
  const before = readJsonLines(join(out, 'metrics.jsonl')).length;
  const first = start('train', '--resume', out);
  await metricsLines(out, before + 1);
  const second = await start('train', '--resume', out).exited;
  assert.is(second.code, RUN_IN_USE_EXIT_CODE, second.stderr);
  assert.match(second.stderr, refusal(out));
  // A new run into the folder is refused as in use too, not as "not empty".
  const fresh = await start('train', '--algo', 'ppo', ...LONG, '--out', out).exited;
  assert.is(fresh.code, RUN_IN_USE_EXIT_CODE, fresh.stderr);
  first.child.kill('SIGINT');
  assert.is((await first.exited).code, 130);
  assert.is(existsSync(join(out, RUN_LOCK_FILE)), false);
});

test('a lock left by a killed run is taken over by --resume, which then runs and removes it', async () => {
  const out = join(folder, 'killed');
  const run = start('train', '--algo', 'ppo', ...LONG, '--checkpoint-every', '1', '--out', out);
  await metricsLines(out, 2);
  run.child.kill('SIGKILL');
  await run.exited;
  const stale = JSON.parse(readFileSync(join(out, RUN_LOCK_FILE), 'utf8'));
  assert.is(stale.pid, run.child.pid, 'SIGKILL leaves the lock behind');
  const resumed = start('train', '--resume', out);
  await metricsLines(out, readJsonLines(join(out, 'metrics.jsonl')).length + 1);
  assert.is(JSON.parse(readFileSync(join(out, RUN_LOCK_FILE), 'utf8')).pid, resumed.child.pid);
  resumed.child.kill('SIGINT');
  const { code, stderr } = await resumed.exited;
  assert.is(code, 130, stderr);
  assert.is(existsSync(join(out, RUN_LOCK_FILE)), false);
});

test('a new run takes over a folder that holds only a stale lock; a live lock from another host is refused', async () => {
  const out = join(folder, 'stale-only');
  mkdirSync(out);
  writeFileSync(join(out, RUN_LOCK_FILE), `${JSON.stringify({ pid: await deadPid(), host: hostname(), started: '2020-01-01T00:00:00.000Z' })}\n`);
  const result = await start('train', '--algo', 'ppo', ...LONG, '--steps', '640', '--out', out).exited;
  assert.is(result.code, 0, result.stderr);
  assert.is(existsSync(join(out, 'summary.json')), true);
  assert.is(existsSync(join(out, RUN_LOCK_FILE)), false);

  const elsewhere = join(folder, 'other-host');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, RUN_LOCK_FILE), `${JSON.stringify({ pid: process.pid, host: `not-${hostname()}`, started: '2020-01-01T00:00:00.000Z' })}\n`);
  const refused = await start('train', '--algo', 'ppo', ...LONG, '--steps', '640', '--out', elsewhere).exited;
  assert.is(refused.code, RUN_IN_USE_EXIT_CODE, refused.stderr);
  assert.match(refused.stderr, new RegExp(`in use by process ${process.pid} on not-`));
  assert.match(refused.stderr, /delete .*run\.lock and try again/);
});

test.run();
