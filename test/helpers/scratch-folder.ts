// Folders for a test's files. Each is removed when the test process exits, pass or fail, so that a
// run of the suite leaves nothing behind in the system's temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function removeMade(): void {
  // maxRetries: a child process that is still closing its files can hold a folder for a moment.
  for (const folder of made) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}

/** A new empty folder named policygrad-`name`-XXXXXX under the temporary folder, removed at exit. */
export function scratchFolder(name: string): string {
  if (made.length === 0) process.once('exit', removeMade);
  const folder = mkdtempSync(join(tmpdir(), `policygrad-${name}-`));
  made.push(folder);
  return folder;
}
