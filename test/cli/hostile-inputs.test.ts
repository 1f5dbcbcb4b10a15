// Files that someone else wrote, given to `eval --checkpoint` and `train --config`, through the
// command in-process: each is refused with a short, printable message and the documented exit
// code (1 for a bad checkpoint, 2 for a bad configuration), in well under a second. Before the
// bounds, these grew without end (/dev/zero, a FIFO), overflowed the stack (exit 1 for a
// configuration), spent seconds on a suggestion or printed the hostile value whole.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { CHECKPOINT_FORMAT } from '../../src/train/checkpoint.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('hostile');
/** C0 and C1 controls, DEL, line separators and bidi overrides: never printed raw. */
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function policygrad(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** A checkpoint file whose metadata holds `config` (JSON text) and an empty state, with `tensors`. */
function checkpoint(name: string, config: string, tensors = {}): string {
  const path = join(folder, name);
  writeFileSync(path, encodeSafetensors(tensors, { format: CHECKPOINT_FORMAT, config, state: '{}' }));
  return path;
}

test('eval --checkpoint refuses a character device, a FIFO and an oversized file by what they are', async () => {
  if (existsSync('/dev/zero')) {
    const zero = await policygrad('eval', '--checkpoint', '/dev/zero');
    assert.equal([zero.code, zero.stdout], [1, '']);
    assert.match(zero.stderr, /^policygrad eval: \/dev\/zero is a character device, not a regular file\n$/);
  }
  execFileSync('mkfifo', [join(folder, 'fifo')]);
  const fifo = await policygrad('eval', '--checkpoint', join(folder, 'fifo'));
  assert.is(fifo.code, 1);
  assert.match(fifo.stderr, /fifo is a FIFO \(named pipe\), not a regular file/);
  const empty = join(folder, 'empty-run');
  mkdirSync(empty);
  // A folder is taken for a run folder: its checkpoint is what is missing.
  assert.match((await policygrad('eval', '--checkpoint', empty)).stderr, /empty-run\/checkpoint\.safetensors: no such file/);
});

test('--config refuses /dev/zero and a FIFO as configuration problems (exit 2)', async () => {
  execFileSync('mkfifo', [join(folder, 'config-fifo')]);
  for (const path of [...(existsSync('/dev/zero') ? ['/dev/zero'] : []), join(folder, 'config-fifo')]) {
    const result = await policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--out', join(folder, 'never'), '--config', path);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, /not a regular file/);
  }
  assert.not.ok(existsSync(join(folder, 'never')));
});

test('--config: deep nesting, a million layers and 10,000 unknown keys are configuration problems (exit 2) with short messages', async () => {
  const train = (config: string) => {
    writeFileSync(join(folder, 'c.json'), config);
    return policygrad('train', '--algo', 'ppo', '--env', 'CartPole-v1', '--out', join(folder, 'never'), '--config', join(folder, 'c.json'));
  };
  const deep = await train(`{"hiddenSizes":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  assert.is(deep.code, 2, deep.stderr);
  assert.match(deep.stderr, /cannot read it as JSON \(the JSON nests objects and arrays deeper than 128 levels\)/);
  const layers = await train(`{"hiddenSizes":[${Array(1_000_000).fill(1).join(',')}]}`);
  assert.is(layers.code, 2, layers.stderr);
  assert.match(layers.stderr, /hiddenSizes must have at most 16 entries, got 1000000/);
  const unknown = await train(JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}\u001b[2J`, 1]))));
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /invalid configuration \(10000 problems\)/);
  assert.match(unknown.stderr, /unknown setting 'key0\\u001b\[2J'/);
  assert.match(unknown.stderr, / - and 9950 more\n$/);
  for (const { stderr } of [deep, layers, unknown]) {
    assert.not.match(stderr, UNPRINTABLE);
    assert.ok(stderr.length < 8000, `a message of ${stderr.length} characters`);
  }
});

test('a checkpoint with a 1 MB env name, a 1 MB setting or a tensor name with escape sequences: short, escaped messages', async () => {
  const longEnv = await policygrad('eval', '--checkpoint', checkpoint('env.safetensors', JSON.stringify({ algo: 'ppo', env: `Cart${'x'.repeat(1_000_000)}` })));
  assert.is(longEnv.code, 2);
  assert.match(longEnv.stderr, /env: unknown environment 'Cartx{76}'… \(1000004 characters\); registered: /);
  const longKey = await policygrad('eval', '--checkpoint', checkpoint('key.safetensors', JSON.stringify({ algo: 'ppo', env: 'CartPole-v1', ['k'.repeat(1_000_000)]: 'v'.repeat(1_000_000) })));
  assert.is(longKey.code, 2);
  assert.match(longKey.stderr, /unknown setting 'k{80}'… \(1000000 characters\)\n/);
  const escapes = checkpoint('name.safetensors', JSON.stringify({ algo: 'ppo', env: 'CartPole-v1' }), { 'actor.0.weight\u001b]0;owned\u0007\n': { dtype: 'U8', shape: [1], data: new Uint8Array(1) } });
  const named = await policygrad('eval', '--checkpoint', escapes);
  assert.is(named.code, 1);
  assert.match(named.stderr, /missing tensor 'actor\.0\.weight'/);
  for (const { stderr } of [longEnv, longKey, named]) {
    assert.not.match(stderr, UNPRINTABLE);
    assert.ok(stderr.length < 4000, `a message of ${stderr.length} characters`);
  }
});

test.run();
