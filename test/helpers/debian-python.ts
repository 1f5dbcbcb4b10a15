// Debian's Python, for the tests whose reference is a Python library (mpmath, pandas, PyTorch):
// /usr/bin/python3, since the `python3` on PATH may be another interpreter without Debian's
// packages. A missing module: a skip with a message, or under CI=true a failure (the convention of
// test/helpers/chromium.ts).
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/**
 * Whether /usr/bin/python3 has `module` (found without importing it); if not, says that `what`
 * is skipped — or throws under CI=true — naming the Debian packages that bring it.
 */
export function pythonModuleInstalled(module: string, packages: string, what: string): boolean {
  const probe = spawnSync(PYTHON, ['-c', `import importlib.util, sys; sys.exit(importlib.util.find_spec(${JSON.stringify(module)}) is None)`], { stdio: 'ignore' });
  if (probe.status === 0) return true;
  const why = `${PYTHON} with ${module} is missing (apt-get install ${packages})`;
  if (process.env.CI === 'true') throw new Error(`${why}: CI must install it`);
  console.log(`\n  SKIPPED ${what}: ${why}\n`);
  return false;
}
