import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MountainCar } from '../../src/envs/mountain-car.js';
import { MountainCarContinuous } from '../../src/envs/mountain-car-continuous.js';
import { assertClose } from '../helpers/close.js';

test('MountainCar: v′ = v + (a − 1)·0.001 − 0.0025 cos 3x, x′ = x + v′ from set states (tolerance 1e-15)', () => {
  const env = new MountainCar();
  for (const [x, v, a] of [[-0.5, 0, 2], [-0.9, -0.02, 0], [0.2, 0.03, 1]] as const) {
    env.setState([x, v]);
    env.stepInPlace(a);
    const v1 = v + ((a - 1) * 0.001 - 0.0025 * Math.cos(3 * x));
    assertClose(env.getState(), [x + v1, v1], 1e-15, `state from ${[x, v, a]}`);
    assert.is(env.reward, -1);
    assert.is(env.terminated, false);
  }
});

test('MountainCar: velocity clipped to ±0.07, position to [−1.2, 0.6], velocity zeroed at the left wall', () => {
  const env = new MountainCar();
  env.setState([-0.5, 0.0699]); // 0.0699 + 0.001 − 0.0025 cos(−1.5) ≈ 0.07072
  env.stepInPlace(2);
  assert.is(env.state[1], 0.07);
  env.setState([-1.19, -0.05]);
  env.stepInPlace(0);
  assert.equal(Array.from(env.state), [-1.2, 0]);
});

test('MountainCar: reaching x ≥ 0.5 with v ≥ goalVelocity terminates (reward still −1)', () => {
  const env = new MountainCar();
  env.setState([0.49, 0.02]);
  env.stepInPlace(2);
  assert.is(env.terminated, true);
  assert.is(env.reward, -1);
  const picky = new MountainCar({ goalVelocity: 0.05 });
  picky.setState([0.49, 0.02]);
  picky.stepInPlace(2);
  assert.is(picky.terminated, false);
});

test('MountainCar: reset puts x in U(−0.6, −0.4) with v = 0', () => {
  const env = new MountainCar();
  for (let seed = 0; seed < 20; seed++) {
    const [observation] = env.reset({ seed });
    assert.ok(env.state[0]! >= -0.6 && env.state[0]! < -0.4 && env.state[1] === 0);
    assert.is(observation[0], Math.fround(env.state[0]!));
  }
});

test('MountainCarContinuous: v′ = v + 0.0015·a − 0.0025 cos 3x, state stored as float32, reward −0.1a² (tolerance 1e-15)', () => {
  const env = new MountainCarContinuous();
  for (const [x, v, a] of [[-0.5, 0, 1], [-0.9, -0.02, -0.5], [0.2, 0.03, 0.25]] as const) {
    env.setState([x, v]);
    env.stepInPlace(new Float32Array([a]));
    const v1 = v + (a * 0.0015 - 0.0025 * Math.cos(3 * x));
    assert.equal(Array.from(env.state), [Math.fround(x + v1), Math.fround(v1)]);
    assertClose([env.reward], [-0.1 * a * a], 1e-15, 'reward');
  }
});

test('MountainCarContinuous: +100 on reaching x ≥ 0.45, walls and clips as in the discrete car', () => {
  const env = new MountainCarContinuous();
  env.setState([0.44, 0.02]);
  env.stepInPlace([0.5]);
  assert.is(env.terminated, true);
  assertClose([env.reward], [100 - 0.025], 1e-12, 'reward');
  env.setState([-1.19, -0.05]);
  env.stepInPlace([-1]);
  assert.equal(Array.from(env.state), [Math.fround(-1.2), 0]);
  env.setState([-0.5, 0.0699]); // 0.0699 + 0.0015 − 0.0025 cos(−1.5) ≈ 0.07122
  env.stepInPlace([1]);
  assert.is(env.state[1], Math.fround(0.07));
});

test("MountainCarContinuous: a force outside the Box is clipped to ±1 as in Gymnasium, and the reward charges the raw action (tolerance 1e-15)", () => {
  const env = new MountainCarContinuous();
  env.setState([-0.5, 0.01]);
  env.stepInPlace([2.5]);
  // Gymnasium's step by hand: force = min(max(2.5, −1), 1) = 1, v′ = 0.01 + 0.0015 − 0.0025 cos(−1.5)
  // = 0.011323156995830742, x′ = −0.48867684300416925 (both stored as float32);
  // reward = −math.pow(2.5, 2)·0.1 = −0.625.
  assertClose(env.state, [Math.fround(-0.48867684300416925), Math.fround(0.011323156995830742)], 1e-15, 'state');
  assertClose([env.reward], [-0.625], 1e-15, 'reward');
  const atBound = new MountainCarContinuous();
  atBound.setState([-0.5, 0.01]);
  atBound.stepInPlace([1]);
  assert.equal(Array.from(env.state), Array.from(atBound.state), 'the same motion as with force 1');
  env.stepInPlace([-7]);
  assertClose([env.reward], [-4.9], 1e-15, 'reward −0.1·49');
  assert.throws(() => env.stepInPlace([1e200]), /MountainCarContinuous-v0: invalid action for action space Box\(-1, 1, \(1,\), float32\): 1e\+200 is so large that the reward −0.1·a² overflows/);
});

test('MountainCarContinuous: bad actions throw errors naming the env and Box(-1, 1, (1,), float32); out of range only with strictActions', () => {
  const env = new MountainCarContinuous();
  const strict = new MountainCarContinuous({ strictActions: true });
  for (const e of [env, strict]) {
    e.reset({ seed: 0 });
    for (const bad of [[Number.NaN], [-Infinity], [], 0.5]) {
      assert.throws(() => e.step(bad as number[]), /^MountainCarContinuous-v0: invalid action for action space Box\(-1, 1, \(1,\), float32\)/);
    }
  }
  env.step([1.5]);
  assert.throws(() => strict.step([1.5]), /element 0 must lie in \[-1, 1\], got 1.5 \(strictActions is on/);
  assert.throws(() => new MountainCarContinuous({ strictActions: 'no' } as never), /MountainCarContinuous-v0 options.strictActions must be a boolean, got 'no'/);
  assert.throws(() => new MountainCar({ strictActions: true } as never), /MountainCar-v0 options: unknown option 'strictActions'/);
});

test.run();
