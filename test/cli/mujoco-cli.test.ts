// The MuJoCo environments from the entry points that take an id, each in a fresh process, where
// nothing has loaded MuJoCo's wasm yet: `policygrad train` (and `--resume`, `eval`, `sweep`) and
// Agent.create and Agent.load prepare the environment (prepareEnv) before they resolve its
// settings, so that `make` works. Reference: the run finishes (exit code 0) with the iterations
// asked for, evaluation reports the episodes asked for, and a resumed run continues where it
// stopped — exact equality of counts, no tolerance.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const index = pathToFileURL(fileURLToPath(new URL('../../src/index.js', import.meta.url))).href;
const folder = scratchFolder('mujoco-cli');

function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const SMALL = ['--set', 'numEnvs=2', '--set', 'stepsPerEnv=64', '--set', 'hiddenSizes=8,8'];
const iterations = (run: string) => readJsonLines(join(folder, run, 'metrics.jsonl')).length;

test('train, --resume and eval on InvertedPendulum-v5 load MuJoCo first', async () => {
  const trained = await node([main, 'train', '--algo', 'ppo', '--env', 'InvertedPendulum-v5', '--steps', '256', ...SMALL, '--out', 'run']);
  assert.is(trained.code, 0, trained.stderr);
  assert.is(iterations('run'), 2);
  const resumed = await node([main, 'train', '--resume', 'run', '--steps', '512']);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.is(iterations('run'), 4);
  const evaluated = await node([main, 'eval', '--checkpoint', 'run', '--episodes', '2', '--json']);
  assert.is(evaluated.code, 0, evaluated.stderr);
  assert.is(JSON.parse(evaluated.stdout).returns.length, 2);
});

test('a sweep spec with a MuJoCo environment is checked and run', async () => {
  writeFileSync(join(folder, 'spec.json'), JSON.stringify({
    algorithms: ['trpo'], environments: ['Hopper-v5'], seeds: [1], steps: 128, settings: { numEnvs: 1, stepsPerEnv: 64, criticMinibatchSize: 32, hiddenSizes: [8] },
  }));
  const swept = await node([main, 'sweep', 'spec.json', '--out', 'sweep', '--jobs', '1']);
  assert.is(swept.code, 0, swept.stderr);
  assert.match(swept.stdout, /1 of 1 runs finished/);
});

test('Agent.create and Agent.load with a MuJoCo id', async () => {
  const script = [
    `import { Agent } from '${index}';`,
    "const agent = await Agent.create({ algo: 'trpo', env: 'Hopper-v5', settings: { numEnvs: 1, stepsPerEnv: 64, criticMinibatchSize: 32, hiddenSizes: [8] } });",
    'await agent.learn(128);',
    "await agent.save('hopper.safetensors');",
    'console.log(JSON.stringify([agent.globalStep, agent.observationSize]));',
  ].join('\n');
  const created = await node(['--input-type=module', '-e', script]);
  assert.is(created.code, 0, created.stderr);
  assert.equal(JSON.parse(created.stdout), [128, 11]);
  const loaded = await node(['--input-type=module', '-e', `import { Agent } from '${index}'; const agent = await Agent.load('hopper.safetensors'); console.log(String(agent.globalStep));`]);
  assert.is(loaded.code, 0, loaded.stderr);
  assert.is(loaded.stdout.trim(), '128');
});

test.run();
