// `train --resume` checks what it reads before it changes anything: checkpoints crafted with one
// bad field each (decoded, the state edited, encoded again with the project's own encoder), a
// checkpoint of the older format 1, a config.json edited beside its checkpoint, and a corrupt
// metrics line are each refused with exit
// code 1 (the code of any unreadable file) and a message naming the field and what it must be; and
// the run folder is byte for byte as it was — metrics.jsonl is not cut, nothing is written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { encodeCheckpoint } from '../../src/train/checkpoint.js';
import { networksForConfig } from '../../src/train/run-config.js';
import { loadCheckpoint } from '../../src/train/run-directory.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('resume');

function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

// A finished run of 10 iterations (64-step batches, a 16-16 network): its checkpoint of iteration
// 10 and the 10 metrics lines beside it, which a resume keeps.
const original = join(folder, 'original');
const run = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '640', '--set', 'numEnvs=2', '--set', 'stepsPerEnv=32',
  '--set', 'hiddenSizes=16,16', '--seed', '3', '--out', original);
if (run.code !== 0) throw new Error(run.stderr);
const saved = loadCheckpoint(join(original, 'checkpoint.safetensors'));

/** A saved state as plain JSON data: the edits put values of the wrong type into it on purpose. */
type EditableState = any;

/** The run folder's files and their bytes. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));

/** A copy of the run whose checkpoint holds `edit(state)` (a deep copy of the saved state). */
function withState(name: string, edit: (state: EditableState) => void): string {
  const dir = join(folder, name);
  cpSync(original, dir, { recursive: true });
  const state: EditableState = structuredClone(saved.state);
  edit(state);
  writeFileSync(join(dir, 'checkpoint.safetensors'), encodeCheckpoint(state, saved.config, networksForConfig(saved.config)));
  return dir;
}

async function refused(dir: string, message: RegExp): Promise<void> {
  const before = snapshot(dir);
  const result = await policygrad('train', '--resume', dir);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, message);
  assert.equal(snapshot(dir), before, 'the run folder is unchanged');
}

const BAD_FIELDS: [string, (state: EditableState) => void, RegExp][] = [
  ['iteration -1', (s) => { s.iteration = -1; }, /state\.iteration must be an integer from 0 to 10, got -1/],
  ['iteration past the end', (s) => { s.iteration = 11; }, /state\.iteration must be an integer from 0 to 10, got 11/],
  ['iteration "x"', (s) => { s.iteration = 'x'; }, /state\.iteration must be a finite number, got 'x'/],
  ['globalStep "abc"', (s) => { s.agent.globalStep = 'abc'; }, /state\.agent\.globalStep must be a finite number, got 'abc'/],
  ['globalStep off the batch', (s) => { s.agent.globalStep += 1; }, /state\.agent\.globalStep must be iteration × batch size = 10 × 64 = 640, got 641/],
  ['an env snapshot of the wrong size', (s) => { s.agent.envs[1].state.pop(); }, /state\.agent\.envs\.1\.state must have 4 entries, got 3/],
  ['a fractional elapsedSteps', (s) => { s.agent.envs[0].elapsedSteps = 2.5; }, /state\.agent\.envs\.0\.elapsedSteps must be an integer ≥ 0, got 2\.5/],
  ['an all-zero random state', (s) => { s.agent.random.actions = [0, 0, 0, 0]; }, /state\.agent\.random\.actions must be four unsigned 32-bit integers, not all zero/],
  ['an env generator with an even increment', (s) => { s.agent.envs[1].random[4] &= ~1; }, /state\.agent\.envs\.1\.random must have an odd increment \(words 4 to 7\)/],
  ['an env generator word past 32 bits', (s) => { s.agent.envs[0].random[2] = 2 ** 32; }, /state\.agent\.envs\.0\.random must be 8 unsigned 32-bit words, got word 2 = 4294967296/],
  ['an env generator of xoshiro128**\'s 4 words', (s) => { s.agent.envs[0].random = [1, 2, 3, 4]; }, /state\.agent\.envs\.0\.random must have 8 entries, got 4/],
  ['a collector without its lengths', (s) => { delete s.agent.collector.episodeLengths; }, /state\.agent\.collector\.episodeLengths is missing/],
  ['an episode length of 0', (s) => { s.agent.episodeLengths[0] = 0; }, /state\.agent\.episodeLengths\.0 must be an integer ≥ 1, got 0/],
  ['more episodes than the window', (s) => { s.agent.episodeReturns = Array(101).fill(1); s.agent.episodeLengths = Array(101).fill(1); }, /at most 100; got 101 and 101/],
  ['Adam moments one short of the network (a tensor)', (s) => { s.algorithm.actor.firstMoment.pop(); }, /state\.algorithm\.actor\.firstMoment must have 386 entries, got 385/],
  ['a NaN second moment', (s) => { s.algorithm.critic.secondMoment[3] = Number.NaN; }, /state\.algorithm\.critic\.secondMoment\.3 must be a finite number, got NaN/],
  ['a negative Adam step count', (s) => { s.algorithm.critic.step = -2; }, /state\.algorithm\.critic\.step must be an integer ≥ 0, got -2/],
  ['a field of another algorithm', (s) => { s.algorithm.buffer = []; }, /state\.algorithm\.buffer is not a field of this run's state/],
];

for (const [name, edit, message] of BAD_FIELDS) {
  test(`a checkpoint with ${name} is refused, exit 1, nothing changed`, async () => {
    await refused(withState(name.replace(/\W+/g, '-'), edit), message);
  });
}

test('a checkpoint of format 1 (xoshiro128** env generators, before numpy seeding) is refused, naming the format and why', async () => {
  const dir = withState('format-1', () => {});
  const path = join(dir, 'checkpoint.safetensors');
  const { tensors, metadata } = decodeSafetensors(readFileSync(path));
  writeFileSync(path, encodeSafetensors(tensors, { ...metadata, format: 'policygrad-checkpoint-1' }));
  await refused(dir, /checkpoint format 'policygrad-checkpoint-1' is an older policygrad's \(this one reads 'policygrad-checkpoint-2'\): its classic-control environments' generators are xoshiro128\*\* states/);
});

test('a config.json changed beside its checkpoint is refused, naming the settings that differ', async () => {
  const dir = withState('config-edited', () => {});
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify({ ...config, algo: 'ppo-reuse', learningRate: 0.01 }, null, 2)}\n`);
  await refused(dir, /config\.json does not match the configuration saved in .*checkpoint\.safetensors: algo is "ppo-reuse" in config\.json, "ppo" in the checkpoint; learningRate is 0\.01 in config\.json, 0\.00025 in the checkpoint/);
});

test('a corrupt metrics line that the resumed run would keep is reported before the file is cut', async () => {
  const dir = withState('metrics-corrupt', () => {});
  const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').split('\n');
  lines[2] = '{"iteration": 3, "global_';
  writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n'));
  await refused(dir, /metrics\.jsonl: line 3 is not valid JSON .*repair or remove that line first/);
});

test('the unedited copy resumes (the crafted checkpoints differ from it only in their one field)', async () => {
  const dir = withState('unedited', () => {});
  const result = await policygrad('train', '--resume', dir, '--json');
  assert.is(result.code, 0, result.stderr);
  assert.is(JSON.parse(result.stdout).iterations, 10);
});

test.run();
