// Humanoid-v5 against Gymnasium's humanoid_v5.py. References: that file's mass_center, step,
// _get_rew, control_cost, contact_cost, is_healthy, _get_obs, reset_model and _get_reset_info,
// read line by line; numpy (Debian's python3-numpy) for the reset state of a seed (its generator)
// and for the centre-of-mass velocity (mass_center run as written there, on this env's body_mass
// and xipos); the model's numbers from Gymnasium's humanoid.xml (gears, ctrlrange, the tendons'
// coefficients); everything else from MuJoCo's arrays (qpos, qvel, xipos, cinert, cvel,
// qfrc_actuator, cfrc_ext, ten_length, ten_velocity). Tolerances: none (Object.is) for dt, the
// model's numbers, the reset state, the observation layout, the health boundaries, the centre of
// mass, the control cost (numpy's pairwise order written out for 17 terms) and the clipped
// contact cost; the unclipped contact cost, whose 84-term sum numpy adds pairwise (the order
// src/envs/mujoco/pairwise-sum.ts follows, tested against numpy there), against a plain sum
// within 1e-14 relative.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Humanoid } from '../../../src/envs/mujoco/humanoid.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, nextDown, nextUp, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled, numpyMassCenterVelocities, type MassCenterStep } from '../../helpers/numpy-reference.js';

await prepareEnv('Humanoid-v5');

const NQ = 24;
const NV = 23;
const standing = [0, 0, 1.4, 1, ...new Array(NQ - 4).fill(0)];
const still = new Array(NV).fill(0);
const at = (z: number) => [0, 0, z, 1, ...new Array(NQ - 4).fill(0)];
// qpos and dof addresses of the hinges the tendons join (after the free joint's 7 and 6).
const Q = { rightHipY: 12, rightKnee: 13, leftHipY: 16, leftKnee: 17 };
const V = { rightHipY: 11, rightKnee: 12, leftHipY: 15, leftKnee: 16 };
/** Gymnasium's step info keys, in its order; the reset info has the first five. */
const STEP_INFO = ['x_position', 'y_position', 'tendon_length', 'tendon_velocity', 'distance_from_origin', 'x_velocity', 'y_velocity', 'reward_survive', 'reward_forward', 'reward_ctrl', 'reward_contact'];

/** numpy's np.sum of 17 terms: eight partial sums over the first 16, combined in pairs, then the 17th. */
function numpySum17(t: number[]): number {
  const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => t[j]! + t[j + 8]!);
  return r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!)) + t[16]!;
}

test('dt = 0.003 × 5; spaces; init_qpos = (0, 0, 1.4, 1, 0, …); the model\'s motors and tendons', () => {
  const env = new Humanoid();
  assert.is(env.dt, 0.003 * 5);
  assert.is(new Humanoid({ frameSkip: 3 }).dt, 0.003 * 3);
  assert.equal([env.model.nq, env.model.nv, env.model.nu, env.model.nbody, env.model.ntendon], [24, 23, 17, 14, 2]);
  assert.equal(env.actionSpace.shape, [17]);
  for (let i = 0; i < 17; i++) assert.ok(env.actionSpace.low[i] === Math.fround(-0.4) && env.actionSpace.high[i] === Math.fround(0.4), `ctrlrange of actuator ${i}`);
  const gear = (env.model as unknown as { actuator_gear: Float64Array }).actuator_gear.filter((_, i) => i % 6 === 0);
  assert.equal(gear, Float64Array.from([100, 100, 100, 100, 100, 300, 200, 100, 100, 300, 200, 25, 25, 25, 25, 25, 25]));
  assertSameArray(env.initQpos, standing, 'init_qpos');
  assertSameArray(env.initQvel, still, 'init_qvel');
});

