// HalfCheetah-v5 against Gymnasium's half_cheetah_v5.py. References: that file's step, _get_rew,
// _get_obs, reset_model and _get_reset_info, read line by line; numpy's generator (Debian's
// python3-numpy) for the reset state of a seed; the model's numbers from Gymnasium's
// half_cheetah.xml. Tolerances: none (Object.is) — dt, the reset state, the observation layout
// (no clipping), every info term recomputed here from qpos before and after the step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { HalfCheetah } from '../../../src/envs/mujoco/half-cheetah.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('HalfCheetah-v5');

test('dt = timestep × frame_skip = 0.01 × 5; spaces; init_qpos zeros', () => {
  const env = new HalfCheetah();
  assert.is(env.model.opt.timestep, 0.01);
  assert.is(env.dt, 0.01 * 5);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (6,), float32)');
  assert.is(env.observationSpace.size, 17);
  assertSameArray(env.initQpos, new Array(9).fill(0), 'init_qpos');
});

test('observation is qpos[1:] then qvel, unclipped; rootx leads when not excluded', () => {
  const qpos = [3, 0.1, 0.2, 0.3, -0.3, 0.2, -0.1, 0.4, -0.2];
  const qvel = [15, -12, 3, 4, 5, 6, 7, 8, 9];
  const env = new HalfCheetah();
  env.setState(qpos, qvel);
  assertSameArray(env.observation, [...qpos.slice(1), ...qvel].map(Math.fround), 'observation');
  const full = new HalfCheetah({ excludeCurrentPositionsFromObservation: false });
  full.setState(qpos, qvel);
  assertSameArray(full.observation, [...qpos, ...qvel].map(Math.fround), 'observation with x');
});

test('reward = w_f·Δx/dt − w_c·Σa², never terminates, truncated at 1000', () => {
  const env = new HalfCheetah({ ctrlCostWeight: 0.2, forwardRewardWeight: 0.5 });
  env.reset({ seed: 8 });
  randomActions(env, 1000, 6).forEach((action, t) => {
    const before = env.getQpos()[0]!;
    const [, reward, terminated, truncated, info] = env.step(action);
    const after = env.getQpos()[0]!;
    const xVelocity = (after - before) / env.dt;
    let squares = 0;
    for (const a of action) squares += a * a;
    assert.equal(info, { x_position: after, x_velocity: xVelocity, reward_forward: 0.5 * xVelocity, reward_ctrl: -(0.2 * squares) });
    assert.is(reward, 0.5 * xVelocity - 0.2 * squares);
    assert.is(terminated, false);
    assert.is(truncated, t === 999);
  });
});

if (numpyInstalled('HalfCheetah-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−0.1, 0.1, 9), init_qvel + 0.1 · standard_normal(9) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new HalfCheetah(), [0, 1, 42, 31337], [{ uniform: [-0.1, 0.1, 9] }, { standardNormal: 9 }], 0.1);
  });
}

test('reset info; seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  const env = new HalfCheetah();
  const [, info] = env.reset({ seed: 3 });
  assert.equal(info, { x_position: env.getQpos()[0] });
  assertSeededDeterminism(() => new HalfCheetah());
  assertSnapshotExact(() => new HalfCheetah(), 17);
  assertPassesCheckEnv(new HalfCheetah());
  assert.throws(() => new HalfCheetah({ healthyReward: 1 } as never), /healthyReward/);
});

test.run();
