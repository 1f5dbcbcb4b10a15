// A run that diverges, through the built command: PPO on Pendulum (a Gaussian policy, whose
// log-std can run off; CartPole's categorical policy only saturates, with finite log-probabilities
// at any learning rate) with a tiny 8-8 network and 128-step batches. At learning rate 1e4 it
// exits 1 with "training diverged at iteration N: the …" — not a message about some argument
// being non-finite — and its checkpoint is loadable (the decoder refuses non-finite parameters).
// At learning rate 3 it diverges later (at iteration 8 under the default seed 1, measured; learning
// rate 10 diverges at iteration 3, too early), and with --keep-checkpoints 3 the last three checkpoints
// are kept, all loadable, as checkpoint.safetensors and checkpoint-ITER.safetensors; one of the
// older ones, copied over checkpoint.safetensors, resumes — and, the run being deterministic,
// diverges again at the same iteration.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { loadCheckpoint } from '../../src/train/run-directory.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('diverge');
const TINY = ['train', '--algo', 'ppo', '--env', 'Pendulum-v1', '--steps', '16384', '--set', 'numEnvs=2', '--set', 'stepsPerEnv=64', '--set', 'minibatches=4',
  '--set', 'hiddenSizes=8,8', '--checkpoint-every', '1'];

function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The iteration named by "training diverged at iteration N: the …", checked to be the whole message's form. */
function divergedAt(stderr: string): number {
  const match = /^policygrad train: training diverged at iteration (\d+): the .+ is (NaN|-?Infinity)$/m.exec(stderr);
  assert.ok(match, stderr);
  assert.not.match(stderr, /must be a finite number|gave a non-finite/);
  return Number(match![1]);
}

test('at learning rate 1e4 the run stops with "training diverged at iteration N", its checkpoint finite and loadable', async () => {
  const out = join(folder, 'lr1e4');
  const result = await policygrad(...TINY, '--set', 'learningRate=1e4', '--out', out);
  assert.is(result.code, 1, result.stderr);
  const iteration = divergedAt(result.stderr);
  assert.ok(iteration >= 2, `diverged at iteration ${iteration}: a checkpoint of an earlier one exists`);
  assert.is(loadCheckpoint(join(out, 'checkpoint.safetensors')).state.iteration, iteration - 1);
});

test('--keep-checkpoints 3 keeps the last three, all loadable; an older one resumes and diverges again at the same iteration', async () => {
  const out = join(folder, 'lr3');
  const result = await policygrad(...TINY, '--set', 'learningRate=3', '--keep-checkpoints', '3', '--out', out);
  assert.is(result.code, 1, result.stderr);
  const iteration = divergedAt(result.stderr);
  assert.ok(iteration >= 4, `diverged at iteration ${iteration}: three checkpoints before it`);
  const last = iteration - 1;
  assert.equal(readdirSync(out).filter((name) => name.startsWith('checkpoint')).sort(),
    ['checkpoint.safetensors', `checkpoint-${last - 1}.safetensors`, `checkpoint-${last - 2}.safetensors`].sort());
  assert.is(loadCheckpoint(join(out, 'checkpoint.safetensors')).state.iteration, last);
  for (const older of [last - 1, last - 2]) assert.is(loadCheckpoint(join(out, `checkpoint-${older}.safetensors`)).state.iteration, older);

  copyFileSync(join(out, `checkpoint-${last - 2}.safetensors`), join(out, 'checkpoint.safetensors'));
  const resumed = await policygrad('train', '--resume', out);
  assert.is(resumed.code, 1, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`Resuming .* at iteration ${last - 2} of`));
  assert.is(divergedAt(resumed.stderr), iteration);
  assert.is(readJsonLines(join(out, 'metrics.jsonl')).length, last);
});

test('--keep-checkpoints must be at least 1', async () => {
  const result = await policygrad(...TINY, '--keep-checkpoints', '0', '--out', join(folder, 'never'));
  assert.is(result.code, 2);
  assert.match(result.stderr, /--keep-checkpoints must be at least 1, got 0/);
});

test.run();
