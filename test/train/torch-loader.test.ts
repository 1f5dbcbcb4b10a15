// PyTorch loads policygrad's checkpoints: examples/pytorch/load_policy.py, the loader that
// docs/checkpoints.md lists, run by Debian's PyTorch (/usr/bin/python3 with python3-torch), gives
// the greedy actions of policygrad's own acting (policyActions, what `policygrad eval` steps with,
// on the checkpoint loaded as `policygrad eval` loads it) on 1,000 observations per environment,
// drawn by running it with seeded random actions. Three tiny runs, one of each kind: a discrete
// policy (PPO on CartPole-v1); a Gaussian one (TRPO on Pendulum-v1, its head's bias raised by 2 so
// that the means sit around the upper bound 2 and the clip is exercised on both sides: 726 of the
// 1,000 are clipped); and one trained on normalised observations (PPO with the zoo preset on
// MountainCar-v0), on which 455 of the 1,000 greedy actions differ if the normalisation is left
// out, so that a loader without it fails. Reference: policygrad's actions. Tolerance: discrete
// actions exactly; continuous ones within 1e-6 + 1e-5·|a|: the weights and inputs are the same
// float32 numbers (the normalisation is the same float64 IEEE operations on both sides, rounded to
// float32 once), but PyTorch sums the products in another order and its tanh is not policygrad's,
// each a few float32 ulps (~1e-7 relative) per layer; 961 of the 1,000 continuous actions come out
// equal, the others one ulp apart. Without python3-torch the PyTorch comparisons skip with a
// message; under CI=true they fail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { make } from '../../src/envs/registry.js';
import { encodeCheckpoint } from '../../src/train/checkpoint.js';
import { policyActions } from '../../src/train/evaluate.js';
import { networksForConfig, resolvedFromConfig, runConfig } from '../../src/train/run-config.js';
import { loadCheckpoint } from '../../src/train/run-directory.js';
import { resolveSettingLayers } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';
import { PYTHON, pythonModuleInstalled } from '../helpers/debian-python.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const LOADER = fileURLToPath(new URL('../../../examples/pytorch/load_policy.py', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../docs/checkpoints.md', import.meta.url));
const OBSERVATIONS = 1000;

/** `count` observations of `env`, stepped with its action space's seeded random actions and reset when an episode ends. */
function randomObservations(env: string, count: number, seed: number): number[][] {
  const e = make(env);
  e.actionSpace.seed(seed);
  const step = e.step.bind(e) as (action: number | Float32Array) => ReturnType<typeof e.step>;
  let [observation] = e.reset({ seed });
  const observations: number[][] = [];
  while (observations.length < count) {
    observations.push(Array.from(observation));
    const [next, , terminated, truncated] = step(e.actionSpace.sample());
    [observation] = terminated || truncated ? e.reset() : [next];
  }
  return observations;
}

interface Run {
  name: string;
  algo: string;
  env: string;
  settings: Record<string, unknown>;
  iterations: number;
  /** Added to the bias of the actor's last layer before the checkpoint is written. */
  headShift?: number;
}

const RUNS: Run[] = [
  { name: 'discrete: PPO on CartPole-v1', algo: 'ppo', env: 'CartPole-v1', settings: {}, iterations: 4 },
  { name: 'Gaussian: TRPO on Pendulum-v1', algo: 'trpo', env: 'Pendulum-v1', settings: {}, iterations: 2, headShift: 2 },
  { name: 'normalised: PPO on MountainCar-v0 (zoo preset)', algo: 'ppo', env: 'MountainCar-v0', settings: {}, iterations: 20 },
];

const directory = scratchFolder('torch-loader');
const torch = pythonModuleInstalled('torch', 'python3-torch', 'PyTorch loading policygrad checkpoints');

