import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const module = JSON.stringify(fileURLToPath(new URL('../../src/cli/interrupt.js', import.meta.url)));

/** A "training loop" that checks the flag every 5 ms and, once it is raised, "saves" and returns. */
const trainingLoop = `import { watchInterrupts } from ${module};
  const watch = watchInterrupts({ onFirst: (s) => process.stderr.write('first ' + s + '\\n') });
  process.stdout.write('ready\\n');
  const tick = () => {
    if (!watch.requested) return setTimeout(tick, 5);
    process.stdout.write('saved after ' + watch.signal + '\\n');
    watch.dispose();
  };
  tick();`;

/** A loop that never reaches a safe point. */
const stuckLoop = `import { watchInterrupts } from ${module};
  watchInterrupts({ onFirst: () => process.stderr.write('first\\n') });
  process.stdout.write('ready\\n');
  setInterval(() => {}, 1000);`;

async function started(script: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve) => child.stdout.on('data', (d) => { stdout += d; resolve(); }));
  const nextStderr = () => new Promise<void>((resolve) => child.stderr.once('data', () => resolve()));
  return { child, exit, nextStderr, out: () => stdout, err: () => stderr };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`the first ${signal} raises the flag: the loop saves and exits cleanly with code 0`, async () => {
    const run = await started(trainingLoop);
    run.child.kill(signal);
    assert.equal(await run.exit, { code: 0, signal: null });
    assert.is(run.out(), `ready\nsaved after ${signal}\n`);
    assert.is(run.err(), `first ${signal}\n`);
  });
}

test('a second signal while the handlers are installed exits at once with code 130', async () => {
  const run = await started(stuckLoop);
  const first = run.nextStderr();
  run.child.kill('SIGINT');
  await first;
  run.child.kill('SIGINT');
  assert.equal(await run.exit, { code: 130, signal: null });
});

test.run();
