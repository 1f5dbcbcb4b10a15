// Hopper-v5 against Gymnasium's hopper_v5.py. References: that file's step, is_healthy,
// control_cost, _get_obs, reset_model and _get_reset_info, read line by line; numpy's generator
// (Debian's python3-numpy) for the reset state of a seed; the model's numbers from Gymnasium's
// hopper_v5.xml. Tolerances: none (Object.is) — dt, the reset state, the observation layout and
// clipping, every info term recomputed here from qpos before and after the step, and the health
// boundaries at the adjacent doubles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Hopper } from '../../../src/envs/mujoco/hopper.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, nextDown, nextUp, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('Hopper-v5');

const standing = [0, 1.25, 0, 0, 0, 0];
const still = [0, 0, 0, 0, 0, 0];

test('dt = timestep × frame_skip = 0.002 × 4; spaces; init_qpos = qpos0 = (0, 1.25, 0, 0, 0, 0)', () => {
  const env = new Hopper();
  assert.is(env.model.opt.timestep, 0.002);
  assert.is(env.dt, 0.002 * 4);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (3,), float32)');
  assert.is(env.observationSpace.size, 11);
  assertSameArray(env.initQpos, standing, 'init_qpos');
});

test('observation is qpos[1:] then clip(qvel, ±10); with excludeCurrentPositionsFromObservation false qpos[0] leads', () => {
  const qpos = [5, 1.3, 0.1, -0.2, -0.3, 0.2];
  const qvel = [11, -12, 3, 4, 5, 6];
  const env = new Hopper();
  env.setState(qpos, qvel);
  assertSameArray(env.observation, [...qpos.slice(1), 10, -10, 3, 4, 5, 6].map(Math.fround), 'observation');
  const full = new Hopper({ excludeCurrentPositionsFromObservation: false });
  assert.is(full.observationSpace.size, 12);
  full.setState(qpos, qvel);
  assertSameArray(full.observation, [...qpos, 10, -10, 3, 4, 5, 6].map(Math.fround), 'observation with x');
});

test('healthy exactly inside the open intervals: z ∈ (0.7, ∞), angle ∈ (−0.2, 0.2), qpos[2:] and qvel ∈ (−100, 100)', () => {
  const env = new Hopper();
  const healthy = (qpos: number[], qvel = still) => {
    env.setState(qpos, qvel);
    return env.isHealthy();
  };
  assert.is(healthy(standing), true);
  assert.is(healthy([0, 0.7, 0, 0, 0, 0]), false);
  assert.is(healthy([0, nextUp(0.7), 0, 0, 0, 0]), true);
  assert.is(healthy([0, 1.25, 0.2, 0, 0, 0]), false);
  assert.is(healthy([0, 1.25, nextDown(0.2), 0, 0, 0]), true);
  assert.is(healthy([0, 1.25, -0.2, 0, 0, 0]), false);
  assert.is(healthy([0, 1.25, nextUp(-0.2), 0, 0, 0]), true);
  assert.is(healthy([0, 1.25, 0, 100, 0, 0]), false);
  assert.is(healthy([0, 1.25, 0, nextDown(100), 0, 0]), true);
  assert.is(healthy(standing, [-100, 0, 0, 0, 0, 0]), false, 'qvel[0] is part of state_vector()[2:]');
  assert.is(healthy(standing, [nextUp(-100), 0, 0, 0, 0, 0]), true);
  assert.is(healthy([1000, 150, 0, 0, 0, 0]), true, 'x and z are outside the state-range test');
  const custom = new Hopper({ healthyZRange: [1, 1.2], healthyAngleRange: [-1, 1], healthyStateRange: [-5, 5] });
  custom.setState([0, 1.25, 0.5, 0, 0, 0], still);
  assert.is(custom.isHealthy(), false);
  custom.setState([0, 1.1, 0.5, 4, 0, 0], still);
  assert.is(custom.isHealthy(), true);
});