/** Trains `run`, writes its checkpoint, and returns the checkpoint's path with a trainer restored from it as `policygrad eval` restores one. */
async function trainAndReload(run: Run): Promise<{ path: string; trainer: Trainer }> {
  const resolved = resolveSettingLayers(run.algo, run.env, [{ source: 'test', values: { seed: 5, ...run.settings } }]);
  const trained = await Trainer.create(resolved);
  for (let i = 0; i < run.iterations; i++) await trained.step();
  const config = runConfig(resolved);
  const networks = networksForConfig(config);
  const state = await trained.getState();
  if (run.headShift !== undefined) {
    const head = networks.actor.layers.at(-1)!;
    for (let i = head.biasOffset; i < networks.actor.parameterCount; i++) state.policyParameters[i]! += run.headShift;
  }
  const path = join(directory, `${run.algo}-${run.env}.safetensors`);
  writeFileSync(path, encodeCheckpoint(state, config, networks));
  const checkpoint = loadCheckpoint(path);
  const trainer = await Trainer.create(resolvedFromConfig(checkpoint.config));
  await trainer.setState(checkpoint.state);
  return { path, trainer };
}

/** The loader's greedy actions for `observations`, from one Python process. */
function torchActions(checkpoint: string, observations: number[][]): (number | number[])[] {
  const input = join(directory, 'observations.json');
  writeFileSync(input, JSON.stringify(observations));
  const result = spawnSync(PYTHON, [LOADER, checkpoint, input], { encoding: 'utf8', timeout: 120_000 });
  assert.is(result.status, 0, `load_policy.py exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as (number | number[])[];
}

test('docs/checkpoints.md lists examples/pytorch/load_policy.py as it is', () => {
  const listing = /```python\n(# examples\/pytorch\/load_policy\.py\n[\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'));
  assert.ok(listing, 'a python block that starts with "# examples/pytorch/load_policy.py"');
  assert.fixture(listing[1]!.replace(/^# examples\/pytorch\/load_policy\.py\n/, ''), readFileSync(LOADER, 'utf8'));
});

for (const run of RUNS) {
  test(`${run.name}: PyTorch's greedy actions equal policygrad's on ${OBSERVATIONS} observations`, async () => {
    if (!torch) return;
    const { path, trainer } = await trainAndReload(run);
    const observations = randomObservations(run.env, OBSERVATIONS, 11);
    const act = policyActions(trainer.agent);
    const ours = observations.map((o) => { const a = act(Float32Array.from(o)); return typeof a === 'number' ? a : Array.from(a); });
    const theirs = torchActions(path, observations);
    assert.is(theirs.length, OBSERVATIONS);
    if (typeof ours[0] === 'number') {
      const differing = ours.filter((a, i) => a !== theirs[i]).length;
      assert.is(differing, 0, `${differing} of ${OBSERVATIONS} greedy actions differ`);
    } else {
      let worst = 0;
      ours.forEach((a, i) => (a as number[]).forEach((x, j) => { worst = Math.max(worst, Math.abs(x - (theirs[i] as number[])[j]!) / (1e-6 + 1e-5 * Math.abs(x))); }));
      assert.ok(worst <= 1, `the largest difference is ${worst.toFixed(3)} × (1e-6 + 1e-5·|a|)`);
      const clipped = ours.filter((a) => Math.abs((a as number[])[0]!) === 2).length;
      assert.ok(clipped >= 100 && clipped <= OBSERVATIONS - 100, `${clipped} of ${OBSERVATIONS} actions at a bound: both sides of the clip are exercised`);
    }
    if (trainer.resolved.settings.normalizeObservations === true) {
      const { actor, distribution } = trainer.agent.actorCritic;
      const raw = new Int32Array(1);
      const unnormalized = observations.filter((o, i) => { distribution.mode(actor.forward(Float32Array.from(o), 1), 1, raw); return raw[0] !== ours[i]; }).length;
      assert.ok(unnormalized >= 50, `without the normalisation ${unnormalized} of ${OBSERVATIONS} greedy actions would differ`);
    }
  });
}

test('clean up', () => rmSync(directory, { recursive: true, force: true }));

test.run();
