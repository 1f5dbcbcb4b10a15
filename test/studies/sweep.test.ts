// `policygrad sweep` on local cores, end to end through the built command: the spec is checked
// with every problem at once (exit code 2, nothing written); runs get stable ids from their
// resolved settings; a sweep killed with SIGKILL mid-run and started again ends with the metrics
// of an uninterrupted sweep (its children saw their IPC channel close and saved their
// checkpoints), and nothing ran twice — sweep-log.jsonl counts one fresh start per run and no
// session of a run that had finished; a failing run is reported with its log while the others
// finish (exit code 1); a spec that asks for a final evaluation its finished runs lack evaluates
// them, training nothing again (the metrics equal exactly); the repository's study specs (studies/*.json) parse to the runs their
// docs promise. Reference: the uninterrupted sweep of the same spec (the metrics equal
// exactly, the `sps` timing aside); the run ids against SHA-256 of the canonical JSON built here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareEnv } from '../../src/envs/registry.js';
import { readJsonLines } from '../../src/io/json-lines.js';
import { runStatus } from '../../src/studies/run-status.js';
import { parseSweepSpec } from '../../src/studies/sweep-spec.js';
import { resolveSettingLayers } from '../../src/train/settings.js';
import { ConfigError } from '../../src/util/settings-schema.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const folder = scratchFolder('sweep');
/** Four tiny runs of 100 iterations: 64-step batches of an 8-unit network, a checkpoint every iteration. */
const ITERATIONS = 100;
const SPEC = {
  algorithms: ['ppo'], environments: ['CartPole-v1'], seeds: [1, 2, 3, 4], steps: 64 * ITERATIONS, checkpointEvery: 1,
  settings: { numEnvs: 2, stepsPerEnv: 32, hiddenSizes: [8] },
};
const specFile = join(folder, 'spec.json');
writeFileSync(specFile, JSON.stringify(SPEC));

function policygrad(...args: string[]) {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : -1))));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Resolves once `ready()` holds, checked every 20 ms: no time limit, the runs' progress decides. */
const until = (ready: () => boolean) => new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    if (ready()) {
      clearInterval(timer);
      resolve();
    }
  }, 20);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const runFolders = (out: string) => readdirSync(out).filter((name) => name.startsWith('ppo-')).sort();
const metrics = (dir: string) => readJsonLines(join(dir, 'metrics.jsonl')).map((record) => {
  const { sps: _sps, ...rest } = record as Record<string, unknown>;
  return rest;
});
const sessions = (out: string) => readJsonLines(join(out, 'sweep-log.jsonl')) as { run: string; event: string }[];

test('a spec with problems is refused with every problem at once, exit code 2, nothing written', async () => {
  const bad = join(folder, 'bad.json');
  writeFileSync(bad, JSON.stringify({ algorithms: ['ppo', 'pppo'], environments: [], seeds: [1, 1.5], steps: 0, setings: {}, settings: { learningRat: [1e-3], numEnvs: [0, 2] } }));
  const out = join(folder, 'bad-out');
  const run = policygrad('sweep', bad, '--out', out);
  assert.is(await run.exited, 2);
  const message = run.stderr();
  for (const expected of [
    "unknown key 'setings'; did you mean 'settings'?",
    'environments must be a non-empty list of environment ids',
    'seeds must hold only integer seeds in [0, 2^32), got 1.5',
    'steps must be a positive integer, got 0',
  ]) assert.ok(message.includes(expected), `${expected}\nin:\n${message}`);
  assert.not.ok(existsSync(out));
  // The spec's own problems first; once they are fixed, every run's settings, with train's messages.
  const resolved = (() => {
    try {
      parseSweepSpec({ algorithms: ['ppo', 'pppo'], environments: ['CartPole-v1'], seeds: [1], steps: 64, settings: { learningRat: [1e-3], numEnvs: [0, 2] } }, 'spec.json');
    } catch (error) {
      return (error as ConfigError).problems;
    }
    return [];
  })();
  assert.equal(resolved, [
    "ppo on CartPole-v1: spec.json settings: unknown setting 'learningRat'; did you mean 'learningRate'?",
    'ppo on CartPole-v1: spec.json settings: numEnvs must be ≥ 1 and ≤ 1024, got 0',
    "pppo on CartPole-v1: algo: unknown algorithm 'pppo'; did you mean 'ppo'?; expected one of ppo, trpo, npg, vpg, ppo-reuse",
  ]);
});

