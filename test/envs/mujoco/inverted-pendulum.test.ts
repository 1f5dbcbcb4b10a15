// InvertedPendulum-v5 against Gymnasium's inverted_pendulum_v5.py. References: that file's step,
// reset_model and _get_obs, read line by line; numpy's generator (Debian's python3-numpy) for the
// reset state of a seed; the model's numbers from Gymnasium's inverted_pendulum.xml. Tolerances:
// none — dt, the reset state, the observation layout, the reward and the termination boundary are
// compared exactly (Object.is), as is a restored run over 1,000 steps.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { InvertedPendulum } from '../../../src/envs/mujoco/inverted-pendulum.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, nextDown, nextUp, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('InvertedPendulum-v5');

test('dt = timestep × frame_skip = 0.02 × 2; spaces as Gymnasium builds them', () => {
  const env = new InvertedPendulum();
  assert.is(env.model.opt.timestep, 0.02);
  assert.is(env.dt, 0.02 * 2);
  assert.is(new InvertedPendulum({ frameSkip: 3 }).dt, 0.02 * 3);
  assert.is(String(env.actionSpace), 'Box(-3, 3, (1,), float32)');
  assert.is(String(env.observationSpace), 'Box(-Infinity, Infinity, (4,), float32)');
  assertSameArray(env.initQpos, [0, 0], 'init_qpos');
});

test('observation is [qpos, qvel] as float32', () => {
  const env = new InvertedPendulum();
  env.setState([0.3, -0.1], [1.5, -2.25]);
  assertSameArray(env.observation, [Math.fround(0.3), Math.fround(-0.1), 1.5, -2.25], 'observation');
});

test('healthy exactly while |angle| ≤ 0.2 (terminates at > 0.2)', () => {
  const env = new InvertedPendulum();
  for (const [angle, healthy] of [[0.2, true], [-0.2, true], [nextUp(0.2), false], [nextDown(-0.2), false], [0, true]] as const) {
    env.setState([0, angle], [0, 0]);
    assert.is(env.isHealthy(), healthy, `angle ${angle}`);
  }
});

test('reward is 1 on each step that does not terminate, 0 on the one that does; info reward_survive equals it', () => {
  const env = new InvertedPendulum();
  env.reset({ seed: 3 });
  let steps = 0;
  for (const action of randomActions(env, 200, 4)) {
    const [, reward, terminated, truncated, info] = env.step(action);
    steps++;
    assert.is(terminated, !env.isHealthy());
    assert.is(terminated, Math.abs(env.getQpos()[1]!) > 0.2);
    assert.is(reward, terminated ? 0 : 1);
    assert.equal(info, { reward_survive: reward });
    assert.is(truncated, false);
    if (terminated) break;
  }
  assert.ok(steps < 200, 'random actions should drop the pole');
});

test('truncated at maxEpisodeSteps (1000 by default)', () => {
  assert.is(new InvertedPendulum().maxEpisodeSteps, 1000);
  const env = new InvertedPendulum({ maxEpisodeSteps: 3 });
  env.reset({ seed: 0 });
  const flags = [0, 1, 2].map(() => env.step([0])[3]);
  assert.equal(flags, [false, false, true]);
});

if (numpyInstalled('InvertedPendulum-v5 reset against numpy')) {
  test("reset({ seed }) gives init_qpos + uniform(−0.01, 0.01, 2), init_qvel + uniform(−0.01, 0.01, 2) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new InvertedPendulum(), [0, 1, 42, 2 ** 32 - 1], [{ uniform: [-0.01, 0.01, 2] }, { uniform: [-0.01, 0.01, 2] }]);
    assertResetLikeNumpy(new InvertedPendulum({ resetNoiseScale: 0.5 }), [7], [{ uniform: [-0.5, 0.5, 2] }, { uniform: [-0.5, 0.5, 2] }]);
  });
}

test('reset noise stays within ±resetNoiseScale; scale 0 gives init_qpos', () => {
  const env = new InvertedPendulum();
  for (let seed = 0; seed < 50; seed++) {
    env.reset({ seed });
    for (const x of [...env.getQpos(), ...env.getQvel()]) assert.ok(Math.abs(x) <= 0.01);
  }
  const still = new InvertedPendulum({ resetNoiseScale: 0 });
  still.reset({ seed: 5 });
  assertSameArray(still.getQpos(), [0, 0], 'qpos');
});

test('seeded runs repeat; snapshot/restore is exact over 1,000 steps; checkEnv finds no error', () => {
  assertSeededDeterminism(() => new InvertedPendulum());
  assertSnapshotExact(() => new InvertedPendulum(), 21);
  assertPassesCheckEnv(new InvertedPendulum());
});

test('options are validated', () => {
  assert.throws(() => new InvertedPendulum({ resetNoiseScale: -1 }), /resetNoiseScale/);
  assert.throws(() => new InvertedPendulum({ frameSkip: 0 }), /frameSkip/);
  assert.throws(() => new InvertedPendulum({ gravity: 1 } as never), /gravity/);
  const env = new InvertedPendulum();
  assert.throws(() => env.step([0]), /reset/);
  env.reset({ seed: 1 });
  env.step([4]);
  assert.throws(() => new InvertedPendulum({ strictActions: true }).step([4]), /reset/);
  const strict = new InvertedPendulum({ strictActions: true });
  strict.reset({ seed: 1 });
  assert.throws(() => strict.step([4]), /strictActions is on/);
  assert.throws(() => env.step([0, 0]), /action space/);
  assert.throws(() => env.step([Number.NaN]), /finite/);
  assert.throws(() => env.reset({ seed: -1 }), /seed/);
  assert.throws(() => env.reset({ options: { low: 0 } }), /low/);
  env.close();
  assert.throws(() => env.reset(), /closed/);
});

test.run();
