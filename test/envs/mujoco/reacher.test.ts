// Reacher-v5 against Gymnasium's reacher_v5.py. References: that file's step, _get_rew, _get_obs
// and reset_model (with its rejection loop for the target), read line by line and replayed with
// numpy's generator (Debian's python3-numpy) for the reset state of a seed; the model's numbers
// from Gymnasium's reacher.xml; body positions from MuJoCo's xpos. Tolerances: none (Object.is) —
// dt, the reset state, the observation layout (sines and cosines against the host's, rounded to
// float32), the reward terms (the norm as sqrt of the sum of squares).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { prepareEnv } from '../../../src/envs/registry.js';
import { Reacher } from '../../../src/envs/mujoco/reacher.js';
import { assertPassesCheckEnv, assertSameArray, assertSeededDeterminism, assertSnapshotExact, randomActions } from '../../helpers/mujoco-env-checks.js';
import { PYTHON } from '../../helpers/debian-python.js';
import { numpyInstalled } from '../../helpers/numpy-reference.js';

await prepareEnv('Reacher-v5');

const tipMinusTarget = (env: Reacher) => [0, 1, 2].map((k) => env.data.xpos[9 + k]! - env.data.xpos[12 + k]!);

test('dt = 0.01 × 2; spaces; init_qpos = (0, 0, 0.1, −0.1), the target joints\' refs; truncated at 50', () => {
  const env = new Reacher();
  assert.is(env.dt, 0.01 * 2);
  assert.is(String(env.actionSpace), 'Box(-1, 1, (2,), float32)');
  assertSameArray(env.initQpos, [0, 0, 0.1, -0.1], 'init_qpos');
  env.reset({ seed: 0 });
  const flags = randomActions(env, 50, 1).map((a) => env.step(a)[3]);
  assert.equal(flags.indexOf(true), 49);
});

test('observation is [cos θ, sin θ, target, θ̇, (fingertip − target)[:2]]', () => {
  const env = new Reacher();
  env.setState([0.5, -1, 0.05, 0.1], [2, -3, 0, 0]);
  const [dx, dy] = tipMinusTarget(env);
  const expected = [Math.cos(0.5), Math.cos(-1), Math.sin(0.5), Math.sin(-1), 0.05, 0.1, 2, -3, dx!, dy!].map(Math.fround);
  assertSameArray(env.observation, expected, 'observation');
});

test('reward = −‖fingertip − target‖·w_dist − Σa²·w_ctrl after the step; never terminates', () => {
  const env = new Reacher({ rewardDistWeight: 2, rewardControlWeight: 0.1 });
  env.reset({ seed: 4 });
  for (const action of randomActions(env, 50, 3)) {
    const [, reward, terminated, , info] = env.step(action);
    const [dx, dy, dz] = tipMinusTarget(env);
    const dist = -Math.sqrt(dx! * dx! + dy! * dy! + dz! * dz!) * 2;
    const ctrl = -(action[0]! * action[0]! + action[1]! * action[1]!) * 0.1;
    assert.equal(info, { reward_dist: dist, reward_ctrl: ctrl });
    assert.is(reward, dist + ctrl);
    assert.is(terminated, false);
  }
});

// Gymnasium's reset_model, replayed with numpy: qpos noise, the target's rejection loop, qvel noise.
const RESET = `
import json, sys
import numpy as np
out = []
for seed in json.loads(sys.argv[1]):
    rng = np.random.default_rng(seed)
    qpos = rng.uniform(low=-0.1, high=0.1, size=4) + np.array([0, 0, 0.1, -0.1])
    while True:
        goal = rng.uniform(low=-0.2, high=0.2, size=2)
        if np.linalg.norm(goal) < 0.2: break
    qpos[-2:] = goal
    qvel = rng.uniform(low=-0.005, high=0.005, size=4)
    qvel[-2:] = 0
    out.append([[repr(float(v)) for v in qpos], [repr(float(v)) for v in qvel]])
print(json.dumps(out))
`;

if (numpyInstalled('Reacher-v5 reset against numpy')) {
  test("reset({ seed }) replays Gymnasium's reset_model with numpy's default_rng(seed), target loop included", () => {
    const seeds = [0, 1, 2, 3, 42, 99];
    const result = spawnSync(PYTHON, ['-c', RESET, JSON.stringify(seeds)], { encoding: 'utf8' });
    assert.is(result.status, 0, result.stderr);
    const expected = JSON.parse(result.stdout) as string[][][];
    const env = new Reacher();
    seeds.forEach((seed, k) => {
      env.reset({ seed });
      assertSameArray(env.getQpos(), expected[k]![0]!.map(Number), `seed ${seed}: qpos`);
      assertSameArray(env.getQvel(), expected[k]![1]!.map(Number), `seed ${seed}: qvel`);
    });
  });
}

test('the target lies inside the disc of radius 0.2; seeded runs repeat; snapshot/restore exact over 1,000 steps; checkEnv', () => {
  const env = new Reacher();
  for (let seed = 0; seed < 50; seed++) {
    env.reset({ seed });
    const [, , x, y] = env.getQpos();
    assert.ok(Math.sqrt(x! * x! + y! * y!) < 0.2);
  }
  assertSeededDeterminism(() => new Reacher());
  assertSnapshotExact(() => new Reacher(), 29);
  assertPassesCheckEnv(new Reacher());
});

test.run();
