// Loading MuJoCo: a missing mujoco-js (a real module-resolution failure of a package name that
// does not exist, and a rejected import) gives an error naming the package and `npm install
// mujoco-js`; make() before preparation (in a fresh Node process, since this process prepares)
// says what to await; after prepareEnv, make builds every MuJoCo id; prepareEnv of an unknown id
// throws; prepareMujoco's importer (what a browser passes) is used by the call that loads, and a
// failed import lets the next call load with its own; a URL given is where an environment worker
// loads MuJoCo from too. Reference: the messages the API documents;
// exact substrings. Also: the vector env steps
// MuJoCo envs through their in-place protocol and restores their snapshots; a run whose wasm heap
// grows in the middle (its views detached and re-made) equals one without (Object.is).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMujoco, isMujocoPrepared, prepareMujoco } from '../../../src/envs/mujoco/load-mujoco.js';
import type { MujocoEnv } from '../../../src/envs/mujoco/mujoco-env.js';
import { make, prepareEnv, register, rewardThreshold } from '../../../src/envs/registry.js';
import { makeVec, restoreVectorEnv, snapshotVectorEnv } from '../../../src/envs/vector-env.js';

const MUJOCO_IDS = ['InvertedPendulum-v5', 'InvertedDoublePendulum-v5', 'Hopper-v5', 'HalfCheetah-v5', 'Walker2d-v5', 'Swimmer-v5', 'Reacher-v5', 'Ant-v5', 'Humanoid-v5'];

test('a missing mujoco-js names the package and the install command', async () => {
  const missing = 'mujoco-js-not-installed';
  for (const importer of [() => import(missing), () => Promise.reject(new Error("Cannot find package 'mujoco-js'"))]) {
    try {
      await loadMujoco(importer);
      assert.unreachable('loadMujoco should reject');
    } catch (error) {
      assert.match((error as Error).message, /the MuJoCo environments need the package 'mujoco-js'.*npm install mujoco-js/);
    }
  }
  try {
    await loadMujoco(() => Promise.resolve({}));
    assert.unreachable('a module without a default export should be rejected');
  } catch (error) {
    assert.match((error as Error).message, /no default export/);
  }
});

test('make before preparation says what to await (fresh process)', () => {
  const registry = fileURLToPath(new URL('../../../src/envs/registry.js', import.meta.url));
  const script = `import { make } from ${JSON.stringify(registry)}; try { make('Hopper-v5'); } catch (e) { console.log(e.message); }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(result.stdout, /Hopper-v5 is a MuJoCo environment: await prepareMujoco\(\) \(or prepareEnv\('Hopper-v5'\)\) once before make\('Hopper-v5'\)/);
});

test('prepareMujoco imports with the importer given, once; after a failed import the next call uses its own (fresh process)', () => {
  const load = fileURLToPath(new URL('../../../src/envs/mujoco/load-mujoco.js', import.meta.url));
  const registry = fileURLToPath(new URL('../../../src/envs/registry.js', import.meta.url));
  // The package's file by URL, as a browser page or worker imports it (Node resolves the same file from the name).
  const file = import.meta.resolve('mujoco-js');
  const script = `import { prepareMujoco } from ${JSON.stringify(load)}; import { make } from ${JSON.stringify(registry)};
    const calls = [];
    await prepareMujoco(() => { calls.push('failing'); return Promise.reject(new Error('offline')); }).catch((e) => calls.push(e.message.includes('offline')));
    await prepareMujoco(() => { calls.push('by URL'); return import(${JSON.stringify(file)}); });
    await prepareMujoco(() => { calls.push('again'); return import(${JSON.stringify(file)}); });
    console.log(JSON.stringify([...calls, make('Hopper-v5').id]));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.is(result.stderr, '');
  assert.equal(JSON.parse(result.stdout), ['failing', true, 'by URL', 'Hopper-v5']);
  assert.throws(() => prepareMujoco(3 as never), /prepareMujoco: importModule must be a function that returns a promise of the module mujoco-js, or the URL of its file, got 3/);
});

