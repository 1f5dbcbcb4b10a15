// A queue worker removes the temporary folders that killed workers of its host left behind
// (removeDeadWorkersFolders), and nothing else: not its own, not a live worker's, not one whose
// run folder is locked by a train process that outlived its worker, not a file or a folder of
// another name. The processes are real: a child that has exited gives a pid that no longer runs
// (nothing else can have taken it within the test), a sleeping child a pid that does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireRunLock } from '../../src/io/run-lock.js';
import { removeDeadWorkersFolders } from '../../src/studies/queue-worker.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const parent = scratchFolder('worker-folders');

test('the folders of workers that no longer run are removed; everything else stays', () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1e9)'], { stdio: 'ignore' });
  try {
    // As a worker lays its folder out: the run's folder, and beside it config.json and train.log.
    const folder = (name: string, run = 'ppo-CartPole-v1-seed1-0123456789') => {
      const dir = join(parent, name, run);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), '{}');
      writeFileSync(join(parent, name, 'config.json'), '{}');
      writeFileSync(join(parent, name, 'train.log'), '');
      return dir;
    };
    folder(`policygrad-worker-${dead}-aaaaaa`);
    folder(`policygrad-worker-${dead}-bbbbbb`, 'empty-run');
    // A train process that outlived its worker still holds its run folder (here: this process).
    const lock = acquireRunLock(folder(`policygrad-worker-${dead}-cccccc`));
    folder(`policygrad-worker-${process.pid}-dddddd`);
    folder(`policygrad-worker-${sleeper.pid}-eeeeee`);
    folder('policygrad-worker-ffffff');
    writeFileSync(join(parent, `policygrad-worker-${dead}-file`), 'not a folder');
    const removed = removeDeadWorkersFolders(parent);
    assert.equal(removed.sort(), [join(parent, `policygrad-worker-${dead}-aaaaaa`), join(parent, `policygrad-worker-${dead}-bbbbbb`)]);
    assert.equal(readdirSync(parent).sort(), [
      `policygrad-worker-${dead}-cccccc`, `policygrad-worker-${dead}-file`, `policygrad-worker-${process.pid}-dddddd`,
      `policygrad-worker-${sleeper.pid}-eeeeee`, 'policygrad-worker-ffffff',
    ].sort());
    // Once its train process has let go of the run, the dead worker's last folder goes too.
    lock.release();
    assert.equal(removeDeadWorkersFolders(parent), [join(parent, `policygrad-worker-${dead}-cccccc`)]);
    assert.not.ok(existsSync(join(parent, `policygrad-worker-${dead}-cccccc`)));
  } finally {
    sleeper.kill();
  }
});


test.run();
