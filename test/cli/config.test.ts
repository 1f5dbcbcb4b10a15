import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, formatSettingsHelp, nearest, parseSetArguments, resolveSettings, throwIfProblems, type SettingsSchema } from '../../src/util/settings-schema.js';
import { readConfigFile } from '../../src/cli/config-file.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const schema = {
  learningRate: { type: 'number', default: 2.5e-4, exclusiveMin: 0, doc: 'Adam step size' },
  numEnvs: { type: 'integer', default: 4, min: 1, max: 256, doc: 'parallel environments' },
  clipCoef: { type: 'number', default: 0.2, min: 0, max: 1, doc: 'PPO clip ε' },
  anneal: { type: 'boolean', default: true, doc: 'anneal the learning rate linearly to 0' },
  runName: { type: 'string', default: 'run', doc: 'a name for the run' },
  advantage: { type: 'enum', choices: ['gae', 'monte-carlo'], default: 'gae', doc: 'advantage estimator' },
} as const satisfies SettingsSchema;

const folder = scratchFolder('config');

test('defaults, then each layer overriding the one before; --set values parsed by type', () => {
  const problems: string[] = [];
  const set = parseSetArguments(schema, ['numEnvs=8', 'learningRate=3e-4', 'anneal=false', 'advantage=monte-carlo', 'runName=a=b'], problems);
  const { settings, problems: resolveProblems } = resolveSettings(schema, [
    { source: 'preset cartpole', values: { numEnvs: 2, clipCoef: 0.1 } },
    { source: '--config c.json', values: { numEnvs: 16, runName: 'x' } },
    set,
  ]);
  assert.equal([...problems, ...resolveProblems], []);
  assert.equal(settings, { learningRate: 3e-4, numEnvs: 8, clipCoef: 0.1, anneal: false, runName: 'a=b', advantage: 'monte-carlo' });
  const typed: 'gae' | 'monte-carlo' = settings.advantage;
  assert.is(typed, 'monte-carlo');
});

test('every problem of every layer is reported, each naming its source and key', () => {
  const problems: string[] = [];
  const set = parseSetArguments(schema, ['numEnvs=lots', 'anneal=yes', 'noEquals', '=3', 'clipCoef=1.5', 'learningRat=0.1'], problems);
  const result = resolveSettings(schema, [
    { source: '--config c.json', values: { numEnvs: 2.5, learningRate: 0, anneal: 'true', advantage: 'td', runName: 7, clipcoef: 0.3, totallyUnknown: 1 } },
    set,
  ]);
  const all = [...problems, ...result.problems];
  const expected = [
    "--set numEnvs=lots: 'lots' is not a number",
    '--set anneal=yes: expected true or false',
    '--set noEquals: expected key=value',
    '--set =3: expected key=value',
    '--config c.json: numEnvs must be an integer, got 2.5',
    '--config c.json: learningRate must be > 0, got 0',
    '--config c.json: anneal must be true or false, got "true"',
    '--config c.json: advantage must be one of gae, monte-carlo, got "td"',
    '--config c.json: runName must be a string, got 7',
    "--config c.json: unknown setting 'clipcoef'; did you mean 'clipCoef'?",
    "--config c.json: unknown setting 'totallyUnknown'",
    '--set: clipCoef must be ≥ 0 and ≤ 1, got 1.5',
    "--set: unknown setting 'learningRat'; did you mean 'learningRate'?",
  ];
  assert.equal(all, expected);
  assert.equal(result.settings, { learningRate: 2.5e-4, numEnvs: 4, clipCoef: 0.2, anneal: true, runName: 'run', advantage: 'gae' }, 'faulty values keep the default');
  try {
    throwIfProblems(all);
    assert.unreachable('expected a ConfigError');
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.equal((error as ConfigError).problems, expected);
    assert.match((error as Error).message, /^invalid configuration \(13 problems\):\n  - --set numEnvs=lots/);
  }
  throwIfProblems([]);
});

test('non-finite numbers and prototype keys are rejected', () => {
  const { problems } = resolveSettings(schema, [{ source: 'x', values: JSON.parse('{"learningRate": null, "__proto__": 1, "toString": 2}') }]);
  assert.equal(problems, ['x: learningRate must be a finite number, got null', "x: unknown setting '__proto__'", "x: unknown setting 'toString'"]);
  const set: string[] = [];
  parseSetArguments(schema, ['numEnvs=', 'learningRate=NaN'], set);
  assert.equal(set, ["--set numEnvs=: '' is not a number", "--set learningRate=NaN: 'NaN' is not a number"]);
  assert.equal(resolveSettings(schema, [parseSetArguments(schema, ['clipCoef=Infinity'], [])]).problems, ['--set: clipCoef must be a finite number, got null']);
});

