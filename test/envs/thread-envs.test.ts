// Environments on a worker thread (src/envs/thread/) against the same environments on this one:
// the reference is a SyncVectorEnv of local envs given the same seed and actions, and the
// tolerance none — every observation, final observation, reward and flag equal (Object.is), over
// 1,000 steps with the automatic resets they bring, and across snapshots taken on one side and
// restored on the other. Then what the worker reports back: its environment's errors, a closed
// worker, and steps out of order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MujocoEnv } from '../../src/envs/mujoco/mujoco-env.js';
import { make, prepareEnv } from '../../src/envs/registry.js';
import { ThreadEnvs } from '../../src/envs/thread/thread-envs.js';
import { TEXT_CHUNK } from '../../src/envs/thread/env-thread-protocol.js';
import { SyncVectorEnv } from '../../src/envs/vector-env.js';
import { randomActions } from '../helpers/mujoco-env-checks.js';

await prepareEnv('Hopper-v5');
await prepareEnv('Humanoid-v5');

function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.unreachable(`${what}[${i}]: ${actual[i]} !== ${expected[i]}`);
  }
}

function assertSameStep(threaded: SyncVectorEnv, local: SyncVectorEnv, what: string): void {
  assertSameArray(threaded.observations, local.observations, `${what}: observations`);
  assertSameArray(threaded.rewards, local.rewards, `${what}: rewards`);
  assertSameArray(threaded.terminated, local.terminated, `${what}: terminated`);
  assertSameArray(threaded.truncated, local.truncated, `${what}: truncated`);
  for (let i = 0; i < local.numEnvs; i++) {
    if (local.terminated[i] || local.truncated[i]) {
      const size = local.observationSize;
      assertSameArray(threaded.finalObservations.subarray(i * size, (i + 1) * size), local.finalObservations.subarray(i * size, (i + 1) * size), `${what}: final observation ${i}`);
    }
  }
}

/** `numEnvs` envs of `id`, the last `onThread` of them on a worker; and the same all local. */
async function pair(id: string, numEnvs: number, onThread: number): Promise<{ threaded: SyncVectorEnv; local: SyncVectorEnv; group: ThreadEnvs }> {
  const here = Array.from({ length: numEnvs - onThread }, () => make(id));
  const group = await ThreadEnvs.create(id, onThread, here[0]!);
  return { threaded: new SyncVectorEnv([...here, ...group.envs]), local: new SyncVectorEnv(Array.from({ length: numEnvs }, () => make(id))), group };
}

function actionRows(id: string, numEnvs: number, steps: number, seed: number): Float64Array[] {
  const env = make(id) as MujocoEnv;
  const single = randomActions(env, steps * numEnvs, seed);
  return Array.from({ length: steps }, (_, t) => {
    const row = new Float64Array(numEnvs * env.actionSpace.size);
    for (let i = 0; i < numEnvs; i++) row.set(single[t * numEnvs + i]!, i * env.actionSpace.size);
    return row;
  });
}

test('Hopper-v5, 3 envs, 2 on the worker: 1,000 steps, resets included, equal to the bit to 3 local envs', async () => {
  const { threaded, local, group } = await pair('Hopper-v5', 3, 2);
  assertSameArray(threaded.reset(7), local.reset(7), 'reset(7)');
  let episodes = 0;
  for (const [t, actions] of actionRows('Hopper-v5', 3, 1000, 11).entries()) {
    threaded.step(actions);
    local.step(actions);
    assertSameStep(threaded, local, `step ${t}`);
    for (let i = 0; i < 3; i++) episodes += local.terminated[i]! | local.truncated[i]!;
  }
  assert.ok(episodes > 6, `the random actions end episodes (${episodes}), so that automatic resets on the worker are covered`);
  await group.close();
});

