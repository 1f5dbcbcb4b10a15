// readFileBounded: only regular files, at most a cap. The inputs that made readFileSync grow
// without end — a character device (/dev/zero), a FIFO — are refused before they are opened, and
// a sparse file larger than the cap before a byte of it is read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileReadError, MAX_BINARY_FILE_BYTES, readFileBounded } from '../../src/io/read-bounded.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('read');

function assertRefused(path: string, maxBytes: number, code: string, pattern: RegExp): void {
  try {
    readFileBounded(path, maxBytes);
  } catch (error) {
    assert.instance(error, FileReadError);
    assert.is((error as FileReadError).code, code);
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected ${path} to be refused`);
}

test('a regular file is read whole, up to and including the cap', () => {
  const path = join(folder, 'small');
  writeFileSync(path, 'hello');
  assert.is(readFileBounded(path, 5).toString(), 'hello');
  assert.is(readFileBounded(path, 100).toString(), 'hello');
  writeFileSync(join(folder, 'empty'), '');
  assert.is(readFileBounded(join(folder, 'empty'), 0).length, 0);
});

test('a file over the cap is refused, naming its size and the cap; a sparse 1 GiB + 1 file without reading it', () => {
  writeFileSync(join(folder, 'six'), 'abcdef');
  assertRefused(join(folder, 'six'), 5, 'EFBIG', /six is 6 bytes, more than the 5 bytes accepted for it/);
  const sparse = join(folder, 'sparse');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, MAX_BINARY_FILE_BYTES + 1);
  closeSync(fd);
  assertRefused(sparse, MAX_BINARY_FILE_BYTES, 'EFBIG', /sparse is 1073741825 bytes, more than the 1073741824 bytes accepted/);
});

test('a directory, a FIFO and a character device are refused by kind, without being opened', () => {
  mkdirSync(join(folder, 'dir'));
  assertRefused(join(folder, 'dir'), 100, 'EISDIR', /dir is a directory, not a regular file/);
  // No writer ever opens this FIFO: opening it for reading would wait for ever.
  execFileSync('mkfifo', [join(folder, 'fifo')]);
  assertRefused(join(folder, 'fifo'), 100, 'ENOTREG', /fifo is a FIFO \(named pipe\), not a regular file/);
  if (existsSync('/dev/zero')) assertRefused('/dev/zero', 100, 'ENOTREG', /\/dev\/zero is a character device, not a regular file/);
  assertRefused(join(folder, 'missing'), 100, 'ENOENT', /missing: no such file/);
  assert.throws(() => readFileBounded(join(folder, 'small'), NaN), /maxBytes must be a non-negative integer, got NaN/);
});

test.run();
