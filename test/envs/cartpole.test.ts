import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CartPole } from '../../src/envs/cartpole.js';
import { assertClose } from '../helpers/close.js';

/** One explicit-Euler step written from Florian (2007), eqs. 21–22 (frictionless), independently of the env's arrangement. */
function referenceStep([x, xDot, theta, thetaDot]: number[], action: number): number[] {
  const g = 9.8;
  const mc = 1.0;
  const mp = 0.1;
  const l = 0.5;
  const F = action === 1 ? 10 : -10;
  const s = Math.sin(theta);
  const c = Math.cos(theta);
  const thetaAcc = (g * s + c * ((-F - mp * l * thetaDot ** 2 * s) / (mc + mp))) / (l * (4 / 3 - (mp * c ** 2) / (mc + mp)));
  const xAcc = (F + mp * l * (thetaDot ** 2 * s - thetaAcc * c)) / (mc + mp);
  return [x + 0.02 * xDot, xDot + 0.02 * xAcc, theta + 0.02 * thetaDot, thetaDot + 0.02 * thetaAcc];
}

test('from rest, pushing right gives the hand-derived accelerations ẍ = 4400/451, θ̈ = −600/41 (tolerance 1e-12)', () => {
  // temp = F/(mc+mp) = 100/11; θ̈ = −temp / (l(4/3 − mp/(mc+mp))) = −600/41; ẍ = temp − mp·l·θ̈/(mc+mp) = 4400/451.
  const env = new CartPole();
  env.setState([0, 0, 0, 0]);
  env.stepInPlace(1);
  assertClose(env.getState(), [0, (0.02 * 4400) / 451, 0, (0.02 * -600) / 41], 1e-12, 'state');
  assert.is(env.reward, 1);
  assert.is(env.terminated, false);
});

test('steps from set states agree with an independent Euler step to 1e-12', () => {
  const states = [
    [0.1, -0.3, 0.05, 0.7],
    [-1.9, 1.2, -0.15, -1.1],
    [2.0, 0.5, 0.2, 2.5],
  ];
  for (const state of states) {
    for (const action of [0, 1]) {
      const env = new CartPole();
      env.setState(state);
      env.stepInPlace(action);
      assertClose(env.getState(), referenceStep(state, action), 1e-12, `state from ${state} action ${action}`);
      assertClose(env.observation, env.getState().map(Math.fround), 0, 'observation = float32(state)');
    }
  }
});

test('explicit Euler: x and θ advance by τ times the old velocities (exactly)', () => {
  const env = new CartPole();
  env.setState([0.3, 0.8, -0.1, 1.5]);
  env.stepInPlace(0);
  assert.is(env.state[0], 0.3 + 0.02 * 0.8);
  assert.is(env.state[2], -0.1 + 0.02 * 1.5);
});

test('mirror symmetry: the mirrored state under the mirrored action gives the mirrored next state (exactly)', () => {
  const env = new CartPole();
  const state = [0.4, -0.2, 0.07, -0.6];
  env.setState(state);
  env.stepInPlace(1);
  const next = env.getState();
  env.setState(state.map((v) => -v));
  env.stepInPlace(0);
  assert.equal(Array.from(env.getState()), Array.from(next, (v) => -v));
});

test('terminates past |x| = 2.4 or |θ| = 12°, with reward 1 on that step and 0 plus one warning after', () => {
  const env = new CartPole();
  const thetaThreshold = (12 * 2 * Math.PI) / 360;
  env.setState([0, 0, thetaThreshold - 1e-9, 1]); // θ + τ·θ̇ passes the threshold
  env.stepInPlace(1);
  assert.is(env.terminated, true);
  assert.is(env.reward, 1);
  env.setState([2.39, 1, 0, 0]);
  const warnings: unknown[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    env.stepInPlace(0);
    assert.is(env.terminated, true);
    assert.is(env.reward, 0);
    env.stepInPlace(0);
    assert.is(env.reward, 0);
  } finally {
    console.warn = original;
  }
  assert.is(warnings.length, 1, 'one warning for stepping after termination');
});

test('suttonBartoReward: 0 per step, −1 on termination', () => {
  const env = new CartPole({ suttonBartoReward: true });
  env.setState([0, 0, 0, 0]);
  env.stepInPlace(1);
  assert.is(env.reward, 0);
  env.setState([2.4, 1, 0, 0]);
  env.stepInPlace(1);
  assert.is(env.terminated, true);
  assert.is(env.reward, -1);
});

test('reset draws each state element from U(−0.05, 0.05), or from options { low, high }', () => {
  const env = new CartPole();
  for (let seed = 0; seed < 50; seed++) {
    const [observation, info] = env.reset({ seed });
    assert.equal(info, {});
    assert.ok(env.getState().every((v) => v >= -0.05 && v < 0.05));
    assertClose(observation, env.getState().map(Math.fround), 0, 'observation');
  }
  env.reset({ seed: 1, options: { low: 0.2, high: 0.3 } });
  assert.ok(env.getState().every((v) => v >= 0.2 && v < 0.3));
  assert.throws(() => env.reset({ options: { low: 1, high: 0 } }), /options.low \(1\) must not exceed options.high \(0\)/);
  assert.throws(() => env.reset({ options: { lo: 1 } }), /unknown option 'lo'/);
});

test('bad actions throw errors naming the env and Discrete(2)', () => {
  const env = new CartPole();
  env.reset({ seed: 0 });
  for (const action of [2, -1, 2.5, Number.NaN, '1', [1], undefined]) {
    assert.throws(() => env.stepInPlace(action as number), /CartPole-v1: invalid action for action space Discrete\(2\)/);
  }
  assert.throws(() => env.step(2.5), /expected an integer in \[0, 1\], got 2.5/);
  assert.throws(() => new CartPole().step(0), /CartPole-v1: call reset\(\) before step\(\)/);
});

test.run();
