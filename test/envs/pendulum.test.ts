import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Pendulum, angleNormalize } from '../../src/envs/pendulum.js';
import { make } from '../../src/envs/registry.js';
import { assertClose } from '../helpers/close.js';

const action = (u: number) => new Float32Array([u]);

test('from upright at rest with u = 2: θ̇ = 3u·dt = 0.3, θ = 0.3·dt = 0.015, reward −0.001·u² = −0.004 (tolerance 1e-15)', () => {
  const env = new Pendulum();
  env.setState([0, 0]);
  env.stepInPlace(action(2));
  assertClose(env.getState(), [0.015, 0.3], 1e-15, 'state');
  assertClose([env.reward], [-0.004], 1e-15, 'reward');
});

test('semi-implicit Euler from set states agrees with θ̇′ = clip(θ̇ + (15 sin θ + 3u)·0.05, ±8), θ′ = θ + θ̇′·0.05 to 1e-12', () => {
  const env = new Pendulum();
  for (const [theta, thetaDot, u] of [[1, -2, 0.5], [-2.5, 7.5, -1.25], [3, 0.1, 2], [1.5, 7.9, 2]] as const) {
    env.setState([theta, thetaDot]);
    env.stepInPlace(action(u));
    const newThetaDot = Math.min(8, Math.max(-8, thetaDot + (15 * Math.sin(theta) + 3 * Math.fround(u)) * 0.05));
    assertClose(env.getState(), [theta + newThetaDot * 0.05, newThetaDot], 1e-12, `state from ${[theta, thetaDot, u]}`);
    const thetaHat = ((((theta + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - Math.PI;
    assertClose([env.reward], [-(thetaHat ** 2 + 0.1 * thetaDot ** 2 + 0.001 * Math.fround(u) ** 2)], 1e-12, 'reward');
    assertClose(env.observation, [Math.cos(env.state[0]!), Math.sin(env.state[0]!), env.state[1]!].map(Math.fround), 0, 'observation');
  }
});

test('the speed is clipped to 8: θ̇ = 7.9 at θ = π/2 with u = 2 would reach 8.95', () => {
  const env = new Pendulum();
  env.setState([Math.PI / 2, 7.9]);
  env.stepInPlace(action(2));
  assert.is(env.state[1], 8);
  assert.is(env.state[0], Math.PI / 2 + 8 * 0.05);
});

test("the reward normalises the angle with Python's floored modulo: θ and θ ± 2π cost the same; ±π map to −π", () => {
  assertClose([angleNormalize(0.1 + 2 * Math.PI), angleNormalize(0.1 - 4 * Math.PI)], [0.1, 0.1], 1e-14, 'wrapped 0.1');
  assert.is(angleNormalize(Math.PI), -Math.PI);
  assert.is(angleNormalize(-Math.PI), -Math.PI);
  assertClose([angleNormalize(-3.5)], [-3.5 + 2 * Math.PI], 1e-15, 'θ = −3.5');
});

test('without torque the symplectic integrator keeps E = ½θ̇² + 15 cos θ within 1 J over 4000 steps (explicit Euler: ≈ 900 J)', () => {
  // Swing from 1 rad off hanging (E0 ≈ −8.1 J, swing ≈ 6.9 J); semi-implicit Euler conserves a
  // modified energy, so the error oscillates at O(dt) without drifting.
  const env = new Pendulum();
  env.setState([Math.PI - 1, 0]);
  const energy = () => 0.5 * env.state[1]! ** 2 + 15 * Math.cos(env.state[0]!);
  const start = energy();
  let early = 0;
  let late = 0;
  for (let t = 0; t < 4000; t++) {
    env.stepInPlace(action(0));
    const error = Math.abs(energy() - start);
    if (t < 2000) early = Math.max(early, error);
    else late = Math.max(late, error);
  }
  assert.ok(early < 1 && late < 1, `energy error ${early}, ${late}`);
  assert.ok(late < early * 1.01, `no drift: first half ${early}, second half ${late}`);
});

test('never terminates; truncated at 200 steps; g is an option', () => {
  const env = make('Pendulum-v1', { g: 9.81 }) as Pendulum;
  assert.is(env.g, 9.81);
  env.reset({ seed: 3 });
  for (let t = 1; t <= 200; t++) {
    const [, , terminated, truncated] = env.step(action(0));
    assert.is(terminated, false);
    assert.is(truncated, t === 200, `step ${t}`);
  }
});

test('reset draws θ ~ U(−π, π), θ̇ ~ U(−1, 1), or within options { xInit, yInit }', () => {
  const env = new Pendulum();
  for (let seed = 0; seed < 30; seed++) {
    env.reset({ seed });
    assert.ok(Math.abs(env.state[0]!) <= Math.PI && Math.abs(env.state[1]!) <= 1);
  }
  env.reset({ seed: 1, options: { xInit: 0.1, yInit: 0.2 } });
  assert.ok(Math.abs(env.state[0]!) <= 0.1 && Math.abs(env.state[1]!) <= 0.2);
  assert.throws(() => env.reset({ options: { x_init: 1 } }), /unknown option 'x_init'/);
});

test("a torque outside the Box is clipped to ±2 as Gymnasium's np.clip(u, −2, 2), and the cost uses the clipped u (tolerance 1e-12)", () => {
  const env = new Pendulum();
  env.setState([0.5, -1]);
  env.stepInPlace(action(3.7));
  // Gymnasium's step by hand: u = 2, cost = 0.5² + 0.1·(−1)² + 0.001·2² = 0.354,
  // θ̇′ = −1 + (15 sin 0.5 + 3·2)·0.05 = −0.3404308460468477, θ′ = 0.5 + θ̇′·0.05 = 0.4829784576976576.
  assertClose(env.getState(), [0.4829784576976576, -0.3404308460468477], 1e-12, 'state');
  assertClose([env.reward], [-0.354], 1e-12, 'reward');
  for (const [outside, bound] of [[3.7, 2], [-50, -2], [1e300, 2]] as const) {
    const [clipped, atBound] = [outside, bound].map((u) => {
      const twin = make('Pendulum-v1');
      twin.reset({ seed: 5 });
      return twin.step([u]);
    });
    assert.equal(clipped, atBound, `u = ${outside} steps as u = ${bound}`);
  }
});

test('bad actions throw errors naming the env and Box(-2, 2, (1,), float32); out of range only with strictActions', () => {
  const env = new Pendulum();
  env.reset({ seed: 0 });
  const cases: [unknown, RegExp][] = [
    [action(Number.NaN), /element 0 must be a finite number, got NaN/],
    [[Infinity], /element 0 must be a finite number, got Infinity/],
    [new Float32Array(2), /expected length 1, got length 2/],
    [1, /expected an array or typed array of 1 number, got 1/],
    [['1'], /element 0 must be a number/],
  ];
  const strict = make('Pendulum-v1', { strictActions: true });
  strict.reset({ seed: 0 });
  for (const [bad, reason] of cases) {
    for (const e of [env, strict]) assert.throws(() => e.step(bad as Float32Array), (error: Error) => /^Pendulum-v1: invalid action for action space Box\(-2, 2, \(1,\), float32\)/.test(error.message) && reason.test(error.message));
  }
  env.step([2.5]);
  assert.throws(() => strict.step([2.5]), /^Pendulum-v1: invalid action for action space Box\(-2, 2, \(1,\), float32\): element 0 must lie in \[-2, 2\], got 2.5 \(strictActions is on; without it the env clips the action, as Gymnasium's does\)$/);
  strict.step([2]);
  strict.step(new Float64Array([-2]));
  assert.throws(() => make('Pendulum-v1', { strictActions: 1 }), /Pendulum-v1 options.strictActions must be a boolean, got 1/);
});

test.run();