test('a config file must exist and hold one JSON object', () => {
  const good = join(folder, 'good.json');
  writeFileSync(good, '{"numEnvs": 8}');
  const problems: string[] = [];
  assert.equal(readConfigFile(good, problems), { source: `--config ${good}`, values: { numEnvs: 8 } });
  writeFileSync(join(folder, 'list.json'), '[1]');
  writeFileSync(join(folder, 'broken.json'), '{"numEnvs": ');
  readConfigFile(join(folder, 'missing.json'), problems);
  readConfigFile(join(folder, 'list.json'), problems);
  readConfigFile(join(folder, 'broken.json'), problems);
  assert.is(problems.length, 3);
  assert.match(problems[0]!, /missing\.json: no such file/);
  assert.match(problems[1]!, /list\.json: must hold a JSON object of settings/);
  assert.match(problems[2]!, /broken\.json: cannot read it as JSON/);
});

test('did-you-mean suggests the nearest name within a small edit distance, case-insensitively', () => {
  assert.is(nearest('lerningRate', Object.keys(schema)), 'learningRate');
  assert.is(nearest('NUMENVS', Object.keys(schema)), 'numEnvs');
  assert.is(nearest('gamma', Object.keys(schema)), undefined);
});

test('every setting is bounded in size: strings at 256 characters (or their maxLength), lists at their maxLength; values quoted short', () => {
  const bounded = { ...schema, widths: { type: 'integer-list', default: [64], min: 1, maxLength: 3, doc: 'layer widths' } } as const satisfies SettingsSchema;
  const { settings, problems } = resolveSettings(bounded, [{ source: 'f', values: { runName: 'r'.repeat(257), widths: [1, 2, 3, 4], numEnvs: 'n'.repeat(10_000), clipCoef: Array(1000).fill(0.5) } }]);
  assert.equal([settings.runName, settings.widths], ['run', [64]]);
  assert.equal(problems.slice(0, 2), ['f: runName must be at most 256 characters, got 257', 'f: widths must have at most 3 entries, got 4']);
  assert.match(problems[2]!, /^f: numEnvs must be a finite number, got "n{80}"… \(10000 characters\)$/);
  assert.match(problems[3]!, /^f: clipCoef must be a finite number, got \[0\.5,0\.5,.{71}… \(4001 characters\)$/);
  assert.equal(resolveSettings(bounded, [{ source: 'f', values: { runName: 'r'.repeat(256), widths: [1, 2, 3] } }]).problems, []);
  const shortNames = { ...schema, runName: { ...schema.runName, maxLength: 4 } } as const satisfies SettingsSchema;
  assert.equal(resolveSettings(shortNames, [{ source: 'f', values: { runName: 'abcde' } }]).problems, ['f: runName must be at most 4 characters, got 5']);
});

test('unknown keys with control characters are escaped; a ConfigError lists 50 problems and counts the rest', () => {
  const { problems } = resolveSettings(schema, [{ source: 'f', values: { 'a\u001b[2J\nb': 1 } }]);
  assert.equal(problems, ["f: unknown setting 'a\\u001b[2J\\nb'"]);
  const error = new ConfigError(Array.from({ length: 120 }, (_, i) => `problem ${i}`));
  assert.is(error.problems.length, 120);
  assert.match(error.message, /^invalid configuration \(120 problems\):\n  - problem 0\n/);
  assert.match(error.message, /  - problem 49\n  - and 70 more$/);
  assert.not.match(error.message, /problem 50/);
});

test('no suggestion is searched for a name longer than 64 characters, nor among names that differ too much in length', () => {
  assert.is(nearest('l'.repeat(65), ['l'.repeat(64)]), undefined);
  assert.is(nearest('l'.repeat(64), ['l'.repeat(63)]), 'l'.repeat(63));
  assert.is(nearest('x'.repeat(90_000_000), Object.keys(schema)), undefined);
  assert.is(nearest('numEnv', ['numEnvs', 'numEnvsPerWorkerThread']), 'numEnvs');
});

test('help lists each setting with its type, range, default and doc', () => {
  const lines = formatSettingsHelp(schema).split('\n');
  assert.is(lines.length, 6);
  assert.match(lines[0]!, /^ {2}learningRate +number > 0 +default 0\.00025 +Adam step size$/);
  assert.match(lines[1]!, /numEnvs +integer ≥ 1 and ≤ 256 +default 4 +parallel environments/);
  assert.match(lines[5]!, /advantage +gae\|monte-carlo +default "gae" +advantage estimator/);
});


test.run();
