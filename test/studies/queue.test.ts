// `policygrad sweep --queue` and `policygrad worker` on a real Redis (Debian's redis-server, started
// here on a loopback port of its own and stopped by its PID) with BullMQ, every part a separate
// process: a sweep of 6 short runs taken by 2 workers completes and its output folder holds every
// run, finished; one worker killed with SIGKILL mid-run leaves its run to the other, which resumes
// it from the checkpoint kept in Redis; Redis stopped (SIGTERM) and started again on the same
// folder and port mid-sweep loses no run; a worker stopped with SIGTERM returns its runs, with
// their checkpoints, to the queue for another; a job completed without an evaluation after its
// sweep was killed is collected and evaluated by a later sweep that asks for one. Reference: a local sweep of the same spec — the metrics
// of every run equal exactly, the `sps` timing aside. Waits are on the processes' output and
// files, never on a delay; the workers' lock (2 s) and stalled check (1 s) hand a dead worker's
// job on within seconds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { snapshotKey } from '../../src/studies/queue-connection.js';
import { runStatus } from '../../src/studies/run-status.js';
import { redisInstalled, startRedis, type RedisServer } from '../helpers/redis.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('queue');
const SPEC = {
  algorithms: ['ppo'], environments: ['CartPole-v1'], seeds: [1, 2, 3, 4, 5, 6], steps: 3200, checkpointEvery: 1,
  settings: { numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8] },
};
const specFile = join(folder, 'spec.json');
writeFileSync(specFile, JSON.stringify(SPEC));
const started: ChildProcess[] = [];

function policygrad(...args: string[]) {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : -1))));
  return { child, exited, output: () => output };
}

const worker = (url: string) => policygrad('worker', '--queue', url, '--jobs', '1', '--lock-ms', '2000', '--stalled-ms', '1000', '--snapshot-ms', '50');

/** Resolves once `ready()` holds, checked every 20 ms: no time limit, the runs' progress decides. */
const until = (ready: () => boolean) => new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    if (ready()) {
      clearInterval(timer);
      resolve();
    }
  }, 20);
});

const runFolders = (out: string) => readdirSync(out).filter((name) => name.startsWith('ppo-')).sort();
const metrics = (dir: string) => readJsonLines(join(dir, 'metrics.jsonl')).map((record) => {
  const { sps: _sps, ...rest } = record as Record<string, unknown>;
  return rest;
});

const available = redisInstalled('the queue tests (sweep --queue, worker)');
let redis: RedisServer | undefined;
const reference = join(folder, 'local');

test.before(async () => {
  if (!available) return;
  const data = join(folder, 'redis');
  mkdirSync(data);
  redis = await startRedis(data);
  const local = policygrad('sweep', specFile, '--out', reference, '--jobs', '2');
  assert.is(await local.exited, 0, local.output());
});

test('6 runs, 2 workers, one killed with SIGKILL mid-run: the other resumes its run from the checkpoint in Redis; every run\'s metrics equal the local sweep\'s', async () => {
  if (!available) return;
  const out = join(folder, 'queued');
  const sweep = policygrad('sweep', specFile, '--out', out, '--queue', redis!.url, '--poll-ms', '100');
  const first = worker(redis!.url);
  const second = worker(redis!.url);
  await until(() => /starting \S+/.test(second.output()) && /starting \S+/.test(first.output()));
  const victim = /starting (\S+)/.exec(first.output())![1]!;
  // Killed as soon as its run's first checkpoint is in Redis: some 49 of its 50 iterations still to go.
  const client = new Redis(redis!.url);
  let snapshotTaken = false;
  while (!snapshotTaken) snapshotTaken = (await client.exists(snapshotKey(victim))) === 1;
  client.disconnect();
  first.child.kill('SIGKILL');
  await first.exited;
  assert.not.ok(first.output().includes(`finished ${victim}`), 'killed mid-run');
  assert.is(await sweep.exited, 0, sweep.output());
  assert.match(sweep.output(), /6 of 6 runs finished \(0 before this sweep\), 0 failed/);
  assert.ok(second.output().includes(`resuming ${victim}`), `${victim} resumed by the second worker:\n${second.output()}`);
  assert.equal(runFolders(out), runFolders(reference));
  for (const name of runFolders(reference)) {
    assert.is(runStatus(join(out, name)), 'finished', name);
    assert.equal(metrics(join(out, name)), metrics(join(reference, name)), name);
  }
  second.child.kill('SIGTERM');
  assert.is(await second.exited, 143);
});

