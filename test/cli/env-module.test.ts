// `--env-module FILE` end to end, through the built command: a module in a temporary folder that
// imports the built package by path (dist/src/index.js, as `import … from 'policygrad'` does once
// installed) and registers a user's environment (test/helpers/corridor.ts) reaches the command's own
// registry; train records the module's absolute path in config.json and the checkpoint;
// `train --resume` and `eval --checkpoint` import it again; a run trained to 4 iterations and
// resumed to 8 writes exactly the metrics of a run of 8 (TRPO, which has no schedule; every value
// but `sps` compared as text); a moved module, a module that registers nothing, an environment
// without snapshot() and restore() are each refused with a message naming the problem.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readJsonLines } from '../../src/io/json-lines.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const index = pathToFileURL(fileURLToPath(new URL('../../src/index.js', import.meta.url))).href;
const corridor = pathToFileURL(fileURLToPath(new URL('../helpers/corridor.js', import.meta.url))).href;
const folder = scratchFolder('env-module');
mkdirSync(join(folder, 'envs'));
const MODULE = join(folder, 'envs', 'corridor.mjs');
writeFileSync(MODULE, [
  `import { register } from '${index}';`,
  `import { Corridor, corridorWithoutSnapshots } from '${corridor}';`,
  "register('Corridor-v0', () => new Corridor());",
  "register('PlainCorridor-v0', corridorWithoutSnapshots);",
  '',
].join('\n'));
writeFileSync(join(folder, 'registers-nothing.mjs'), 'export const nothing = 0;\n');

function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const SMALL = ['--set', 'numEnvs=2', '--set', 'stepsPerEnv=32', '--set', 'hiddenSizes=8,8', '--set', 'criticMinibatchSize=32', '--seed', '2'];
const TRAIN = ['train', '--algo', 'trpo', '--env', 'Corridor-v0', ...SMALL];
const metrics = (out: string) => (readJsonLines(join(folder, out, 'metrics.jsonl')) as Record<string, unknown>[]).map(({ sps: _sps, ...rest }) => JSON.stringify(rest));

test('train --env-module: the module registers its env in the command\'s registry; config.json and the checkpoint record its absolute path', async () => {
  const result = await policygrad(...TRAIN, '--env-module', 'envs/corridor.mjs', '--steps', '256', '--checkpoint-every', '1', '--out', 'first');
  assert.is(result.code, 0, result.stderr);
  const config = JSON.parse(readFileSync(join(folder, 'first', 'config.json'), 'utf8'));
  assert.equal([config.env, config.envModule], ['Corridor-v0', MODULE]);
  assert.is(metrics('first').length, 4);
  const checkpoint = await policygrad('eval', '--checkpoint', 'first', '--episodes', '3', '--json');
  assert.is(checkpoint.code, 0, checkpoint.stderr);
  const report = JSON.parse(checkpoint.stdout);
  assert.equal([report.env, report.returns.length], ['Corridor-v0', 3]);
});

test('--resume imports the module again: resumed from 4 to 8 iterations, the metrics are those of a run of 8', async () => {
  const whole = await policygrad(...TRAIN, '--env-module', MODULE, '--steps', '512', '--out', 'whole');
  assert.is(whole.code, 0, whole.stderr);
  const resumed = await policygrad('train', '--resume', 'first', '--steps', '512');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.equal(metrics('first'), metrics('whole'));
});

