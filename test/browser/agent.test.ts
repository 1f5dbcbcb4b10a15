// The high-level Agent is the same in Node and in a browser: headless Chromium (Debian's, driven
// by playwright-core) imports the compiled ESM from /dist/ with no bundler and runs
// test/helpers/agent-fixture.ts — create, learn with a callback, toBytes, fromBytes, predict,
// learn on — on CartPole-v1 and on a user's environment given as a factory. Reference: the same
// fixture in Node. Tolerance: none; every metric (but the wall-clock sps), action and checkpoint
// byte is compared with Object.is, carried out of the page as its 64-bit pattern in hex. Within
// each engine the loaded agent's bytes, actions and further metrics equal the original's.
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { agentRoundTrip } from '../helpers/agent-fixture.js';
import { chromiumInstalled, firstDifference, openTestPage } from '../helpers/chromium.js';
import { decodeRecord } from '../helpers/float64-hex.js';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>policygrad: the Agent round trip</title>
<script type="module">
  import { agentRoundTrip } from '/dist/test/helpers/agent-fixture.js';
  import { encodeRecord } from '/dist/test/helpers/float64-hex.js';
  window.agentRoundTrip = async () => encodeRecord(await agentRoundTrip());
  window.policygradReady = true;
</script>`;

const inNode = await agentRoundTrip();

test('in Node, a loaded agent is the saved one: the same checkpoint bytes, actions, and metrics as it learns on', () => {
  for (const env of ['CartPole-v1', 'Corridor-v0']) {
    for (const what of ['bytes', 'actions', 'policy_loss', 'episodic_return', 'global_step', 'learning_rate']) {
      const original = inNode[`${env} original ${what}`]!;
      assert.ok(original.length > 0, `${env} ${what}`);
      assert.is(firstDifference(inNode[`${env} loaded ${what}`]!, original), -1, `${env}: the loaded agent's ${what}`);
    }
  }
});

if (chromiumInstalled('the Agent test in Chromium')) {
  const { page, close } = await openTestPage(PAGE, 'the Agent fixture');

  test('Chromium gives the same bits as Node: metrics, actions and checkpoint bytes of the Agent round trip', async () => {
    const inBrowser = decodeRecord(await page.evaluate(() => (window as unknown as { agentRoundTrip(): Promise<Record<string, string>> }).agentRoundTrip()));
    assert.equal(Object.keys(inBrowser), Object.keys(inNode), 'the same entries');
    for (const [name, values] of Object.entries(inNode)) {
      const at = firstDifference(inBrowser[name]!, values);
      assert.is(at, -1, `${name} differs at ${at}: Chromium ${inBrowser[name]?.[at]} vs Node ${values[at]}`);
    }
  });

  test.after(async () => {
    await close();
  });
}

test.run();
