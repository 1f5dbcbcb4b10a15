// Signals during training (src/cli/interrupt.ts), sent for real to a child process that runs a
// stand-in loop: the first SIGINT, SIGTERM or SIGHUP raises the flag, a second one exits at once
// with 128 + its number; a child with an IPC channel stops as on SIGTERM when the channel closes
// (its parent died). The test waits on the child's output, never on a delay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalExitCode, STOP_SIGNALS } from '../../src/cli/interrupt.js';
import { START_MESSAGE } from '../../src/studies/train-process.js';

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

async function started(script: string, ipc = false) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve) => child.stdout!.on('data', (d) => { stdout += d; resolve(); }));
  const nextStderr = () => new Promise<void>((resolve) => child.stderr!.once('data', () => resolve()));
  return { child, exit, nextStderr, out: () => stdout, err: () => stderr };
}

test('exit codes are 128 + the POSIX signal number: SIGHUP 129, SIGINT 130, SIGTERM 143', () => {
  assert.equal(STOP_SIGNALS.map(signalExitCode), [130, 143, 129]);
  assert.throws(() => signalExitCode('SIGNOPE' as NodeJS.Signals), /signal must be a signal name/);
});

for (const signal of STOP_SIGNALS) {
  test(`the first ${signal} raises the flag: the loop saves and ends by itself`, async () => {
    const run = await started(trainingLoop);
    run.child.kill(signal);
    assert.equal(await run.exit, { code: 0, signal: null });
    assert.is(run.out(), `ready\nsaved after ${signal}\n`);
    assert.is(run.err(), `first ${signal}\n`);
  });
}

for (const [first, second, code] of [['SIGINT', 'SIGINT', 130], ['SIGINT', 'SIGTERM', 143], ['SIGTERM', 'SIGHUP', 129]] as const) {
  test(`a ${second} after a ${first}, while the handlers are installed, exits at once with code ${code}`, async () => {
    const run = await started(stuckLoop);
    const firstSeen = run.nextStderr();
    run.child.kill(first);
    await firstSeen;
    run.child.kill(second);
    assert.equal(await run.exit, { code, signal: null });
  });
}

test('a child whose IPC channel to its parent closes stops as on SIGTERM: the loop saves and ends by itself', async () => {
  const run = await started(trainingLoop, true);
  run.child.disconnect();
  assert.equal(await run.exit, { code: 0, signal: null });
  assert.is(run.out(), 'ready\nsaved after SIGTERM\n');
  assert.is(run.err(), 'first SIGTERM\n');
});

test('without an IPC channel nothing changes: the loop runs until a signal', async () => {
  const run = await started(trainingLoop);
  assert.is(run.child.connected, false);
  run.child.kill('SIGINT');
  assert.equal(await run.exit, { code: 0, signal: null });
  assert.is(run.out(), 'ready\nsaved after SIGINT\n');
});

/** `policygrad train --wait-for-start` of one 512-step PPO iteration into `out`, with an IPC channel. */
function waitingTrain(out: string) {
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [main, 'train', '--algo', 'ppo', '--env', 'CartPole-v1', '--steps', '512', '--out', out, '--log-interval', '0', '--wait-for-start'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit };
}

test('train --wait-for-start touches nothing until the start message, and exits with 143 if its parent goes first', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'policygrad-wait-for-start-'));
  try {
    const abandoned = waitingTrain(join(folder, 'abandoned'));
    abandoned.child.disconnect(); // the parent "died" before it recorded the start
    assert.is(await abandoned.exit, signalExitCode('SIGTERM'));
    assert.not.ok(existsSync(join(folder, 'abandoned')), 'the run folder was never created');

    const started = waitingTrain(join(folder, 'started'));
    started.child.send(START_MESSAGE);
    assert.is(await started.exit, 0);
    assert.ok(existsSync(join(folder, 'started', 'summary.json')), 'the run trained and finished');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test.run();