test('a grid is the cartesian product; each run\'s id is the SHA-256 of its canonical resolved settings', () => {
  const { runs } = parseSweepSpec({ algorithms: ['ppo'], environments: ['CartPole-v1'], seeds: [7, 8], steps: 640, settings: { learningRate: [3e-4, 1e-3], hiddenSizes: [[8], [16, 16]], numEnvs: 2 } }, 'spec');
  assert.is(runs.length, 8);
  assert.equal(runs.map((run) => [run.settings.learningRate, run.settings.hiddenSizes, run.seed]).slice(0, 3), [[3e-4, [8], 7], [3e-4, [8], 8], [3e-4, [16, 16], 7]]);
  const resolved = resolveSettingLayers('ppo', 'CartPole-v1', [{ source: 'test', values: { learningRate: 1e-3, hiddenSizes: [16, 16], numEnvs: 2, seed: 8, totalSteps: 640 } }]);
  const settings = resolved.settings as Record<string, unknown>;
  const canonical = JSON.stringify({ algo: 'ppo', env: 'CartPole-v1', settings: Object.fromEntries(Object.keys(settings).sort().map((key) => [key, settings[key]])) });
  const id = createHash('sha256').update(canonical).digest('hex').slice(0, 10);
  assert.is(runs[7]!.id, id);
  assert.is(runs[7]!.folder, `ppo-CartPole-v1-seed8-${id}`);
  // The same runs from a spec written another way: the same ids.
  const again = parseSweepSpec({ seeds: [8], steps: 640, algorithms: ['ppo'], environments: ['CartPole-v1'], settings: { numEnvs: [2], hiddenSizes: [[16, 16]], learningRate: 1e-3 } }, 'spec');
  assert.is(again.runs[0]!.id, id);
});

test('the README\'s study, studies/learning-results.json, is 13 pairs of algorithm and environment × 5 seeds', () => {
  const path = fileURLToPath(new URL('../../../studies/learning-results.json', import.meta.url));
  const { runs } = parseSweepSpec(JSON.parse(readFileSync(path, 'utf8')), path);
  assert.is(runs.length, 65);
  assert.is(new Set(runs.map((run) => `${run.algo} ${run.env}`)).size, 13);
  assert.ok(runs.every((run) => run.config.totalSteps === 500_000 && run.preset === 'zoo'));
});

test('the MuJoCo study, studies/mujoco-results.json, is PPO and TRPO on Hopper, HalfCheetah and Walker2d × 3 seeds × 1M steps', async () => {
  const path = fileURLToPath(new URL('../../../studies/mujoco-results.json', import.meta.url));
  const json = JSON.parse(readFileSync(path, 'utf8')) as { environments: string[] };
  // As `policygrad sweep` does before it checks the runs: PPO's preset reads the action space.
  for (const env of json.environments) await prepareEnv(env);
  const { runs } = parseSweepSpec(json, path);
  assert.is(runs.length, 18);
  assert.equal([...new Set(runs.map((run) => `${run.algo} ${run.env}`))].sort(), ['ppo HalfCheetah-v5', 'ppo Hopper-v5', 'ppo Walker2d-v5', 'trpo HalfCheetah-v5', 'trpo Hopper-v5', 'trpo Walker2d-v5']);
  assert.ok(runs.every((run) => run.config.totalSteps === 1_000_000 && run.preset === 'zoo' && [1, 2, 3].includes(run.seed)));
});

test('the TRPO study of ten seeds, studies/trpo-mujoco-seeds.json, evaluates each run on 20 episodes; its first three seeds are the MuJoCo study\'s runs', async () => {
  const path = fileURLToPath(new URL('../../../studies/trpo-mujoco-seeds.json', import.meta.url));
  const json = JSON.parse(readFileSync(path, 'utf8')) as { environments: string[] };
  for (const env of json.environments) await prepareEnv(env);
  const { runs } = parseSweepSpec(json, path);
  assert.is(runs.length, 30);
  assert.ok(runs.every((run) => run.algo === 'trpo' && run.evalEpisodes === 20 && run.config.totalSteps === 1_000_000));
  const study = parseSweepSpec(JSON.parse(readFileSync(fileURLToPath(new URL('../../../studies/mujoco-results.json', import.meta.url)), 'utf8')), path);
  const trpoIds = study.runs.filter((run) => run.algo === 'trpo').map((run) => run.id).sort();
  assert.equal(runs.filter((run) => run.seed <= 3).map((run) => run.id).sort(), trpoIds);
});

