// The presets of the MuJoCo tasks resolve for every algorithm, and carry their sources' values,
// compared exactly (they are copied numbers, not computed ones). References, read at the
// repository and path named: PPO — CleanRL's cleanrl/ppo_continuous_action.py `Args` and
// `make_env` (the whole configuration, written out here from that file); TRPO and NPG —
// rl-baselines3-zoo's hyperparams/trpo.yml, one value from each of its entries that applies
// (`&mujoco-defaults`, HalfCheetah's `target_kl`, Swimmer's `gamma`), sb3-contrib's TRPO defaults
// for what zoo does not set.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareEnv } from '../../src/envs/registry.js';
import { ALGORITHMS, PRESETS, resolveTrainingSettings } from '../../src/train/settings.js';

const MUJOCO = ['InvertedPendulum-v5', 'InvertedDoublePendulum-v5', 'Hopper-v5', 'HalfCheetah-v5', 'Walker2d-v5', 'Swimmer-v5', 'Reacher-v5', 'Ant-v5', 'Humanoid-v5'];
for (const id of MUJOCO) await prepareEnv(id);

test('every algorithm\'s settings resolve on every MuJoCo task, with its preset', () => {
  for (const env of MUJOCO) {
    for (const algo of ALGORITHMS) assert.not.throws(() => resolveTrainingSettings(algo, env), `${algo} on ${env}`);
    assert.ok(PRESETS[env]?.trpo !== undefined && PRESETS[env]?.npg !== undefined, `${env} has TRPO and NPG presets`);
  }
});

test('PPO on Hopper-v5 is CleanRL\'s ppo_continuous_action.py, setting for setting', () => {
  const s = resolveTrainingSettings('ppo', 'Hopper-v5').settings;
  // Args: num_envs 1, num_steps 2048, learning_rate 3e-4, anneal_lr, gamma 0.99, gae_lambda 0.95,
  // num_minibatches 32, update_epochs 10, norm_adv, clip_coef 0.2, clip_vloss, ent_coef 0,
  // vf_coef 0.5, max_grad_norm 0.5, target_kl None; Adam eps 1e-5.
  assert.equal(
    [s.numEnvs, s.stepsPerEnv, s.learningRate, s.annealLearningRate, s.gamma, s.gaeLambda, s.minibatches, s.epochs, s.normalizeAdvantages, s.clipCoef, s.clipValueLoss, s.entropyCoef, s.valueCoef, s.maxGradNorm, s.targetKL, s.adamEpsilon],
    [1, 2048, 3e-4, true, 0.99, 0.95, 32, 10, true, 0.2, true, 0, 0.5, 0.5, 0, 1e-5],
  );
  // Agent: two 64-unit tanh layers; make_env: NormalizeObservation and NormalizeReward(gamma).
  assert.equal([s.hiddenSizes, s.activation, s.normalizeObservations, s.normalizeRewards], [[64, 64], 'tanh', true, true]);
});

test('TRPO and NPG on the MuJoCo tasks are rl-baselines3-zoo\'s trpo.yml', () => {
  // &mujoco-defaults (&pybullet-defaults): normalize, n_envs 2, n_steps 1024, batch_size 128,
  // gamma 0.99, gae_lambda 0.95, cg_max_steps 25, cg_damping 0.1, n_critic_updates 20,
  // learning_rate 1e-3; target_kl unset, sb3-contrib's 0.01.
  for (const algo of ['trpo', 'npg'] as const) {
    for (const env of MUJOCO.filter((id) => id !== 'HalfCheetah-v5' && id !== 'Swimmer-v5')) {
      const s = resolveTrainingSettings(algo, env).settings;
      assert.equal(
        [s.normalizeObservations, s.normalizeRewards, s.numEnvs, s.stepsPerEnv, s.criticMinibatchSize, s.gamma, s.gaeLambda, s.cgIterations, s.cgDamping, s.criticEpochs, s.criticLearningRate, s.maxKL],
        [true, true, 2, 1024, 128, 0.99, 0.95, 25, 0.1, 20, 1e-3, 0.01],
        `${algo} on ${env}`,
      );
    }
    assert.is(resolveTrainingSettings(algo, 'HalfCheetah-v5').settings.maxKL, 0.04, `${algo}: HalfCheetah's target_kl`);
    assert.is(resolveTrainingSettings(algo, 'Swimmer-v5').settings.gamma, 0.9999, `${algo}: Swimmer's gamma`);
  }
  // Zoo sets no line search: sb3-contrib's line_search_shrinking_factor 0.8, line_search_max_iter 10.
  const trpo = resolveTrainingSettings('trpo', 'Hopper-v5').settings;
  assert.equal([trpo.lineSearchShrink, trpo.lineSearchSteps], [0.8, 10]);
});

test.run();
