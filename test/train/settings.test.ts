import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { make, register } from '../../src/envs/registry.js';
import { CONTINUOUS_PPO, presetFor, resolveSettingLayers, resolveTrainingSettings, SCHEMAS, ALGORITHMS } from '../../src/train/settings.js';
import { ConfigError } from '../../src/util/settings-schema.js';

test('defaults are CleanRL’s for PPO and sb3-contrib’s for TRPO', () => {
  const ppo = resolveTrainingSettings('ppo', 'CartPole-v1').settings;
  assert.equal(
    [ppo.numEnvs, ppo.stepsPerEnv, ppo.learningRate, ppo.gamma, ppo.gaeLambda, ppo.minibatches, ppo.epochs, ppo.clipCoef, ppo.entropyCoef, ppo.valueCoef, ppo.maxGradNorm, ppo.adamEpsilon],
    [4, 128, 2.5e-4, 0.99, 0.95, 4, 4, 0.2, 0.01, 0.5, 0.5, 1e-5],
  );
  const trpo = resolveTrainingSettings('trpo', 'CartPole-v1', {}, false).settings;
  assert.equal([trpo.cgIterations, trpo.cgDamping, trpo.maxKL, trpo.lineSearchShrink, trpo.lineSearchSteps, trpo.criticEpochs, trpo.criticLearningRate], [15, 0.1, 0.01, 0.8, 10, 10, 1e-3]);
});

test('every schema entry has a doc line and a default of its type', () => {
  for (const algo of ALGORITHMS) {
    for (const [key, spec] of Object.entries(SCHEMAS[algo])) {
      assert.ok(spec.doc.length > 10, `${algo}.${key} doc`);
      assert.not.throws(() => resolveTrainingSettings(algo, 'CartPole-v1', { [key]: spec.default }, false), `${algo}.${key} default`);
    }
  }
});

test('every problem is reported in one error: unknown keys (with a suggestion), types, ranges, cross-checks', () => {
  try {
    resolveSettingLayers('ppo', 'CartPole-v1', [{ source: 'settings', values: { learningRat: 1, clipCoef: 0, learningRate: -1, epochs: 2.5, minibatches: 4096, annealLearningRate: 'yes' } }]);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, ConfigError);
    const message = (error as Error).message;
    assert.match(message, /settings: unknown setting 'learningRat'; did you mean 'learningRate'\?/);
    assert.match(message, /settings: clipCoef must be > 0, got 0/);
    assert.match(message, /settings: learningRate must be > 0, got -1/);
    assert.match(message, /settings: epochs must be an integer, got 2.5/);
    assert.match(message, /settings: annealLearningRate must be true or false/);
    assert.match(message, /minibatches: 4096 minibatches of a 512-step batch/);
    assert.is((error as ConfigError).problems.length, 6);
    assert.match(message, /invalid configuration \(6 problems\)/);
  }
});

test('unknown algorithm and environment are both named', () => {
  assert.throws(() => resolveSettingLayers('a3c', 'Pong-v5', []), (e: Error) => /unknown algorithm 'a3c'/.test(e.message) && /unknown environment 'Pong-v5'/.test(e.message));
});

test('PPO\'s continuous-control defaults go by the action space, for a user\'s environment too', () => {
  register('Test-BoxActions-v0', () => make('Pendulum-v1'));
  register('Test-DiscreteActions-v0', () => make('CartPole-v1'));
  for (const algo of ['ppo', 'ppo-reuse'] as const) {
    assert.equal(presetFor(algo, 'Test-BoxActions-v0'), CONTINUOUS_PPO, algo);
    assert.equal(presetFor(algo, 'Test-DiscreteActions-v0'), {}, algo);
  }
  const ppo = resolveTrainingSettings('ppo', 'Test-BoxActions-v0').settings;
  assert.equal([ppo.numEnvs, ppo.stepsPerEnv, ppo.minibatches, ppo.epochs, ppo.entropyCoef, ppo.normalizeObservations], [1, 2048, 32, 10, 0, true]);
  assert.equal(presetFor('trpo', 'Test-BoxActions-v0'), {}, 'only PPO has continuous-control defaults');
});

test('a request of fewer steps than one batch is one batch, not an error', () => {
  assert.is(resolveTrainingSettings('ppo', 'CartPole-v1', { totalSteps: 1 }).settings.totalSteps, 1);
});

test.run();
