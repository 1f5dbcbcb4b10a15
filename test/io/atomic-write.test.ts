import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleTemporaryFiles, writeFileAtomicSync } from '../../src/io/atomic-write.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('atomic');

test('writes a new file and replaces an existing one; no temporary file remains', () => {
  const path = join(folder, 'a.json');
  writeFileAtomicSync(path, '{"version": 1}');
  assert.is(readFileSync(path, 'utf8'), '{"version": 1}');
  writeFileAtomicSync(path, Uint8Array.of(1, 2, 3));
  assert.equal([...readFileSync(path)], [1, 2, 3]);
  assert.equal(readdirSync(folder), ['a.json']);
});

test('a failed rename leaves the target as it was and removes the temporary file', () => {
  const target = join(folder, 'occupied');
  mkdirSync(target);
  writeFileSync(join(target, 'inside'), 'x'); // rename over a non-empty directory fails
  assert.throws(() => writeFileAtomicSync(target, 'data'), /EISDIR|ENOTEMPTY|EEXIST|EPERM/);
  assert.equal(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
  assert.equal(readdirSync(target), ['inside']);
});

test('a missing directory fails cleanly', () => {
  assert.throws(() => writeFileAtomicSync(join(folder, 'no', 'such', 'dir.json'), 'x'), /ENOENT/);
});

test('a process killed while rewriting a file leaves a complete version of it, never a torn one', async () => {
  const path = join(folder, 'checkpoint.bin');
  const module = fileURLToPath(new URL('../../src/io/atomic-write.js', import.meta.url));
  // The child rewrites 1 MB files whose every byte is the version number, as fast as it can.
  const script = `import { writeFileAtomicSync } from ${JSON.stringify(module)};
    for (let v = 1; ; v++) { writeFileAtomicSync(${JSON.stringify(path)}, new Uint8Array(1 << 20).fill(v & 255)); if (v === 3) process.stdout.write('go'); }`;
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 20 + 30 * round));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const bytes = readFileSync(path);
    assert.is(bytes.length, 1 << 20, `round ${round}: whole file`);
    assert.ok(bytes.every((b) => b === bytes[0]), `round ${round}: one version throughout`);
  }
});

test('stale temporary files of killed writers are removed; a live writer\'s and other files are kept', () => {
  const directory = join(folder, 'run');
  mkdirSync(directory);
  // 2^22 + 1 is above Linux's largest pid, so no process has it; this process's id stands for one reused.
  const stale = ['.checkpoint.safetensors.4194305.k3j2h1ga.tmp', `.curve.svg.${process.pid}.0a1b2c3d.tmp`];
  const live = `.summary.json.${process.ppid}.zz99yy88.tmp`;
  const others = ['metrics.jsonl', 'notes.tmp', '.hidden.tmp', 'checkpoint.safetensors'];
  for (const name of [...stale, live, ...others]) writeFileSync(join(directory, name), 'x');
  assert.equal(removeStaleTemporaryFiles(directory).sort(), [...stale].sort());
  assert.equal(readdirSync(directory).sort(), [live, ...others].sort());
});


test.run();
