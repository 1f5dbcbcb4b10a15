// Swimmer-v5 against Gymnasium's swimmer_v5.py. References: that file's step, _get_rew, _get_obs,
// reset_model and _get_reset_info, read line by line; numpy's generator (Debian's python3-numpy)
// for the reset state of a seed; the model's numbers from Gymnasium's swimmer.xml. Tolerances:
// none (Object.is) — dt, the reset state, the observation layout, the info terms recomputed from
// qpos before and after the step (distance_from_origin as sqrt(x² + y²), which numpy's norm may
// round once differently).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Swimmer } from '../../../src/envs/mujoco/swimmer.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('Swimmer-v5');

test('dt = 0.01 × 4; spaces; observation is qpos[2:] then qvel (x and y lead when not excluded)', () => {
  const env = new Swimmer();
  assert.is(env.dt, 0.01 * 4);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (2,), float32)');
  const qpos = [1, 2, 0.3, 0.4, -0.5];
  const qvel = [11, -1, 2, 3, 4];
  env.setState(qpos, qvel);
  assertSameArray(env.observation, [...qpos.slice(2), ...qvel].map(Math.fround), 'observation');
  const full = new Swimmer({ excludeCurrentPositionsFromObservation: false });
  assert.is(full.observationSpace.size, 10);
  full.setState(qpos, qvel);
  assertSameArray(full.observation, [...qpos, ...qvel].map(Math.fround), 'observation with x, y');
});

test('reward = w_f·Δx/dt − 10⁻⁴·Σa²; info with y velocity and distance; never terminates', () => {
  const env = new Swimmer();
  env.reset({ seed: 2 });
  for (const action of randomActions(env, 100, 5)) {
    const [x0, y0] = env.getQpos();
    const [, reward, terminated, truncated, info] = env.step(action);
    const [x1, y1] = env.getQpos();
    const xVelocity = (x1! - x0!) / env.dt;
    const ctrl = 1e-4 * (action[0]! * action[0]! + action[1]! * action[1]!);
    assert.equal(info, { x_position: x1, x_velocity: xVelocity, reward_forward: xVelocity, reward_ctrl: -ctrl, y_position: y1, distance_from_origin: Math.sqrt(x1! * x1! + y1! * y1!), y_velocity: (y1! - y0!) / env.dt });
    assert.is(reward, xVelocity - ctrl);
    assert.is(terminated || truncated, false);
  }
});

if (numpyInstalled('Swimmer-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−0.1, 0.1, 5), init_qvel + uniform(−0.1, 0.1, 5) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new Swimmer(), [0, 1, 42, 77], [{ uniform: [-0.1, 0.1, 5] }, { uniform: [-0.1, 0.1, 5] }]);
  });
}

test('reset info; seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  const env = new Swimmer();
  const [, info] = env.reset({ seed: 6 });
  const [x, y] = env.getQpos();
  assert.equal(info, { x_position: x, y_position: y, distance_from_origin: Math.sqrt(x! * x! + y! * y!) });
  assertSeededDeterminism(() => new Swimmer());
  assertSnapshotExact(() => new Swimmer(), 23);
  assertPassesCheckEnv(new Swimmer());
});

test.run();
