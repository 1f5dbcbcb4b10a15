// The checkpoint: tensors under PyTorch state_dict names with the network's shapes, a normalised
// run's running statistics as obs_rms.* and return_rms.* tensors, an exact round trip of the whole
// trainer state (of a checkpoint from before those tensors too), and rejection — a clean error,
// never a crash or hang — of files whose networks or statistics do not match their configuration
// and of a thousand seeded mutations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { Random } from '../../src/random/prng.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/train/checkpoint.js';
import { networksForConfig, runConfig } from '../../src/train/run-config.js';
import { resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';

const resolved = resolveTrainingSettings('ppo', 'Pendulum-v1', { numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8, 8], totalSteps: 640, minibatches: 2 }, false);
const trainer = await Trainer.create(resolved);
await trainer.step();
await trainer.step();
const state = await trainer.getState();
const config = runConfig(resolved);
const bytes = encodeCheckpoint(state, config, networksForConfig(config));

test('networks are stored under state_dict names, f32 with [out][in] shapes; the log-std as actor.log_std', () => {
  const { tensors } = decodeSafetensors(bytes);
  assert.equal(tensors.get('actor.0.weight')!.shape, [8, 3]);
  assert.equal(tensors.get('actor.4.weight')!.shape, [1, 8]);
  assert.equal(tensors.get('critic.4.bias')!.shape, [1]);
  assert.is(tensors.get('actor.2.weight')!.dtype, 'F32');
  assert.equal([tensors.get('actor.log_std')!.dtype, tensors.get('actor.log_std')!.shape], ['F64', [1]]);
});

test('the trainer state round-trips exactly', () => {
  const decoded = decodeCheckpoint(bytes, networksForConfig);
  assert.equal(decoded.state, JSON.parse(JSON.stringify(state)));
  assert.equal(decoded.config, config);
});

test('a run record given to encodeCheckpoint comes back as the metadata `run`; without one there is none and the bytes are as before', () => {
  const run = { wallSeconds: 12.5, firstSolved: { step: 128, seconds: 4 }, evalEpisodes: 5, evaluation: null };
  const withRun = encodeCheckpoint(state, config, networksForConfig(config), run);
  const decoded = decodeCheckpoint(withRun, networksForConfig);
  assert.equal(decoded.run, run);
  assert.equal(decoded.state, JSON.parse(JSON.stringify(state)));
  assert.is(decodeCheckpoint(bytes, networksForConfig).run, undefined);
  assert.ok(!('run' in decodeSafetensors(bytes).metadata), 'the trainer-only checkpoint of the baseline fixture is unchanged');
});

test('a checkpoint whose networks do not match its configuration is rejected, naming the tensors', () => {
  const wider = { ...config, hiddenSizes: [9, 8] };
  assert.throws(() => decodeCheckpoint(bytes, () => networksForConfig(wider)), /actor\.0\.weight/);
});

const normalizedResolved = resolveTrainingSettings('ppo', 'MountainCarContinuous-v0', { numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8], totalSteps: 640, minibatches: 2, normalizeObservations: true, normalizeRewards: true }, false);
const normalizedTrainer = await Trainer.create(normalizedResolved);
await normalizedTrainer.step();
const normalizedState = await normalizedTrainer.getState();
const normalizedConfig = runConfig(normalizedResolved);
const normalizedBytes = encodeCheckpoint(normalizedState, normalizedConfig, networksForConfig(normalizedConfig));

test('a normalised run: its running statistics as float64 tensors obs_rms.* and return_rms.*, ε and the clip in the metadata, a round trip exactly', () => {
  const { tensors, metadata } = decodeSafetensors(normalizedBytes);
  const statistics = normalizedState.agent.normalization!;
  for (const [prefix, expected] of [['obs_rms', statistics.observations!], ['return_rms', statistics.rewards!]] as const) {
    const size = prefix === 'obs_rms' ? 2 : 1;
    assert.equal([tensors.get(`${prefix}.mean`)!.dtype, tensors.get(`${prefix}.mean`)!.shape, Array.from(tensors.get(`${prefix}.mean`)!.data as Float64Array)], ['F64', [size], expected.mean]);
    assert.equal([tensors.get(`${prefix}.var`)!.shape, Array.from(tensors.get(`${prefix}.var`)!.data as Float64Array)], [[size], expected.variance]);
    assert.equal([tensors.get(`${prefix}.count`)!.shape, Array.from(tensors.get(`${prefix}.count`)!.data as Float64Array)], [[], [expected.count]]);
  }
  assert.ok(statistics.observations!.count > 64, 'the statistics have seen the rollout');
  assert.equal(JSON.parse(metadata.normalization!), { epsilon: 1e-8, clip: 10 });
  assert.equal(JSON.parse(metadata.action_space!), { low: [-1], high: [1] });
  assert.not.match(metadata.state!, /variance/, 'the statistics are not in the JSON state as well');
  assert.equal(decodeCheckpoint(normalizedBytes, networksForConfig).state, JSON.parse(JSON.stringify(normalizedState)));
});

test('a checkpoint from before the statistics were tensors (in its JSON state) decodes to the same state', () => {
  const { tensors, metadata } = decodeSafetensors(normalizedBytes);
  const { normalization: _n, action_space: _a, ...older } = metadata;
  const stateJson = JSON.parse(metadata.state!);
  stateJson.agent.normalization = normalizedState.agent.normalization;
  for (const name of [...tensors.keys()]) if (/^(obs|return)_rms\./.test(name)) tensors.delete(name);
  const bytes = encodeSafetensors(tensors, { ...older, state: JSON.stringify(stateJson) });
  assert.equal(decodeCheckpoint(bytes, networksForConfig).state, JSON.parse(JSON.stringify(normalizedState)));
});

test('missing or misshapen statistics of a normalised run are rejected, naming the tensor', () => {
  const { tensors, metadata } = decodeSafetensors(normalizedBytes);
  const without = new Map(tensors);
  without.delete('obs_rms.var');
  assert.throws(() => decodeCheckpoint(encodeSafetensors(without, metadata), networksForConfig), /missing tensor 'obs_rms\.var'/);
  const misshapen = new Map(tensors).set('return_rms.count', { dtype: 'F64', shape: [1], data: Float64Array.of(5) });
  assert.throws(() => decodeCheckpoint(encodeSafetensors(misshapen, metadata), networksForConfig), /'return_rms\.count' has shape \[1\], expected \[\]/);
});

test('a thousand seeded mutations each load or fail with an Error (no crash, no hang)', () => {
  const random = new Random(99);
  let rejected = 0;
  for (let trial = 0; trial < 1000; trial++) {
    const mutated = bytes.slice(0, random.uniform() < 0.1 ? random.integer(bytes.length) : bytes.length);
    const edits = 1 + random.integer(4);
    for (let e = 0; e < edits && mutated.length > 0; e++) {
      // Most edits land in the header, where the structure is.
      const position = random.uniform() < 0.7 ? random.integer(Math.min(mutated.length, 2048)) : random.integer(mutated.length);
      mutated[position] = random.uniform() < 0.5 ? mutated[position]! ^ (1 << random.integer(8)) : random.integer(256);
    }
    try {
      decodeCheckpoint(mutated, networksForConfig);
    } catch (error) {
      assert.instance(error, Error);
      rejected++;
    }
  }
  assert.ok(rejected > 500, `${rejected} of 1000 rejected`);
});

test.run();