test('observation: qpos[2:] (22), qvel (23), cinert[1:] (130), cvel[1:] (78), qfrc_actuator[6:] (17), cfrc_ext[1:] (78); each part optional', () => {
  const sizes = { exclude: 2, cinert: 130, cvel: 78, qfrc: 17, cfrc: 78 };
  assert.is(new Humanoid().observationSpace.size, 348);
  assert.is(new Humanoid({ excludeCurrentPositionsFromObservation: false }).observationSpace.size, 348 + sizes.exclude);
  assert.is(new Humanoid({ includeCinertInObservation: false }).observationSpace.size, 348 - sizes.cinert);
  assert.is(new Humanoid({ includeCvelInObservation: false }).observationSpace.size, 348 - sizes.cvel);
  assert.is(new Humanoid({ includeQfrcActuatorInObservation: false }).observationSpace.size, 348 - sizes.qfrc);
  assert.is(new Humanoid({ includeCfrcExtInObservation: false }).observationSpace.size, 348 - sizes.cfrc);
  const layout = (env: Humanoid, parts: { positions: boolean; cinert: boolean; cvel: boolean; qfrc: boolean; cfrc: boolean }) => {
    const d = env.data;
    return [
      ...env.getQpos().slice(parts.positions ? 0 : 2),
      ...env.getQvel(),
      ...(parts.cinert ? d.cinert.slice(10) : []),
      ...(parts.cvel ? d.cvel.slice(6) : []),
      ...(parts.qfrc ? d.qfrc_actuator.slice(6) : []),
      ...(parts.cfrc ? d.cfrc_ext.slice(6) : []),
    ].map(Math.fround);
  };
  const all = { positions: false, cinert: true, cvel: true, qfrc: true, cfrc: true };
  const variants = [
    [{}, all],
    [{ excludeCurrentPositionsFromObservation: false }, { ...all, positions: true }],
    [{ includeCinertInObservation: false }, { ...all, cinert: false }],
    [{ includeCvelInObservation: false }, { ...all, cvel: false }],
    [{ includeQfrcActuatorInObservation: false }, { ...all, qfrc: false }],
    [{ includeCfrcExtInObservation: false }, { ...all, cfrc: false }],
    [{ includeCinertInObservation: false, includeCvelInObservation: false, includeQfrcActuatorInObservation: false, includeCfrcExtInObservation: false }, { positions: false, cinert: false, cvel: false, qfrc: false, cfrc: false }],
  ] as const;
  for (const [options, parts] of variants) {
    const env = new Humanoid(options);
    env.reset({ seed: 4 });
    for (const action of randomActions(env, 8, 2)) env.stepInPlace(action);
    assertSameArray(env.observation, layout(env, parts), `observation with ${JSON.stringify(options)}`);
  }
  assert.is(new Humanoid({ includeCinertInObservation: false, includeCvelInObservation: false, includeQfrcActuatorInObservation: false, includeCfrcExtInObservation: false }).observationSpace.size, 45);
});

test('healthy exactly while z ∈ (1, 2), an open interval; an unhealthy step ends the episode unless terminateWhenUnhealthy is false', () => {
  const env = new Humanoid();
  const healthy = (z: number) => {
    env.setState(at(z), still);
    return env.isHealthy();
  };
  assert.equal([1, nextUp(1), 2, nextDown(2), 1.4].map(healthy), [false, true, false, true, true]);
  const custom = new Humanoid({ healthyZRange: [1.5, 1.6] });
  custom.setState(standing, still);
  assert.is(custom.isHealthy(), false);
  for (const terminateWhenUnhealthy of [true, false]) {
    const fallen = new Humanoid({ terminateWhenUnhealthy });
    fallen.reset({ seed: 0 });
    fallen.setState(at(0.6), still);
    const [, , terminated, , info] = fallen.step(new Float64Array(17));
    assert.is(fallen.isHealthy(), false);
    assert.is(terminated, terminateWhenUnhealthy);
    assert.is(info.reward_survive, 0);
  }
});