test('killed with SIGKILL mid-run and started again, the sweep ends with the uninterrupted sweep\'s metrics, and nothing ran twice', async () => {
  const whole = join(folder, 'whole');
  const reference = policygrad('sweep', specFile, '--out', whole, '--jobs', '2');
  assert.is(await reference.exited, 0, reference.stderr());
  assert.match(reference.stdout(), /4 of 4 runs finished \(0 before this sweep\), 0 failed, 0 stopped/);

  const parted = join(folder, 'parted');
  const first = policygrad('sweep', specFile, '--out', parted, '--jobs', '2');
  // Killed once one run has finished and another is part way with at least half of its iterations
  // to go, so that it cannot finish before it sees the channel close, however slow the machine.
  const iterationsDone = (name: string) => {
    const file = join(parted, name, 'metrics.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
  };
  await until(() => existsSync(parted) && runFolders(parted).some((name) => runStatus(join(parted, name)) === 'finished')
    && runFolders(parted).some((name) => runStatus(join(parted, name)) === 'resumable' && iterationsDone(name) <= ITERATIONS / 2));
  first.child.kill('SIGKILL');
  await first.exited;
  // Its children saw the channel close: each saves its checkpoint and exits (one that was at its
  // last iteration may finish it first, so the finished runs are counted once they are gone).
  const children = (sessions(parted) as { pid?: number }[]).flatMap((s) => (s.pid === undefined ? [] : [s.pid]));
  await until(() => children.every((pid) => !alive(pid)));
  const finishedBefore = runFolders(parted).filter((name) => runStatus(join(parted, name)) === 'finished');
  assert.ok(runFolders(parted).some((name) => runStatus(join(parted, name)) === 'resumable'), 'a run was stopped part way');
  const logged = sessions(parted).length;

  const second = policygrad('sweep', specFile, '--out', parted, '--jobs', '2');
  assert.is(await second.exited, 0, second.stderr());
  assert.match(second.stdout(), new RegExp(`4 of 4 runs finished \\(${finishedBefore.length} before this sweep\\)`));
  assert.equal(runFolders(parted), runFolders(whole));
  for (const name of runFolders(whole)) assert.equal(metrics(join(parted, name)), metrics(join(whole, name)), name);
  const log = sessions(parted);
  // A start that the first sweep recorded but was killed before it let it begin is marked 'unstarted' by the second.
  const count = (name: string, event: string) => log.filter((s) => s.run === name && s.event === event).length;
  for (const name of runFolders(whole)) assert.is(count(name, 'new') - count(name, 'unstarted'), 1, `${name}: one fresh start`);
  const secondSessions = log.slice(logged);
  for (const name of finishedBefore) assert.not.ok(secondSessions.some((s) => s.run === name), `${name} finished before: not started again`);
  assert.ok(secondSessions.some((s) => s.event === 'resume'), 'the stopped runs resumed');
});

test('a failing run is reported with the end of its log, the others finish, exit code 1', async () => {
  const out = join(folder, 'failing');
  const { runs } = parseSweepSpec(SPEC, 'spec');
  // A corrupt checkpoint: the run resumes from it and fails.
  const broken = join(out, runs[1]!.folder);
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'config.json'), JSON.stringify(runs[1]!.config));
  writeFileSync(join(broken, 'checkpoint.safetensors'), 'not a checkpoint');
  const run = policygrad('sweep', specFile, '--out', out, '--jobs', '2');
  assert.is(await run.exited, 1);
  assert.match(run.stdout(), /3 of 4 runs finished \(0 before this sweep\), 1 failed/);
  assert.ok(run.stderr().includes(`Run ${runs[1]!.folder} failed (exit code 1)`), run.stderr());
  assert.match(run.stderr(), /policygrad train: safetensors: /);
  assert.equal(runs.map((r) => runStatus(join(out, r.folder))), ['finished', 'resumable', 'finished', 'finished']);
});

test('a spec that now asks for a final evaluation evaluates the finished runs without training them again', async () => {
  const out = join(folder, 'evaluated');
  const small = { ...SPEC, seeds: [1, 2], steps: 64 * 10 };
  const plain = join(folder, 'small.json');
  writeFileSync(plain, JSON.stringify(small));
  assert.is(await policygrad('sweep', plain, '--out', out, '--jobs', '2').exited, 0);
  const names = runFolders(out);
  const trained = names.map((name) => metrics(join(out, name)));
  assert.equal(names.map((name) => [runStatus(join(out, name)), runStatus(join(out, name), 3)]), [['finished', 'resumable'], ['finished', 'resumable']]);

  const withEvaluation = join(folder, 'small-evaluated.json');
  writeFileSync(withEvaluation, JSON.stringify({ ...small, evalEpisodes: 3 }));
  const logged = sessions(out).length;
  const second = policygrad('sweep', withEvaluation, '--out', out, '--jobs', '2');
  assert.is(await second.exited, 0, second.stderr());
  assert.match(second.stdout(), /2 of 2 runs finished \(0 before this sweep\)/);
  assert.equal(names.map((name) => metrics(join(out, name))), trained, 'no iteration trained again');
  for (const name of names) {
    const summary = JSON.parse(readFileSync(join(out, name, 'summary.json'), 'utf8')) as { evaluation?: { episodes: number; mean: number } };
    assert.is(summary.evaluation?.episodes, 3, name);
    assert.ok(Number.isFinite(summary.evaluation?.mean), name);
    assert.is(runStatus(join(out, name), 3), 'finished', name);
  }
  assert.equal(sessions(out).slice(logged).filter((s) => s.event === 'resume').map((s) => s.run).sort(), names);

  const third = policygrad('sweep', withEvaluation, '--out', out, '--jobs', '2');
  assert.is(await third.exited, 0, third.stderr());
  assert.match(third.stdout(), /2 of 2 runs finished \(2 before this sweep\)/);
});


test.run();