test("a run's config.json as --config brings its envModule along; --list-settings --env takes --env-module", async () => {
  const again = await policygrad('train', '--config', 'first/config.json', '--seed', '3', '--steps', '64', '--out', 'from-config');
  assert.is(again.code, 0, again.stderr);
  assert.is(JSON.parse(readFileSync(join(folder, 'from-config', 'config.json'), 'utf8')).envModule, MODULE);
  const listed = await policygrad('train', '--algo', 'ppo', '--env', 'Corridor-v0', '--env-module', MODULE, '--list-settings');
  assert.is(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^Settings of ppo on Corridor-v0, with its preset \(0 settings/);
});

test("a sweep spec's envModule (relative to the spec's folder) reaches the sweep's check and every run; a missing one is a spec problem", async () => {
  writeFileSync(join(folder, 'envs', 'sweep.json'), JSON.stringify({
    algorithms: ['trpo'], environments: ['Corridor-v0'], seeds: [2], steps: 128, envModule: 'corridor.mjs',
    settings: { numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8, 8], criticMinibatchSize: 32 },
  }));
  const swept = await policygrad('sweep', 'envs/sweep.json', '--out', 'swept', '--jobs', '1');
  assert.is(swept.code, 0, swept.stderr);
  const [run] = readdirSync(join(folder, 'swept')).filter((name) => name.startsWith('trpo-Corridor-v0-seed2-'));
  assert.ok(run !== undefined, 'the run folder');
  assert.is(JSON.parse(readFileSync(join(folder, 'swept', run, 'config.json'), 'utf8')).envModule, MODULE);
  assert.equal(metrics(join('swept', run)), metrics('first').slice(0, 2), 'the same run as train --env-module gives (2 iterations of the same settings)');
  writeFileSync(join(folder, 'envs', 'bad-sweep.json'), JSON.stringify({ algorithms: ['trpo'], environments: ['Corridor-v0'], seeds: [2], steps: 128, envModule: 'nowhere.mjs' }));
  const bad = await policygrad('sweep', 'envs/bad-sweep.json', '--out', 'bad-sweep');
  assert.is(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /envs\/bad-sweep\.json: envModule: the environment module '.*envs\/nowhere\.mjs' does not exist/);
});

test('a module that is missing or registers no such env, and an env without snapshot() and restore(), are refused clearly', async () => {
  const missing = await policygrad(...TRAIN, '--env-module', 'nowhere.mjs', '--out', 'missing');
  assert.is(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, new RegExp(`--env-module: the environment module '${join(folder, 'nowhere.mjs')}' does not exist`));
  const nothing = await policygrad(...TRAIN, '--env-module', 'registers-nothing.mjs', '--out', 'nothing');
  assert.is(nothing.code, 2, nothing.stderr);
  assert.match(nothing.stderr, /env: 'Corridor-v0' is not registered after importing .*registers-nothing\.mjs'; that module must call register\('Corridor-v0', factory\) with the register of the policygrad that runs this command/);
  const plain = await policygrad('train', '--algo', 'ppo', '--env', 'PlainCorridor-v0', '--env-module', MODULE, '--steps', '64', '--out', 'plain');
  assert.is(plain.code, 1, plain.stderr);
  assert.match(plain.stderr, /cannot checkpoint sub-env 0 \(Corridor-v0\): it has no snapshot\(\) and restore\(\)\. Add snapshot\(\)/);
  const resumed = await policygrad('train', '--resume', 'first', '--env-module', MODULE);
  assert.is(resumed.code, 2);
  assert.match(resumed.stderr, /cannot be combined with --env-module/);
});

test('a moved module: --resume and eval name it and where it is recorded; eval --env-module gives its new place', async () => {
  renameSync(join(folder, 'envs'), join(folder, 'moved'));
  const resumed = await policygrad('train', '--resume', 'first', '--steps', '1024');
  assert.is(resumed.code, 1, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`first/config\\.json \\(envModule\\): the environment module '${MODULE}' does not exist; put the module back there, or write its new path into envModule`));
  const evaluated = await policygrad('eval', '--checkpoint', 'first/checkpoint.safetensors', '--episodes', '1');
  assert.is(evaluated.code, 1, evaluated.stderr);
  assert.match(evaluated.stderr, /checkpoint\.safetensors \(envModule\): the environment module .* does not exist; put the module back there, or give its new place with --env-module/);
  const given = await policygrad('eval', '--checkpoint', 'first', '--episodes', '1', '--env-module', 'moved/corridor.mjs', '--json');
  assert.is(given.code, 0, given.stderr);
  assert.is(JSON.parse(given.stdout).episodes, 1);
});

test.run();
