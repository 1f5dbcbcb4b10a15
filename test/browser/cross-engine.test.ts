// The determinism promise across engines: for one seed, Node and headless Chromium (Debian's,
// driven by playwright-core; the page imports the compiled ESM from /dist/) give the same bits for
//  - 10⁴ draws of Random.uniform() and 10⁴ of Random.normal();
//  - each function of src/math (exp, expm1, log, log1p, sin, cos, tan, tanh, atan, atan2, pow) on
//    10⁴ seeded arguments each (test/helpers/cross-engine-fixture.ts gives the ranges);
//  - the wasm MLP's forward, backward, input gradient and hvp, in f32 and in f64;
//  - every metric but the wall-clock sps of the first 3 iterations of ppo, trpo, npg, vpg and
//    ppo-reuse, each on CartPole-v1 and on Pendulum-v1 (all ten pairs exist), through Trainer.
// Reference: the same fixture run in Node. Tolerance: none; each number is compared with
// Object.is (so -0 ≠ 0 and NaN = NaN), carried out of the page as its 64-bit pattern in hex.
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumInstalled, firstDifference, openTestPage } from '../helpers/chromium.js';
import { crossEngineFixture, ENVIRONMENTS, mathArguments } from '../helpers/cross-engine-fixture.js';
import { decodeRecord } from '../helpers/float64-hex.js';
import * as math from '../../src/math/index.js';

const SEED = 42;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>policygrad: the cross-engine fixture</title>
<script type="module">
  import { crossEngineFixture } from '/dist/test/helpers/cross-engine-fixture.js';
  import { encodeRecord } from '/dist/test/helpers/float64-hex.js';
  window.crossEngineFixture = async (seed) => encodeRecord(await crossEngineFixture(seed));
  window.policygradReady = true;
</script>`;

interface FixtureWindow {
  crossEngineFixture(seed: number): Promise<Record<string, string>>;
  policygradReady?: boolean;
}

/** Whether entry `name` is a training metric (one value per iteration). */
const isMetric = (name: string) => ENVIRONMENTS.some((env) => name.includes(` ${env} `));

/** The first difference of `name`, at index `at`: with the arguments of a math function, the iteration of a metric. */
function describe(name: string, at: number, inBrowser: number | undefined, inNode: number | undefined): string {
  const where = name in math ? `index ${at}, for (${mathArguments(name as Parameters<typeof mathArguments>[0], SEED).map((xs) => xs[at]).join(', ')})`
    : isMetric(name) ? `iteration ${at + 1}` : `index ${at}`;
  return `${name} differs at ${where}: Chromium ${inBrowser} vs Node ${inNode}`;
}

if (chromiumInstalled('the cross-engine test')) {
  const { page, close } = await openTestPage(PAGE, 'the fixture');

  test('Node and Chromium give the same bits: random streams, math functions, wasm products, first iterations of every algorithm', async () => {
    const inNode = await crossEngineFixture(SEED);
    const inBrowser = decodeRecord(await page.evaluate((seed) => (window as unknown as FixtureWindow).crossEngineFixture(seed), SEED));
    assert.equal(Object.keys(inBrowser), Object.keys(inNode), 'the same entries');
    const differences: string[] = [];
    for (const [name, values] of Object.entries(inNode)) {
      // A metric may rightly be 0 throughout (clipfrac, kl_exceeded); every other entry must not be.
      assert.ok(values.length > 0 && (isMetric(name) || values.some((x) => x !== 0)), `${name} is not empty or all zero`);
      const at = firstDifference(inBrowser[name]!, values);
      if (at !== -1) differences.push(describe(name, at, inBrowser[name]![at], values[at]));
    }
    const total = Object.keys(inNode).length;
    assert.equal(differences, [], `${differences.length} of ${total} entries differ:\n  ${differences.join('\n  ')}`);
  });

  test.after(async () => {
    await close();
  });
}

test.run();
