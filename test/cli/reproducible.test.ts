// The same command twice, in two separate Node processes, with the same seed: `policygrad train`
// writes the same metrics.jsonl, line for line, for PPO on CartPole-v1 and for TRPO on Pendulum-v1
// (continuous actions). Reference: the first process's file. Tolerance: none; each line is compared
// as text after one field is removed, `sps`, the steps per wall-clock second of the iteration
// (src/train/trainer.ts) — the only field of metrics.jsonl that depends on time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('reproducible');
/** The fields of a metrics.jsonl line that are measured on the wall clock. */
const WALL_CLOCK_FIELDS = ['sps'];
/** 64-step batches of a 16-16 network: a few seconds per run. */
const SMALL = ['--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=16,16', '--seed', '5'];

/** Runs `policygrad train` in a child process (no time limit) and returns the lines of its metrics.jsonl. */
function train(out: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [main, 'train', ...args, '--out', out, '--json'], { cwd: folder, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`policygrad train ${args.join(' ')} failed: ${stderr}`));
      else resolve(readFileSync(join(out, 'metrics.jsonl'), 'utf8').split('\n').filter((line) => line !== ''));
    });
  });
}

/** The line with the wall-clock fields removed (each must be there: the test removes only what exists). */
function withoutWallClock(line: string): string {
  const record = JSON.parse(line) as Record<string, unknown>;
  for (const field of WALL_CLOCK_FIELDS) {
    assert.ok(field in record, `${field} is in every line`);
    delete record[field];
  }
  return JSON.stringify(record);
}

const CASES: [algo: string, env: string, args: string[], iterations: number][] = [
  ['ppo', 'CartPole-v1', ['--steps', '640'], 10],
  ['trpo', 'Pendulum-v1', ['--steps', '1280', '--set', 'criticMinibatchSize=32'], 20],
];

for (const [algo, env, args, iterations] of CASES) {
  test(`${algo} on ${env}: two processes, the same seed, the same metrics.jsonl but for ${WALL_CLOCK_FIELDS.join(', ')}`, async () => {
    const command = ['--algo', algo, '--env', env, ...args, ...SMALL];
    const [first, second] = await Promise.all([train(join(folder, `${algo}-1`), command), train(join(folder, `${algo}-2`), command)]);
    assert.is(first.length, iterations);
    assert.is(second.length, iterations);
    for (let i = 0; i < iterations; i++) {
      assert.is(withoutWallClock(second[i]!), withoutWallClock(first[i]!), `line ${i + 1}`);
    }
  });
}


test.run();