test('Redis stopped and started again mid-sweep: no run is lost', async () => {
  if (!available) return;
  const out = join(folder, 'restarted');
  const sweep = policygrad('sweep', specFile, '--out', out, '--queue', redis!.url, '--poll-ms', '100');
  const one = worker(redis!.url);
  // Stopped while the second run trains.
  await until(() => (one.output().match(/finished /g) ?? []).length >= 1 && (one.output().match(/starting /g) ?? []).length >= 2);
  await redis!.stop();
  await redis!.restart();
  assert.is(await sweep.exited, 0, sweep.output());
  assert.match(sweep.output(), /6 of 6 runs finished/);
  for (const name of runFolders(reference)) assert.equal(metrics(join(out, name)), metrics(join(reference, name)), name);
  one.child.kill('SIGTERM');
  await one.exited;
});

test('a worker stopped with SIGTERM returns its runs to the queue with their checkpoints; another worker resumes them', async () => {
  if (!available) return;
  const two = join(folder, 'two.json');
  writeFileSync(two, JSON.stringify({ ...SPEC, seeds: [1, 2] }));
  const out = join(folder, 'stopped');
  const sweep = policygrad('sweep', two, '--out', out, '--queue', redis!.url, '--poll-ms', '100');
  const first = policygrad('worker', '--queue', redis!.url, '--jobs', '2', '--lock-ms', '2000', '--stalled-ms', '1000', '--snapshot-ms', '50');
  await until(() => (first.output().match(/starting /g) ?? []).length === 2);
  const ids = [...first.output().matchAll(/starting (\S+)/g)].map((m) => m[1]!);
  const client = new Redis(redis!.url);
  for (const id of ids) while ((await client.exists(snapshotKey(id))) === 0);
  client.disconnect();
  first.child.kill('SIGTERM');
  assert.is(await first.exited, 143, first.output());
  assert.match(first.output(), /Interrupted \(SIGTERM\): each run saves its checkpoint and goes back to the queue/);
  const second = worker(redis!.url);
  assert.is(await sweep.exited, 0, sweep.output());
  for (const id of ids.filter((id) => !first.output().includes(`finished ${id}`))) assert.ok(second.output().includes(`resuming ${id}`), second.output());
  for (const name of runFolders(out)) assert.equal(metrics(join(out, name)), metrics(join(reference, name)), name);
  assert.is(runFolders(out).length, 2);
  second.child.kill('SIGTERM');
  await second.exited;
});

test('a run trained by a job of an earlier sweep without an evaluation, completed after that sweep was killed, is evaluated by a sweep that asks for one', async () => {
  if (!available) return;
  const plain = join(folder, 'plain.json');
  const evaluated = join(folder, 'evaluated.json');
  writeFileSync(plain, JSON.stringify({ ...SPEC, seeds: [3] }));
  writeFileSync(evaluated, JSON.stringify({ ...SPEC, seeds: [3], evalEpisodes: 2 }));
  const out = join(folder, 'late');
  // The first sweep looks at its job once, then not for a minute: it is killed before it would collect it.
  const first = policygrad('sweep', plain, '--out', out, '--queue', redis!.url, '--poll-ms', '60000');
  await until(() => /Enqueued 1 runs/.test(first.output()));
  const one = worker(redis!.url);
  await until(() => /finished \S+/.test(one.output()));
  first.child.kill('SIGKILL');
  await first.exited;
  const id = /finished (\S+)/.exec(one.output())![1]!;
  assert.is(runStatus(join(out, id)), 'new', 'nothing collected before the kill');
  const second = policygrad('sweep', evaluated, '--out', out, '--queue', redis!.url, '--poll-ms', '100');
  assert.is(await second.exited, 0, second.output());
  assert.match(second.output(), new RegExp(`run ${id}: trained without the evaluation this sweep asks for; enqueued again to be evaluated`));
  assert.match(second.output(), /1 of 1 runs finished/);
  assert.is(runStatus(join(out, id), 2), 'finished', 'the run folder has the evaluation the second sweep asked for');
  assert.equal(metrics(join(out, id)), metrics(join(reference, id)), 'the training is the uninterrupted run\'s');
  one.child.kill('SIGTERM');
  await one.exited;
});

test.after(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await redis?.stop();
  rmSync(folder, { recursive: true, force: true });
});

test.run();
