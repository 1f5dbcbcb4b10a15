// End to end through the built command, `node dist/src/cli/main.js`, in temporary folders; and the
// dispatcher in-process with test commands for what no shipped command exercises yet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, writeJson, type Command, type CommandIO } from '../../src/cli/command.js';
import { parseSetArguments, resolveSettings, throwIfProblems } from '../../src/util/settings-schema.js';
import { COMMANDS, runCli } from '../../src/cli/run-cli.js';
import { writeFileAtomicSync } from '../../src/io/atomic-write.js';
import { allElements, parseXml } from '../helpers/xml.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const folder = scratchFolder('cli');

/** Runs `policygrad ...args` in a fresh process; resolves to its exit code and output. */
function policygrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: folder, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** A run folder as the trainer writes it: config.json and metrics.jsonl. */
function runFolder(name: string, config: object, returns: number[], tail = ''): string {
  const dir = join(folder, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const lines = returns.map((r, i) => JSON.stringify({ iteration: i + 1, global_step: 512 * (i + 1), episodic_return: r, approx_kl: 0.01 }));
  // An iteration in which no episode ended carries no return.
  lines.splice(1, 0, JSON.stringify({ iteration: 1.5, global_step: 700 }));
  writeFileSync(join(dir, 'metrics.jsonl'), `${lines.join('\n')}\n${tail}`);
  return dir;
}

test('--help lists the commands; each command has --help; --version prints the package version', async () => {
  const help = await policygrad('--help');
  assert.is(help.code, 0);
  for (const name of ['gradcheck', 'bench', 'plot']) assert.match(help.stdout, new RegExp(`\\n  ${name} +\\w`));
  for (const name of ['gradcheck', 'bench', 'plot']) {
    const commandHelp = await policygrad(name, '--help');
    assert.is(commandHelp.code, 0, name);
    assert.ok(commandHelp.stdout.startsWith(`Usage: policygrad ${name}`), commandHelp.stdout);
    assert.match(commandHelp.stdout, /-h, --help +show this help/);
  }
  assert.is((await policygrad('help', 'plot')).stdout, (await policygrad('plot', '-h')).stdout);
  assert.equal(await policygrad('--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
});

test('usage errors exit 2 with a message on stderr and nothing on stdout', async () => {
  for (const args of [[], ['train-me'], ['gradcheck', '--bogus'], ['gradcheck', 'extra'], ['plot', 'run'], ['plot', '--out'], ['plot', '--out', 'x.svg']]) {
    const { code, stdout, stderr } = await policygrad(...args);
    assert.is(code, 2, args.join(' '));
    assert.is(stdout, '', args.join(' '));
    assert.ok(stderr.length > 0, args.join(' '));
  }
  const { stderr } = await policygrad('plot', 'run');
  assert.match(stderr, /policygrad plot: --out FILE.svg is required\nRun 'policygrad plot --help' for usage\./);
  assert.match((await policygrad('train-me')).stderr, /unknown command 'train-me'; commands: train, eval, gradcheck, bench, plot/);
  assert.equal(readdirSync(folder), [], 'nothing written');
});

test('gradcheck: every check passes, as a table or as one JSON document', async () => {
  const table = await policygrad('gradcheck');
  assert.is(table.code, 0, table.stderr);
  assert.is(table.stdout.match(/\| pass +\|/g)?.length, 15);
  assert.match(table.stdout, /All 15 checks passed\./);
  const json = await policygrad('gradcheck', '--json');
  assert.is(json.code, 0);
  const report = JSON.parse(json.stdout) as { passed: boolean; checks: { product: string; maxRelativeError: number; tolerance: number; passed: boolean }[] };
  assert.is(report.passed, true);
  assert.is(report.checks.length, 15);
  for (const check of report.checks) assert.ok(check.passed && check.maxRelativeError <= check.tolerance, JSON.stringify(check));
});

test('plot: seeds of one algorithm become a median with a band; the SVG parses and names the env and its threshold', async () => {
  const runs = [0, 1, 2].map((seed) => runFolder(`ppo-${seed}`, { algo: 'ppo', env: 'CartPole-v1', seed, learningRate: 2.5e-4 }, [20 + seed, 60, 150 + 10 * seed, 480]));
  // A run killed mid-write leaves a torn last line, which is skipped.
  runs.push(runFolder('trpo-0', { algo: 'trpo', env: 'CartPole-v1', seed: 0 }, [15, 40, 90, 200], '{"global_step": 2560, "episodic_ret'));
  const out = join(folder, 'curves.svg');
  const { code, stdout, stderr } = await policygrad('plot', ...runs, '--out', out);
  assert.is(code, 0, stderr);
  assert.match(stdout, /Wrote .*curves\.svg \(4 runs\)/);
  const elements = allElements(parseXml(readFileSync(out, 'utf8')));
  const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
  assert.ok(texts.includes('CartPole-v1'), 'title');
  assert.ok(texts.includes('solved at 475'), 'threshold');
  assert.ok(texts.includes('ppo CartPole-v1 (median of 3 runs, band min–max)'));
  assert.ok(texts.includes('trpo CartPole-v1'));
  assert.is(elements.filter((e) => e.attributes.class === 'band').length, 1);
  const trpo = elements.find((e) => e.attributes['data-label'] === 'trpo CartPole-v1')!;
  assert.is(trpo.children.find((e) => e.attributes.class === 'median')!.attributes.points!.split(' ').length, 4, 'four returns; the return-less line and the torn line skipped');
});

test('plot --metric: any logged metric, the y axis named for it; an absent one exits 2 naming the metrics there are; two envs, two panels', async () => {
  const ppo = runFolder('metric-ppo', { algo: 'ppo', env: 'CartPole-v1', seed: 0 }, [20, 60, 150, 480]);
  const acrobot = runFolder('metric-acrobot', { algo: 'ppo', env: 'Acrobot-v1', seed: 0 }, [-500, -300, -150, -90]);
  const out = join(folder, 'kl.svg');
  const kl = await policygrad('plot', ppo, '--metric', 'approx_kl', '--out', out);
  assert.is(kl.code, 0, kl.stderr);
  const elements = allElements(parseXml(readFileSync(out, 'utf8')));
  assert.is(elements.find((e) => e.attributes.class === 'y-label')!.text, 'approx_kl');
  assert.is(elements.filter((e) => e.attributes.class === 'threshold').length, 0, 'a solved-at line only for the return');
  assert.is(elements.find((e) => e.attributes.class === 'median')!.attributes.points!.split(' ').length, 4);

  const missing = await policygrad('plot', ppo, '--metric', 'clip_fraction', '--out', join(folder, 'missing.svg'));
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /metric-ppo\/metrics\.jsonl has no metric 'clip_fraction'; its metrics: 'iteration', 'global_step', 'episodic_return', 'approx_kl'/);
  assert.not.ok(existsSync(join(folder, 'missing.svg')));
  assert.is((await policygrad('plot', ppo, '--metric', 'constructor', '--out', join(folder, 'missing.svg'))).code, 2, 'a name of Object.prototype is no metric either');

  const both = join(folder, 'both.svg');
  assert.is((await policygrad('plot', ppo, acrobot, '--out', both)).code, 0);
  const panels = allElements(parseXml(readFileSync(both, 'utf8'))).filter((e) => e.attributes.class === 'panel');
  assert.equal(panels.map((p) => p.attributes['data-title']), ['CartPole-v1', 'Acrobot-v1']);
  const texts = panels.map((p) => allElements(p).filter((e) => e.name === 'text').map((e) => e.text));
  assert.ok(texts[0]!.includes('solved at 475') && texts[1]!.includes('solved at -100'), 'each panel its own threshold');
  assert.ok(texts.every((t) => t.includes('episodic_return (mean of the last 100 episodes)')), 'the y label');
});

test('plot: an unreadable run folder fails with exit 1, names the file, and writes nothing', async () => {
  const empty = join(folder, 'not-a-run');
  mkdirSync(empty);
  const out = join(folder, 'never.svg');
  const { code, stderr } = await policygrad('plot', empty, '--out', out);
  assert.is(code, 1);
  assert.match(stderr, /not-a-run\/config\.json: cannot read the run's config/);
  const bad = runFolder('bad-metrics', { algo: 'ppo', env: 'CartPole-v1', seed: 0 }, [1, 2]);
  writeFileSync(join(bad, 'metrics.jsonl'), '{"global_step": 1}\nnot json\n');
  const second = await policygrad('plot', bad, '--out', out);
  assert.is(second.code, 1);
  assert.match(second.stderr, /bad-metrics\/metrics\.jsonl: cannot read the run's metrics \(.*line 2 is not valid JSON/);
  assert.not.ok(existsSync(out));
});

/** In-process streams that record what a command writes. */
function recordingIO(): CommandIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (err += t) }, out: () => out, err: () => err };
}

// The pattern the train command follows: resolve and check everything, then write.
const configured: Command = {
  name: 'configured',
  summary: 'a test command with settings',
  usage: 'policygrad configured --out DIR [--set key=value ...]',
  description: '',
  options: { out: { type: 'string', doc: '' }, set: { type: 'string', multiple: true, doc: '' }, json: { type: 'boolean', doc: '' } },
  async run({ values }, io) {
    const schema = { steps: { type: 'integer', default: 1000, min: 1, doc: '' }, gamma: { type: 'number', default: 0.99, min: 0, max: 1, doc: '' } } as const;
    const problems: string[] = [];
    const set = parseSetArguments(schema, (values.set as string[] | undefined) ?? [], problems);
    const { settings, problems: settingProblems } = resolveSettings(schema, [set]);
    throwIfProblems([...problems, ...settingProblems]);
    if (typeof values.out !== 'string') throw new UsageError('--out is required');
    console.log('a library logging while the command runs');
    writeFileAtomicSync(values.out, JSON.stringify(settings));
    if (values.json) writeJson(io, settings);
    return 0;
  },
};

test('an unknown option gets the nearest known option of its command, for every command', async () => {
  const typos: Record<string, [string, string]> = {
    train: ['--stpes=3', '--steps'], eval: ['--episdes', '--episodes'], gradcheck: ['--jsn', '--json'], bench: ['--jsno', '--json'], plot: ['--titel', '--title'],
    sweep: ['--jbos', '--jobs'], worker: ['--queeu', '--queue'], report: ['--rpes', '--reps'],
  };
  assert.equal(Object.keys(typos), COMMANDS.map((c) => c.name), 'a typo for every command');
  for (const [command, [typo, meant]] of Object.entries(typos)) {
    const io = recordingIO();
    assert.is(await runCli([command, typo], io), 2, command);
    assert.is(io.err(), `policygrad ${command}: unknown option '${typo.split('=')[0]}'; did you mean '${meant}'?\nRun 'policygrad ${command} --help' for usage.\n`);
  }
  const io = recordingIO();
  assert.is(await runCli(['eval', '--zzzzzzzz'], io), 2);
  assert.is(io.err(), "policygrad eval: unknown option '--zzzzzzzz'\nRun 'policygrad eval --help' for usage.\n", 'no suggestion when nothing is close');
});

test('config errors: all reported in one message, exit 2, nothing written', async () => {
  const io = recordingIO();
  const out = join(folder, 'configured.json');
  const code = await runCli(['configured', '--out', out, '--set', 'steps=0', '--set', 'gama=0.9', '--set', 'gamma=x'], io, [configured]);
  assert.is(code, 2);
  assert.is(io.out(), '');
  assert.is(io.err(), "policygrad configured: invalid configuration (3 problems):\n  - --set gamma=x: 'x' is not a number\n  - --set: steps must be ≥ 1, got 0\n  - --set: unknown setting 'gama'; did you mean 'gamma'?\n");
  assert.not.ok(existsSync(out));
});

test('--json: stdout holds exactly one JSON document even when something logs to the console', async () => {
  const io = recordingIO();
  const logged: unknown[] = [];
  const savedError = console.error;
  console.error = (...args: unknown[]) => logged.push(args.join(' '));
  try {
    const code = await runCli(['configured', '--out', join(folder, 'ok.json'), '--set', 'steps=5', '--json'], io, [configured]);
    assert.is(code, 0);
  } finally {
    console.error = savedError;
  }
  assert.equal(JSON.parse(io.out()), { steps: 5, gamma: 0.99 });
  assert.equal(logged, ['a library logging while the command runs'], 'console.log went to stderr');
  assert.is(console.log.name, 'log', 'console restored');
});

test('an unexpected error exits 1 with its message', async () => {
  const failing: Command = { ...configured, name: 'failing', run: async () => { throw new Error('disk full'); } };
  const io = recordingIO();
  assert.is(await runCli(['failing'], io, [failing]), 1);
  assert.is(io.err(), 'policygrad failing: disk full\n');
});


test.run();
