// Compiling a fixture with tsc (strict, ES modules, no output), for the tests that prove a type
// error is one: the exit status and tsc's messages.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
const OPTIONS = ['--ignoreConfig', '--pretty', 'false', '--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2022,DOM', '--types', 'node', '--skipLibCheck'];

/** Compiles `file` (a path from the repository's root) alone; resolves to tsc's exit code and output. */
export function compileFixture(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, ...OPTIONS, file], { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr });
    });
  });
}
