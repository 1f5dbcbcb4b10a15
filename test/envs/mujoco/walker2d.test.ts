// Walker2d-v5 against Gymnasium's walker2d_v5.py. References: that file's step, is_healthy,
// _get_rew, _get_obs, reset_model, read line by line; numpy's generator (Debian's python3-numpy)
// for the reset state of a seed; the model's numbers from Gymnasium's walker2d_v5.xml (both feet
// with friction 1.9). Tolerances: none (Object.is) — dt, the reset state, the observation layout
// and clipping, the info terms, the health boundaries at the adjacent doubles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Walker2d } from '../../../src/envs/mujoco/walker2d.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, nextDown, nextUp, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('Walker2d-v5');

const still = new Array(9).fill(0);
const pose = (z: number, angle: number) => [0, z, angle, 0, 0, 0, 0, 0, 0];

test('dt = 0.002 × 4; spaces; init_qpos = (0, 1.25, 0, …); both feet have friction 1.9', () => {
  const env = new Walker2d();
  assert.is(env.dt, 0.002 * 4);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (6,), float32)');
  assert.is(env.observationSpace.size, 17);
  assertSameArray(env.initQpos, pose(1.25, 0), 'init_qpos');
  assert.equal((env.model as unknown as { geom_friction: Float64Array }).geom_friction.filter((_, i) => i % 3 === 0), Float64Array.from([0.7, 0.9, 0.9, 0.9, 1.9, 0.9, 0.9, 1.9]));
});

test('observation is qpos[1:] then clip(qvel, ±10)', () => {
  const env = new Walker2d();
  const qvel = [12, -11, 1, 2, 3, 4, 5, 6, 7];
  env.setState(pose(1.1, 0.3), qvel);
  assertSameArray(env.observation, [...pose(1.1, 0.3).slice(1), 10, -10, 1, 2, 3, 4, 5, 6, 7].map(Math.fround), 'observation');
});

test('healthy exactly inside the open intervals z ∈ (0.8, 2), angle ∈ (−1, 1)', () => {
  const env = new Walker2d();
  const healthy = (z: number, angle: number) => {
    env.setState(pose(z, angle), still);
    return env.isHealthy();
  };
  assert.equal([healthy(0.8, 0), healthy(nextUp(0.8), 0), healthy(2, 0), healthy(nextDown(2), 0)], [false, true, false, true]);
  assert.equal([healthy(1.2, 1), healthy(1.2, nextDown(1)), healthy(1.2, -1), healthy(1.2, nextUp(-1))], [false, true, false, true]);
});

test('reward = (w_f·Δx/dt + healthy) − w_c·Σa², the info terms recomputed; terminated when unhealthy', () => {
  const env = new Walker2d();
  env.reset({ seed: 10 });
  let ended = false;
  for (const action of randomActions(env, 300, 1)) {
    const before = env.getQpos()[0]!;
    const [, reward, terminated, , info] = env.step(action);
    const after = env.getQpos();
    const xVelocity = (after[0]! - before) / env.dt;
    let squares = 0;
    for (const a of action) squares += a * a;
    const healthy = env.isHealthy();
    assert.equal(info, { x_position: after[0], x_velocity: xVelocity, reward_forward: xVelocity, reward_ctrl: -(1e-3 * squares), reward_survive: healthy ? 1 : 0, z_distance_from_origin: after[1]! - 1.25 });
    assert.is(reward, xVelocity + (healthy ? 1 : 0) - 1e-3 * squares);
    assert.is(terminated, !healthy);
    if (terminated) {
      ended = true;
      break;
    }
  }
  assert.ok(ended, 'random actions should make the walker fall');
});

if (numpyInstalled('Walker2d-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−5e-3, 5e-3, 9), init_qvel + uniform(−5e-3, 5e-3, 9) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new Walker2d(), [0, 1, 42, 8], [{ uniform: [-5e-3, 5e-3, 9] }, { uniform: [-5e-3, 5e-3, 9] }]);
  });
}

test('seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  assertSeededDeterminism(() => new Walker2d());
  assertSnapshotExact(() => new Walker2d(), 19);
  assertPassesCheckEnv(new Walker2d());
  assert.throws(() => new Walker2d({ healthyStateRange: [0, 1] } as never), /healthyStateRange/);
});

test.run();
