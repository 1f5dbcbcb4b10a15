// The high-level API is typed for its user: test/fixtures/typed-agent/agent-use.ts must compile
// with tsc (strict), which also proves that each line under its expect-error directives — a
// misspelt, mistyped or other algorithm's setting, totalSteps, an unknown algorithm or preset, a
// misspelt or other algorithm's metric, a batch prediction taken for one action — does not compile
// (tsc fails on an unused directive); misspelt-setting.ts and misspelt-metric.ts must fail, naming
// the misspelt name and the right one. Reference: tsc's exit status and messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFixture } from '../helpers/tsc.js';

const compile = (file: string) => compileFixture(`test/fixtures/typed-agent/${file}`);

test('typed use of Agent compiles, and every line marked as an error is one', async () => {
  const { code, output } = await compile('agent-use.ts');
  assert.is(code, 0, output);
});

test('a misspelt setting of Agent.create does not compile, and tsc names it and the setting meant', async () => {
  const { code, output } = await compile('misspelt-setting.ts');
  assert.is.not(code, 0);
  assert.match(output, /misspelt-setting\.ts\(4,\d+\): error TS2561: .*'learningRat' does not exist .* Did you mean to write 'learningRate'\?/);
});

test('a misspelt metric in a callback does not compile, and tsc names it and the metric meant', async () => {
  const { code, output } = await compile('misspelt-metric.ts');
  assert.is.not(code, 0);
  assert.match(output, /misspelt-metric\.ts\(5,\d+\): error TS2551: Property 'aprox_kl' does not exist .* Did you mean 'approx_kl'\?/);
});

test.run();
