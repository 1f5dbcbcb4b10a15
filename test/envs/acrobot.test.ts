import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Acrobot } from '../../src/envs/acrobot.js';
import { assertClose } from '../helpers/close.js';

// Sutton's acrobot (book equations) as the Lagrangian system M(q) q̈ + h(q, q̇) + G(q) = [0, τ] with
// m1 = m2 = l1 = 1, lc1 = lc2 = 0.5, I1 = I2 = 1, g = 9.8, θ1 measured from hanging down.
function inertia(theta2: number): [number, number, number] {
  const m11 = 0.25 + (1 + 0.25 + Math.cos(theta2)) + 2;
  const m12 = 0.25 + 0.5 * Math.cos(theta2) + 1;
  const m22 = 0.25 + 1;
  return [m11, m12, m22];
}

/** q̈ by Cramer's rule on the 2×2 system: an arrangement independent of the env's closed form. */
function derivative([t1, t2, w1, w2]: number[], torque: number): number[] {
  const [m11, m12, m22] = inertia(t2);
  const h1 = -0.5 * Math.sin(t2) * (w2 * w2 + 2 * w1 * w2);
  const h2 = 0.5 * Math.sin(t2) * w1 * w1;
  const g1 = (0.5 + 1) * 9.8 * Math.sin(t1) + 0.5 * 9.8 * Math.sin(t1 + t2);
  const g2 = 0.5 * 9.8 * Math.sin(t1 + t2);
  const r1 = -h1 - g1;
  const r2 = torque - h2 - g2;
  const det = m11 * m22 - m12 * m12;
  return [w1, w2, (r1 * m22 - m12 * r2) / det, (m11 * r2 - m12 * r1) / det];
}

function rk4(state: number[], torque: number, dt: number): number[] {
  const add = (a: number[], b: number[], h: number) => a.map((v, i) => v + h * b[i]!);
  const k1 = derivative(state, torque);
  const k2 = derivative(add(state, k1, dt / 2), torque);
  const k3 = derivative(add(state, k2, dt / 2), torque);
  const k4 = derivative(add(state, k3, dt), torque);
  return state.map((v, i) => v + (dt / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
}

function energy(state: ArrayLike<number>): number {
  const [t1, t2, w1, w2] = Array.from(state);
  const [m11, m12, m22] = inertia(t2);
  const kinetic = 0.5 * m11 * w1 * w1 + m12 * w1 * w2 + 0.5 * m22 * w2 * w2;
  const potential = -(0.5 + 1) * 9.8 * Math.cos(t1) - 0.5 * 9.8 * Math.cos(t1 + t2);
  return kinetic + potential;
}

test('one RK4 step over 0.2 s agrees with an independent Lagrangian RK4 to 1e-12', () => {
  const env = new Acrobot();
  const states = [
    [0.1, -0.2, 0.3, -0.4],
    [1.5, 2.0, -2.0, 3.0],
    [-2.5, 0.7, 1.0, -5.0],
  ];
  for (const state of states) {
    for (const action of [0, 1, 2]) {
      env.setState(state);
      env.stepInPlace(action);
      const expected = rk4(state, action - 1, 0.2);
      assertClose(env.getState(), expected, 1e-12, `state from ${state} action ${action}`);
    }
  }
});

test('angles wrap into [−π, π] and velocities are bounded by 4π and 9π', () => {
  const env = new Acrobot();
  const state = [3.1, -3.1, 3.0, -3.0];
  env.setState(state);
  env.stepInPlace(1);
  const free = rk4(state, 0, 0.2);
  assert.ok(free[0]! > Math.PI && free[1]! < -Math.PI, 'the free step leaves [−π, π]');
  assertClose(env.getState().subarray(0, 2), [free[0]! - 2 * Math.PI, free[1]! + 2 * Math.PI], 1e-12, 'wrapped angles');
  env.setState([0, 0, 20, -40]);
  env.stepInPlace(1);
  assert.is(env.state[2], 4 * Math.PI);
  assert.is(env.state[3], -9 * Math.PI);
});

test('the observation is [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2] in float32', () => {
  const env = new Acrobot();
  env.setState([0.5, -1, 2, -3]);
  assertClose(env.observation, [Math.cos(0.5), Math.sin(0.5), Math.cos(-1), Math.sin(-1), 2, -3].map(Math.fround), 0, 'observation');
});

test('the reference model conserves energy without torque: drift < 1e-6 J over 20 s at dt = 0.01 (RK4, O(dt⁴))', () => {
  let state = [1, 0, 0, 0];
  const start = energy(state);
  let drift = 0;
  for (let t = 0; t < 2000; t++) {
    state = rk4(state, 0, 0.01);
    drift = Math.max(drift, Math.abs(energy(state) - start));
  }
  assert.ok(drift < 1e-6, `energy drift ${drift}`);
});

test('without torque the env conserves energy up to RK4 error at dt = 0.2: drift < 0.5 J over 100 steps', () => {
  // Measured 0.18 J against ≈ 8.7 J of kinetic energy in the swing; at dt = 0.1 the same
  // integrator drifts 0.0064 J (global error O(dt⁴)). The NIPS equations, which lack the
  // θ̇1² sin θ2 term, drift by 5.3 J here, so the bound tells the book dynamics apart.
  const env = new Acrobot();
  env.setState([1, 0, 0, 0]);
  const start = energy(env.state);
  let drift = 0;
  let maxKinetic = 0;
  for (let t = 0; t < 100; t++) {
    env.stepInPlace(1);
    drift = Math.max(drift, Math.abs(energy(env.state) - start));
    maxKinetic = Math.max(maxKinetic, energy(env.state) - energy([env.state[0]!, env.state[1]!, 0, 0]));
  }
  assert.ok(maxKinetic > 5, `the links swing (kinetic energy up to ${maxKinetic} J)`);
  assert.ok(drift < 0.5, `energy drift ${drift} J`);
});

test('torque does work: energy rises under +1 torque while θ̇2 > 0 (dE/dt = τ·θ̇2)', () => {
  const env = new Acrobot();
  env.setState([0, 0, 0, 1]);
  const before = energy(env.state);
  env.stepInPlace(2);
  assert.ok(energy(env.state) > before + 0.05, `energy ${before} → ${energy(env.state)}`);
});

test('hanging at rest is an equilibrium (within 1e-12: cos(−π/2) is 6e-17 in floating point)', () => {
  const env = new Acrobot();
  env.setState([0, 0, 0, 0]);
  for (let t = 0; t < 10; t++) env.stepInPlace(1);
  assertClose(env.getState(), [0, 0, 0, 0], 1e-12, 'state');
  assert.is(env.reward, -1);
});

test('reaching −cos θ1 − cos(θ1 + θ2) > 1 terminates with reward 0', () => {
  const env = new Acrobot();
  env.setState([Math.PI - 0.01, 0, 0, 0]);
  env.stepInPlace(1);
  assert.is(env.terminated, true);
  assert.is(env.reward, 0);
});

test('reset draws from U(−0.1, 0.1) rounded to float32, as Gymnasium casts it', () => {
  const env = new Acrobot();
  for (let seed = 0; seed < 20; seed++) {
    env.reset({ seed });
    assert.ok(env.getState().every((v) => v >= -0.1 && v <= 0.1 && Math.fround(v) === v));
  }
});

test('bad actions throw errors naming the env and Discrete(3)', () => {
  const env = new Acrobot();
  env.reset({ seed: 0 });
  for (const action of [3, -1, 1.5, Number.NaN]) assert.throws(() => env.step(action), /Acrobot-v1: invalid action for action space Discrete\(3\)/);
});

test.run();
