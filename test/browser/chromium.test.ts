// The library in headless Chromium (Debian's, driven by playwright-core), imported by a page with
// <script type="module"> straight from the compiled ESM under dist/, served from 127.0.0.1:
//  - the wasm backend gives bit-for-bit the numbers it gives in Node for the same seed
//    (forward, backward, hvp; f32 and f64);
//  - the WebGPU backend, over SwiftShader, agrees with wasm within 1e-5 as in Node.
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { chromiumInstalled, firstDifference, launchChromium } from '../helpers/chromium.js';
import { seededWasmRun } from '../helpers/seeded-run.js';
import { serveStatic } from '../../scripts/static-server.js';

const SEED = 42;
const TOLERANCE = 1e-5;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>policygrad in the browser</title>
<script type="module">
  import { createEngine, Random } from '/dist/src/index.js';
  import { seededWasmRun } from '/dist/test/helpers/seeded-run.js';
  import { AGREEMENT_BATCHES, AGREEMENT_SHAPES, productErrors } from '/dist/test/helpers/webgpu-agreement.js';
  window.seededWasmRun = seededWasmRun;
  window.webgpuAgreement = async () => {
    const gpu = await createEngine({ backend: 'webgpu' });
    const wasm = await createEngine({ backend: 'wasm' });
    const random = new Random(11);
    const rows = [];
    for (const spec of AGREEMENT_SHAPES) {
      for (const batch of AGREEMENT_BATCHES) rows.push({ shape: spec.sizes.join('-'), batch, errors: await productErrors(gpu, wasm, spec, batch, random) });
    }
    return { adapter: gpu.adapterDescription, rows };
  };
  window.policygradReady = true;
</script>`;

if (chromiumInstalled('the Chromium test')) {
  const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
  const server = await serveStatic(root, { pages: { '/index.html': PAGE } });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.origin}/index.html`);
  await page.waitForFunction(() => (window as unknown as { policygradReady?: boolean }).policygradReady === true, undefined, { timeout: 20_000 })
    .catch((error: Error) => { throw new Error(`the page did not load the library: ${pageErrors.join('; ') || error.message}`); });

  test('the wasm backend gives the same bits in Chromium as in Node for the same seed', async () => {
    const inNode = await seededWasmRun(SEED);
    const inBrowser = await page.evaluate((seed) => (window as unknown as { seededWasmRun(seed: number): Promise<Record<string, number[]>> }).seededWasmRun(seed), SEED);
    assert.equal(Object.keys(inBrowser), Object.keys(inNode));
    for (const [name, values] of Object.entries(inNode)) {
      const at = firstDifference(inBrowser[name]!, values);
      assert.is(at, -1, `${name} differs at ${at}: browser ${inBrowser[name]![at]} vs Node ${values[at]}`);
      assert.ok(values.length > 0 && values.some((x) => x !== 0), `${name} is not trivially zero`);
    }
  });

  test(`the WebGPU backend in Chromium agrees with wasm within ${TOLERANCE} (normwise relative)`, async () => {
    type Agreement = { adapter: string; rows: { shape: string; batch: number; errors: Record<string, number> }[] };
    const result = await page.evaluate(() => (window as unknown as { webgpuAgreement(): Promise<Agreement> }).webgpuAgreement());
    assert.ok(result.rows.length === 9, 'three shapes × three batch sizes');
    for (const { shape, batch, errors } of result.rows) {
      assert.is(Object.keys(errors).length, 8);
      for (const [product, error] of Object.entries(errors)) assert.ok(error <= TOLERANCE, `${result.adapter} [${shape}] batch ${batch} ${product}: ${error}`);
    }
  });

  test.after(async () => {
    await browser.close();
    await server.close();
  });
}

test.run();
