// Ant-v5 against Gymnasium's ant_v5.py. References: that file's step, is_healthy, contact_forces,
// contact_cost, _get_obs, reset_model, read line by line; numpy's generator (Debian's
// python3-numpy) for the reset state of a seed; the model's numbers from Gymnasium's ant.xml;
// positions and contact forces from MuJoCo's xpos and cfrc_ext. Tolerances: none (Object.is) for
// dt, the reset state, the observation layout and clipping and the health boundaries; the contact
// cost, whose 84-term sum numpy adds pairwise (the order src/envs/mujoco/pairwise-sum.ts follows,
// tested against numpy there), against a plain sum within 1e-14 relative.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Ant } from '../../../src/envs/mujoco/ant.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, nextDown, nextUp, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('Ant-v5');

const standing = [0, 0, 0.75, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const still = new Array(14).fill(0);
const clip = (x: number) => Math.min(Math.max(x, -1), 1);

test('dt = 0.01 × 5; spaces; init_qpos = qpos0 (torso at 0.75, identity quaternion)', () => {
  const env = new Ant();
  assert.is(env.dt, 0.01 * 5);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (8,), float32)');
  assert.is(env.observationSpace.size, 105);
  assert.is(new Ant({ includeCfrcExtInObservation: false }).observationSpace.size, 27);
  assert.is(new Ant({ excludeCurrentPositionsFromObservation: false }).observationSpace.size, 107);
  assertSameArray(env.initQpos, standing, 'init_qpos');
});

test('healthy exactly while z ∈ [0.2, 1], a closed interval', () => {
  const env = new Ant();
  const healthy = (z: number) => {
    env.setState([0, 0, z, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], still);
    return env.isHealthy();
  };
  assert.equal([0.2, nextDown(0.2), 1, nextUp(1), 0.5].map(healthy), [true, false, true, false, true]);
  const custom = new Ant({ healthyZRange: [0.5, 0.6] });
  custom.setState(standing, still);
  assert.is(custom.isHealthy(), false);
});

test('observation is qpos[2:], qvel, clip(cfrc_ext[1:], ±1); reward and info terms recomputed', () => {
  const env = new Ant({ contactCostWeight: 0.01 });
  env.reset({ seed: 12 });
  let contacts = 0;
  for (const action of randomActions(env, 60, 8)) {
    const before = [env.data.xpos[3]!, env.data.xpos[4]!];
    const [observation, reward, terminated, , info] = env.step(action);
    const qpos = env.getQpos();
    const cfrc = env.data.cfrc_ext;
    assertSameArray(observation, [...qpos.slice(2), ...env.getQvel(), ...Array.from(cfrc.slice(6), clip)].map(Math.fround), 'observation');
    const xVelocity = (env.data.xpos[3]! - before[0]!) / env.dt;
    const yVelocity = (env.data.xpos[4]! - before[1]!) / env.dt;
    // numpy's sum of eight squares: eight partial sums added as ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7)).
    const sq = Array.from(action, (a) => a * a);
    const squares = sq[0]! + sq[1]! + (sq[2]! + sq[3]!) + (sq[4]! + sq[5]! + (sq[6]! + sq[7]!));
    let contact = 0;
    for (const f of cfrc) contact += clip(f) * clip(f);
    if (contact > 0) contacts++;
    const healthy = env.isHealthy();
    assert.is(info.x_velocity, xVelocity);
    assert.is(info.y_velocity, yVelocity);
    assert.is(info.reward_forward, xVelocity);
    assert.is(info.reward_survive, healthy ? 1 : 0);
    assert.is(info.reward_ctrl, -(0.5 * squares));
    assert.ok(Math.abs((info.reward_contact as number) + 0.01 * contact) <= 1e-14 * 0.01 * contact);
    assert.is(info.x_position, qpos[0]);
    assert.is(info.y_position, qpos[1]);
    assert.is(reward, (info.reward_forward as number) + (info.reward_survive as number) - (-(info.reward_ctrl as number) + -(info.reward_contact as number)));
    assert.is(terminated, !healthy);
    if (terminated) break;
  }
  assert.ok(contacts > 0, 'the legs should touch the floor');
});

if (numpyInstalled('Ant-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−0.1, 0.1, 15), init_qvel + 0.1 · standard_normal(14) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new Ant(), [0, 1, 42, 5], [{ uniform: [-0.1, 0.1, 15] }, { standardNormal: 14 }], 0.1);
  });
}

test('seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv; options validated', () => {
  assertSeededDeterminism(() => new Ant());
  assertSnapshotExact(() => new Ant(), 31);
  assertPassesCheckEnv(new Ant());
  assert.throws(() => new Ant({ mainBody: 14 }), /mainBody/);
  assert.throws(() => new Ant({ contactForceRange: [1, -1] }), /contactForceRange/);
});

test.run();