test('reward = w_f·Δ(centre of mass x)/dt + h·[healthy] − (w_c·Σctrl² + clip(w_k·Σcfrc_ext², range)); info as Gymnasium\'s', () => {
  const env = new Humanoid();
  env.reset({ seed: 12 });
  const mass = Array.from(env.model.body_mass);
  // numpy's np.sum of the 14 masses: eight partial sums, combined in pairs, then the other six in order.
  const totalMass = mass[0]! + mass[1]! + (mass[2]! + mass[3]!) + (mass[4]! + mass[5]! + (mass[6]! + mass[7]!)) + mass[8]! + mass[9]! + mass[10]! + mass[11]! + mass[12]! + mass[13]!;
  const center = (xipos: ArrayLike<number>, axis: number) => {
    let moment = 0;
    for (let b = 0; b < 14; b++) moment += mass[b]! * xipos[3 * b + axis]!;
    return moment / totalMass;
  };
  let contacts = 0;
  let episodes = 0;
  for (const action of randomActions(env, 200, 8)) {
    const before = env.data.xipos.slice();
    const [, reward, terminated, truncated, info] = env.step(action);
    const qpos = env.getQpos();
    const xVelocity = (center(env.data.xipos, 0) - center(before, 0)) / env.dt;
    const yVelocity = (center(env.data.xipos, 1) - center(before, 1)) / env.dt;
    const ctrlCost = 0.1 * numpySum17(Array.from(action, (a) => a * a));
    let squares = 0;
    for (const f of env.data.cfrc_ext) squares += f * f;
    if (squares > 0) contacts++;
    const contactCost = -(info.reward_contact as number);
    if (5e-7 * squares > 10 * (1 + 1e-14)) assert.is(contactCost, 10);
    else assert.ok(Math.abs(contactCost - 5e-7 * squares) <= 1e-14 * 5e-7 * squares, `contact cost ${contactCost} vs ${5e-7 * squares}`);
    const healthy = env.isHealthy();
    assert.equal(Object.keys(info).sort(), [...STEP_INFO].sort());
    assert.is(info.x_position, qpos[0]);
    assert.is(info.y_position, qpos[1]);
    assert.is(info.distance_from_origin, Math.sqrt(qpos[0]! * qpos[0]! + qpos[1]! * qpos[1]!));
    assertSameArray(info.tendon_length as Float64Array, env.data.ten_length, 'tendon_length');
    assertSameArray(info.tendon_velocity as Float64Array, env.data.ten_velocity, 'tendon_velocity');
    assert.is(info.x_velocity, xVelocity);
    assert.is(info.y_velocity, yVelocity);
    assert.is(info.reward_forward, 1.25 * xVelocity);
    assert.is(info.reward_survive, healthy ? 5 : 0);
    assert.is(info.reward_ctrl, -ctrlCost);
    assert.is(reward, 1.25 * xVelocity + (healthy ? 5 : 0) - (ctrlCost + contactCost));
    assert.is(terminated, !healthy);
    if (terminated || truncated) {
      episodes++;
      env.reset();
    }
  }
  assert.ok(contacts > 0, 'the feet should touch the floor');
  assert.ok(episodes > 0, 'a random policy should fall');
});

test('the control cost is charged on ctrl as given (MuJoCo clamps its own copy); the contact cost is clipped to contactCostRange', () => {
  const env = new Humanoid();
  env.reset({ seed: 3 });
  const [, , , , info] = env.step(new Float64Array(17).fill(1));
  assert.is(info.reward_ctrl, -(0.1 * 17), 'Σ 1² over 17 actuators, beyond ctrlrange ±0.4');
  // Deep in the floor, the contact forces are large: Σcfrc_ext² · 5·10⁻⁷ beyond 10.
  const sunk = () => {
    const e = new Humanoid({ contactCostRange: [-Infinity, Infinity] });
    e.reset({ seed: 0 });
    e.setState(at(0.6), still);
    e.step(new Float64Array(17));
    return e;
  };
  const unclipped = sunk();
  assert.ok(-unclipped.rewardContact > 10, `the sunk state's contact cost ${-unclipped.rewardContact} should exceed 10`);
  const clipped = new Humanoid();
  clipped.reset({ seed: 0 });
  clipped.setState(at(0.6), still);
  assert.is(clipped.step(new Float64Array(17))[4].reward_contact, -10);
  const floor = new Humanoid({ contactCostRange: [1, 2] });
  floor.reset({ seed: 3 });
  floor.setState(standing, still);
  assert.is(floor.step(new Float64Array(17))[4].reward_contact, -1, 'a cost below the range is raised to its low end');
});