test('reward = (w_f·Δx/dt + healthy) − w_c·Σa², each info term recomputed from qpos before and after', () => {
  const env = new Hopper({ forwardRewardWeight: 2, ctrlCostWeight: 0.01 });
  env.reset({ seed: 8 });
  let ended = false;
  for (const action of randomActions(env, 400, 6)) {
    const before = env.getQpos();
    const [, reward, terminated, truncated, info] = env.step(action);
    const after = env.getQpos();
    const xVelocity = (after[0]! - before[0]!) / env.dt;
    const ctrlCost = 0.01 * (action[0]! * action[0]! + action[1]! * action[1]! + action[2]! * action[2]!);
    const healthy = env.isHealthy();
    assert.equal(info, {
      x_position: after[0],
      x_velocity: xVelocity,
      reward_forward: 2 * xVelocity,
      reward_ctrl: -ctrlCost,
      reward_survive: healthy ? 1 : 0,
      z_distance_from_origin: after[1]! - 1.25,
    });
    assert.is(reward, 2 * xVelocity + (healthy ? 1 : 0) - ctrlCost);
    assert.is(reward, (info.reward_forward as number) + (info.reward_survive as number) + (info.reward_ctrl as number));
    assert.is(terminated, !healthy);
    assert.is(truncated, false);
    if (terminated) {
      ended = true;
      break;
    }
  }
  assert.ok(ended, 'random actions should make the hopper fall');
});

test('an action outside the Box moves the hopper as the clamped one (MuJoCo clamps ctrl) and is charged as given', () => {
  const a = new Hopper();
  const b = new Hopper();
  a.reset({ seed: 5 });
  b.reset({ seed: 5 });
  const [, , , , info] = a.step([3, -2, 0.5]);
  b.step([1, -1, 0.5]);
  assertSameArray(a.getQpos(), b.getQpos(), 'qpos');
  assertSameArray(a.getQvel(), b.getQvel(), 'qvel');
  assert.is(info.reward_ctrl, -(1e-3 * (9 + 4 + 0.25)));
  const strict = new Hopper({ strictActions: true });
  strict.reset({ seed: 5 });
  assert.throws(() => strict.step([3, -2, 0.5]), /strictActions/);
});

test('terminateWhenUnhealthy false: no termination, reward_survive 0 once unhealthy; truncated at maxEpisodeSteps', () => {
  const env = new Hopper({ terminateWhenUnhealthy: false, healthyReward: 3, maxEpisodeSteps: 300 });
  env.reset({ seed: 1 });
  let unhealthy = 0;
  let last = false;
  for (const action of randomActions(env, 300, 2)) {
    const [, , terminated, truncated, info] = env.step(action);
    assert.is(terminated, false);
    assert.is(info.reward_survive, env.isHealthy() ? 3 : 0);
    if (!env.isHealthy()) unhealthy++;
    last = truncated;
  }
  assert.ok(unhealthy > 0 && last && env.elapsedSteps === 300);
});

test('reset info holds x_position and z_distance_from_origin', () => {
  const env = new Hopper();
  const [, info] = env.reset({ seed: 4 });
  const qpos = env.getQpos();
  assert.equal(info, { x_position: qpos[0], z_distance_from_origin: qpos[1]! - 1.25 });
});

if (numpyInstalled('Hopper-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−5e-3, 5e-3, 6), init_qvel + uniform(−5e-3, 5e-3, 6) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new Hopper(), [0, 1, 42, 987654321], [{ uniform: [-5e-3, 5e-3, 6] }, { uniform: [-5e-3, 5e-3, 6] }]);
  });
}

test('reset noise within ±resetNoiseScale; seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  const env = new Hopper();
  for (let seed = 0; seed < 30; seed++) {
    env.reset({ seed });
    env.getQpos().forEach((q, i) => assert.ok(Math.abs(q - standing[i]!) <= 5e-3));
    for (const v of env.getQvel()) assert.ok(Math.abs(v) <= 5e-3);
  }
  assertSeededDeterminism(() => new Hopper());
  assertSnapshotExact(() => new Hopper(), 13);
  assertPassesCheckEnv(new Hopper());
  assert.throws(() => new Hopper({ healthyZRange: [1, 0] }), /healthyZRange/);
  assert.throws(() => new Hopper({ terminateWhenUnhealthy: 1 as never }), /terminateWhenUnhealthy/);
});

test.run();
