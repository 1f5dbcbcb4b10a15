// InvertedDoublePendulum-v5 against Gymnasium's inverted_double_pendulum_v5.py. References: that
// file's step, _get_rew, _get_obs and reset_model, read line by line; numpy's generator (Debian's
// python3-numpy) for the reset state of a seed; the model's numbers from Gymnasium's
// inverted_double_pendulum.xml; the tip's height from MuJoCo's own site_xpos. Tolerances: none
// (Object.is) for dt, the reset state, the reward terms and the termination boundary; the
// observation's sines and cosines against the host's Math.sin/cos rounded to float32, equal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../../src/envs/registry.js';
import { InvertedDoublePendulum } from '../../../src/envs/mujoco/inverted-double-pendulum.js';
import { assertPassesCheckEnv, assertResetLikeNumpy, assertSameArray, assertSeededDeterminism, assertSnapshotExact, randomActions } from '../../helpers/mujoco-env-checks.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('InvertedDoublePendulum-v5');

const clip10 = (x: number) => Math.min(Math.max(x, -10), 10);

test('dt = timestep × frame_skip = 0.01 × 5; spaces as Gymnasium builds them', () => {
  const env = new InvertedDoublePendulum();
  assert.is(env.model.opt.timestep, 0.01);
  assert.is(env.dt, 0.01 * 5);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (1,), float32)');
  assert.is(env.observationSpace.size, 9);
});

test('observation is [x, sin θ, cos θ, clip(qvel, ±10), clip(qfrc_constraint[0], ±10)]', () => {
  const env = new InvertedDoublePendulum();
  for (const x of [0.3, 1.5]) {
    env.setState([x, 0.4, -0.5], [1, 20, -30]);
    const constraint = env.data.qfrc_constraint[0]!;
    const expected = [x, Math.sin(0.4), Math.sin(-0.5), Math.cos(0.4), Math.cos(-0.5), 1, 10, -10, clip10(constraint)].map(Math.fround);
    assertSameArray(env.observation, expected, `observation at x = ${x}`);
    if (x === 1.5) assert.ok(constraint !== 0, 'beyond the slider range the constraint force acts');
  }
});

test('healthy exactly while the tip is above height 1 (terminates at y ≤ 1), found between adjacent doubles', () => {
  const env = new InvertedDoublePendulum();
  const tipZ = (theta2: number) => {
    env.setState([0, 0, theta2], [0, 0, 0]);
    return env.data.site_xpos[2]!;
  };
  let above = 0;
  let below = Math.PI / 2;
  for (let mid = (above + below) / 2; mid !== above && mid !== below; mid = (above + below) / 2) {
    if (tipZ(mid) > 1) above = mid;
    else below = mid;
  }
  assert.ok(tipZ(above) > 1 && tipZ(below) <= 1);
  tipZ(above);
  assert.is(env.isHealthy(), true);
  tipZ(below);
  assert.is(env.isHealthy(), false);
});

test('reward = healthyReward·[alive] − (0.01x² + (y − 2)²) − (10⁻³ω1² + 5·10⁻³ω2²), the sum of its info terms', () => {
  const env = new InvertedDoublePendulum({ healthyReward: 7 });
  env.reset({ seed: 2 });
  let ended = false;
  for (const action of randomActions(env, 300, 9)) {
    const [, reward, terminated, , info] = env.step(action);
    const x = env.data.site_xpos[0]!;
    const y = env.data.site_xpos[2]!;
    const [, w1, w2] = env.getQvel();
    assert.is(terminated, y <= 1);
    assert.equal(info, { reward_survive: terminated ? 0 : 7, distance_penalty: -(0.01 * (x * x) + (y - 2) * (y - 2)), velocity_penalty: -(1e-3 * (w1! * w1!) + 5e-3 * (w2! * w2!)) });
    assert.is(reward, (info.reward_survive as number) + (info.distance_penalty as number) + (info.velocity_penalty as number));
    if (terminated) {
      ended = true;
      break;
    }
  }
  assert.ok(ended, 'random actions should topple the poles');
});

if (numpyInstalled('InvertedDoublePendulum-v5 reset against numpy')) {
  test("reset({ seed }): init_qpos + uniform(−0.1, 0.1, 3), init_qvel + 0.1 · standard_normal(3) of numpy's default_rng(seed)", () => {
    assertResetLikeNumpy(new InvertedDoublePendulum(), [0, 1, 42, 1234567], [{ uniform: [-0.1, 0.1, 3] }, { standardNormal: 3 }], 0.1);
  });
}

test('reset qpos noise within ±resetNoiseScale; seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  const env = new InvertedDoublePendulum({ resetNoiseScale: 0.05 });
  for (let seed = 0; seed < 30; seed++) {
    env.reset({ seed });
    for (const q of env.getQpos()) assert.ok(Math.abs(q) <= 0.05);
  }
  assertSeededDeterminism(() => new InvertedDoublePendulum());
  assertSnapshotExact(() => new InvertedDoublePendulum(), 5);
  assertPassesCheckEnv(new InvertedDoublePendulum());
  assert.throws(() => new InvertedDoublePendulum({ healthyReward: Number.NaN }), /healthyReward/);
  assert.throws(() => new InvertedDoublePendulum({ ctrlCostWeight: 1 } as never), /ctrlCostWeight/);
});

test.run();