test('reset info: x_position, y_position, distance_from_origin, and the tendons −hip_y + knee (left, right), length and velocity', () => {
  const env = new Humanoid();
  const [, info] = env.reset({ seed: 21 });
  const q = env.getQpos();
  const v = env.getQvel();
  assert.equal(Object.keys(info).sort(), [...STEP_INFO.slice(0, 5)].sort());
  assert.is(info.x_position, q[0]);
  assert.is(info.y_position, q[1]);
  assert.is(info.distance_from_origin, Math.sqrt(q[0]! * q[0]! + q[1]! * q[1]!));
  assertSameArray(info.tendon_length as Float64Array, [-q[Q.leftHipY]! + q[Q.leftKnee]!, -q[Q.rightHipY]! + q[Q.rightKnee]!], 'tendon_length');
  assertSameArray(info.tendon_velocity as Float64Array, [-v[V.leftHipY]! + v[V.leftKnee]!, -v[V.rightHipY]! + v[V.rightKnee]!], 'tendon_velocity');
});

test('reset noise: qpos and qvel within ±resetNoiseScale of init_qpos and init_qvel', () => {
  for (const scale of [0.01, 0.2]) {
    const env = new Humanoid({ resetNoiseScale: scale });
    for (const seed of [0, 1, 2]) {
      env.reset({ seed });
      const q = env.getQpos();
      const v = env.getQvel();
      assert.ok(q.every((x, i) => Math.abs(x - env.initQpos[i]!) <= scale) && q.some((x, i) => x !== env.initQpos[i]), `qpos noise, scale ${scale}`);
      assert.ok(v.every((x) => Math.abs(x) <= scale) && v.some((x) => x !== 0), `qvel noise, scale ${scale}`);
    }
  }
  const quiet = new Humanoid({ resetNoiseScale: 0 });
  quiet.reset({ seed: 5 });
  assertSameArray(quiet.getQpos(), standing, 'qpos without noise');
});

if (numpyInstalled('Humanoid-v5 reset and centre of mass against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−0.01, 0.01, 24), init_qvel + uniform(−0.01, 0.01, 23) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new Humanoid(), [0, 1, 42, 5], [{ uniform: [-0.01, 0.01, 24] }, { uniform: [-0.01, 0.01, 23] }]);
  });

  test("x_velocity, y_velocity: Gymnasium's mass_center over body_mass and xipos, run in numpy, bit for bit", () => {
    const env = new Humanoid();
    env.reset({ seed: 7 });
    const mass = Array.from(env.model.body_mass);
    const steps: MassCenterStep[] = [];
    const actual: [number, number][] = [];
    for (const action of randomActions(env, 40, 9)) {
      const before = Array.from(env.data.xipos);
      env.stepInPlace(action);
      steps.push({ mass, before, after: Array.from(env.data.xipos), dt: env.dt });
      actual.push([env.xVelocity, env.yVelocity]);
      if (env.terminated) env.resetInPlace();
    }
    const expected = numpyMassCenterVelocities(steps);
    actual.forEach((pair, t) => assertSameArray(pair, expected[t]!, `step ${t}: (x_velocity, y_velocity)`));
  });
}

test('seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv; options validated', () => {
  assertSeededDeterminism(() => new Humanoid());
  assertSnapshotExact(() => new Humanoid(), 31);
  assertPassesCheckEnv(new Humanoid());
  assert.throws(() => new Humanoid({ healthyZRange: [2, 1] }), /healthyZRange/);
  assert.throws(() => new Humanoid({ contactCostRange: [10] as never }), /contactCostRange/);
  assert.throws(() => new Humanoid({ resetNoiseScale: -0.1 }), /resetNoiseScale must be ≥ 0/);
  assert.throws(() => new Humanoid({ includeCvelInObservation: 1 as never }), /includeCvelInObservation must be a boolean/);
  assert.throws(() => new Humanoid({ contactCostWeight: Number.NaN }), /contactCostWeight/);
  assert.throws(() => new Humanoid({ frameSkip: 0 }), /frameSkip/);
  assert.throws(() => new Humanoid({ mainBody: 1 } as never), /mainBody/);
});

test.run();
