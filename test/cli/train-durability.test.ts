// metrics.jsonl and progress.csv are durable before the checkpoint that covers them: `policygrad train`, run in this
// process, with node:fs's openSync, writeSync, fsyncSync and renameSync wrapped to record what
// happens to which file (syncBuiltinESMExports makes the modules' imports see the wrappers). Each
// checkpoint's rename into place must come after an fsync of each of the two files that follows
// the last record written to it — else a power loss could leave a checkpoint at iteration n and
// fewer than n records.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { basename, join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const LOGS = ['metrics.jsonl', 'progress.csv'];
const folder = scratchFolder('durability');

test('each checkpoint is renamed into place only after every metrics record before it is fsynced, in both files', async () => {
  const events: string[] = [];
  const paths = new Map<number, string>();
  const saved = { openSync: fs.openSync, writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, renameSync: fs.renameSync };
  Object.assign(fs, {
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      const fd = saved.openSync(...args);
      paths.set(fd, basename(String(args[0])));
      return fd;
    },
    writeSync: (fd: number, ...rest: unknown[]) => {
      if (LOGS.includes(paths.get(fd)!)) events.push(`write ${paths.get(fd)}`);
      return (saved.writeSync as (...a: unknown[]) => number)(fd, ...rest);
    },
    fsyncSync: (fd: number) => {
      if (LOGS.includes(paths.get(fd)!)) events.push(`fsync ${paths.get(fd)}`);
      return saved.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      if (basename(to) === 'checkpoint.safetensors') events.push('checkpoint');
      return saved.renameSync(from, to);
    },
  });
  syncBuiltinESMExports();
  const io = { stdout: { write: () => true }, stderr: { write: () => true } };
  let code: number;
  try {
    code = await runCli(['train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '640', '--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=8',
      '--checkpoint-every', '3', '--out', join(folder, 'run'), '--json'], io);
  } finally {
    Object.assign(fs, saved);
    syncBuiltinESMExports();
  }
  assert.is(code, 0);
  for (const file of LOGS) assert.is(events.filter((e) => e === `write ${file}`).length, 10, file);
  const checkpoints = events.flatMap((e, i) => (e === 'checkpoint' ? [i] : []));
  assert.is(checkpoints.length, 4, 'iterations 3, 6, 9 and the last');
  for (const at of checkpoints) {
    for (const file of LOGS) {
      const before = events.slice(0, at).filter((e) => e.endsWith(file));
      assert.is(before.at(-1), `fsync ${file}`, `before the checkpoint at event ${at}: ${before.slice(-3).join(', ')}`);
    }
  }
});


test.run();
