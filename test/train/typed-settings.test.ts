// Settings are typed for a library user: test/fixtures/typed-settings/library-use.ts must compile
// with tsc (strict), which also proves that each line under its expect-error directives — a
// misspelt setting, a mistyped one, another algorithm's, a choice that is not one, an unknown
// algorithm — does not compile (tsc fails on an unused directive); and misspelt.ts must fail,
// naming the misspelt setting and the right one. Reference: tsc's exit status and message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFixture } from '../helpers/tsc.js';

const compile = (file: string) => compileFixture(`test/fixtures/typed-settings/${file}`);

test('typed library use compiles, and every line marked as an error is one', async () => {
  const { code, output } = await compile('library-use.ts');
  assert.is(code, 0, output);
});

test('a misspelt setting does not compile, and tsc names it and the setting meant', async () => {
  const { code, output } = await compile('misspelt.ts');
  assert.is.not(code, 0);
  assert.match(output, /misspelt\.ts\(4,\d+\): error TS2561: .*'learningRat' does not exist .* Did you mean to write 'learningRate'\?/);
});

test.run();