test('prepareMujoco given a URL loads from it, says so (mujocoModuleUrl), and an environment worker loads MuJoCo from the same URL (fresh process)', () => {
  const load = fileURLToPath(new URL('../../../src/envs/mujoco/load-mujoco.js', import.meta.url));
  const registry = fileURLToPath(new URL('../../../src/envs/registry.js', import.meta.url));
  const threadEnvs = fileURLToPath(new URL('../../../src/envs/thread/thread-envs.js', import.meta.url));
  const file = import.meta.resolve('mujoco-js');
  const script = `import { prepareMujoco, mujocoModuleUrl } from ${JSON.stringify(load)}; import { make } from ${JSON.stringify(registry)};
    import { ThreadEnvs } from ${JSON.stringify(threadEnvs)};
    const before = mujocoModuleUrl() ?? 'none';
    await prepareMujoco(new URL(${JSON.stringify(file)}));
    const group = await ThreadEnvs.create('Hopper-v5', 1, make('Hopper-v5'));
    group.envs[0].resetInPlace(1);
    console.log(JSON.stringify([before, mujocoModuleUrl(), group.envs[0].observation.length]));
    await group.close();`;
  // From a file: a worker thread inherits the process's flags, and --input-type is for -e alone.
  const path = join(mkdtempSync(join(tmpdir(), 'policygrad-mujoco-url-')), 'load-by-url.mjs');
  writeFileSync(path, script);
  const result = spawnSync(process.execPath, [path], { encoding: 'utf8' });
  rmSync(dirname(path), { recursive: true });
  assert.is(result.stderr, '');
  assert.equal(JSON.parse(result.stdout), ['none', file, 11]);
});

test('after prepareEnv every MuJoCo id builds; reward thresholds are Gymnasium\'s', async () => {
  await prepareEnv('Hopper-v5');
  assert.ok(isMujocoPrepared());
  assert.is(await prepareMujoco(), await prepareMujoco());
  for (const id of MUJOCO_IDS) assert.is(make(id).id, id);
  assert.equal(MUJOCO_IDS.map(rewardThreshold), [950, 9100, 3800, 4800, undefined, 360, -3.75, 6000, undefined]);
  await prepareEnv('CartPole-v1');
  try {
    await prepareEnv('Nope-v0');
    assert.unreachable('unknown id');
  } catch (error) {
    assert.match((error as Error).message, /unknown environment id/);
  }
});

test('register accepts a preparation that prepareEnv awaits', async () => {
  let prepared = 0;
  register('PreparedToy-v0', () => make('CartPole-v1'), async () => void prepared++);
  await prepareEnv('PreparedToy-v0');
  assert.is(prepared, 1);
  assert.throws(() => register('PreparedToy-v1', () => make('CartPole-v1'), 3 as never), /prepare/);
});

test('the vector env steps MuJoCo envs in place, resets them and restores their snapshots exactly', async () => {
  await prepareEnv('Hopper-v5');
  const vector = makeVec('Hopper-v5', 2);
  vector.reset(3);
  const actions = new Float64Array(6).fill(0.8);
  for (let t = 0; t < 20; t++) vector.step(actions);
  const snapshots = JSON.parse(JSON.stringify(snapshotVectorEnv(vector))) as ReturnType<typeof snapshotVectorEnv>;
  let ended = 0;
  const run = () => {
    const values: number[] = [];
    for (let t = 0; t < 200; t++) {
      vector.step(actions);
      values.push(...vector.observations, ...vector.rewards, ...vector.terminated, ...vector.truncated);
      ended += vector.terminated[0]! + vector.terminated[1]!;
    }
    return values;
  };
  const first = run();
  assert.ok(ended > 0, 'some episode should end and reset');
  restoreVectorEnv(vector, snapshots);
  assert.equal(run(), first);
});

test('a run whose wasm heap grows midway equals one whose heap does not', async () => {
  await prepareEnv('Ant-v5');
  const trajectory = (grow: boolean) => {
    const env = make('Ant-v5') as MujocoEnv;
    env.reset({ seed: 9 });
    const values: number[] = [];
    for (let t = 0; t < 20; t++) {
      if (grow && t === 10) {
        const probe = env.data.qpos;
        const extra = [];
        while (probe.length !== 0) extra.push(new env.mujoco.MjData(env.model));
        for (const data of extra) data.delete();
      }
      env.stepInPlace(new Float64Array(8).fill(t % 2 === 0 ? 0.5 : -0.5));
      values.push(...env.observation, env.reward);
    }
    env.close();
    return values;
  };
  assert.equal(trajectory(true), trajectory(false));
});

test.run();