test('snapshots taken on the worker restore here and the other way round, and both go on to the same bits', async () => {
  const { threaded, local, group } = await pair('Humanoid-v5', 2, 1);
  const actions = actionRows('Humanoid-v5', 2, 60, 3);
  threaded.reset(5);
  local.reset(5);
  for (const row of actions.slice(0, 30)) {
    threaded.step(row);
    local.step(row);
  }
  const remote = threaded.subEnvs[1]!;
  const snapshot = remote.snapshot!();
  assert.equal(snapshot, JSON.parse(JSON.stringify(local.subEnvs[1]!.snapshot!())), 'the worker\'s snapshot is the local env\'s');
  assert.ok(JSON.stringify(snapshot).length > TEXT_CHUNK, 'a Humanoid snapshot is longer than one piece of text, so that it travels in several');
  // The worker's env goes back to the local one's state at step 30, and that one to the worker's.
  const localSnapshot = JSON.parse(JSON.stringify(local.subEnvs[1]!.snapshot!()));
  for (const row of actions.slice(30, 40)) threaded.step(row);
  remote.restore!(localSnapshot);
  local.subEnvs[1]!.restore!(JSON.parse(JSON.stringify(snapshot)));
  threaded.subEnvs[0]!.restore!(JSON.parse(JSON.stringify(local.subEnvs[0]!.snapshot!())));
  threaded.markRestored();
  local.markRestored();
  assertSameArray(threaded.observations, local.observations, 'observations after restore');
  for (const [t, row] of actions.slice(30).entries()) {
    threaded.step(row);
    local.step(row);
    assertSameStep(threaded, local, `step ${30 + t} after restore`);
  }
  await group.close();
});

test('a ThreadEnv alone: Gymnasium\'s reset and step, and stepInPlace, as a local env', async () => {
  const local = make('Hopper-v5') as MujocoEnv;
  const group = await ThreadEnvs.create('Hopper-v5', 1, local);
  const remote = group.envs[0]!;
  assert.is(remote.id, 'Hopper-v5');
  assert.is(String(remote.actionSpace), String(local.actionSpace));
  assertSameArray(remote.reset({ seed: 3 })[0], local.reset({ seed: 3 })[0], 'reset({ seed: 3 })');
  for (const [t, action] of randomActions(local, 50, 4).entries()) {
    const [observation, reward, terminated, truncated] = remote.step(action);
    const expected = local.step(action);
    assertSameArray(observation, expected[0], `step ${t}: observation`);
    assert.equal([reward, terminated, truncated], [expected[1], expected[2], expected[3]], `step ${t}`);
    if (terminated) break;
  }
  await group.close();
});

test('the worker\'s errors come back as the request\'s, naming the problem; a closed worker refuses every request', async () => {
  const probe = make('Hopper-v5');
  const group = await ThreadEnvs.create('Hopper-v5', 2, probe);
  const [first, second] = group.envs;
  first!.resetInPlace(1);
  second!.resetInPlace(2);
  assert.throws(() => first!.stepInPlace([Number.NaN, 0, 0]), /Hopper-v5.*action/i);
  assert.throws(() => first!.stepInPlace([0, 0, 0, 0]), /Hopper-v5 on a worker thread: the action must be 3 numbers, got .* of length 4/);
  assert.throws(() => first!.restore({ state: [1, 2] }), /Hopper-v5/);
  assert.throws(() => first!.resetInPlace(1, { low: 0 }), /reset options are not passed to the worker/);
  // Started but not finished: a second start, and a lone step, are refused until finishStep.
  first!.startStep([0, 0, 0]);
  assert.throws(() => second!.stepInPlace([0, 0, 0]), /a step of all the environments is under way/);
  second!.startStep([0, 0, 0]);
  assert.throws(() => first!.startStep([0, 0, 0]), /has not been finished/);
  first!.finishStep();
  second!.finishStep();
  assert.ok(Number.isFinite(second!.reward));
  await group.close();
  assert.throws(() => first!.resetInPlace(1), /worker thread was closed/);
});

test('a ThreadEnvs of an id the worker does not have fails to start, with the reason', async () => {
  let message = '';
  await ThreadEnvs.create('NoSuchEnv-v0', 1, make('Hopper-v5')).catch((error: Error) => (message = error.message));
  assert.match(message, /unknown environment id 'NoSuchEnv-v0'/);
});

test.run();
