// The WebGPU backend in headless Chromium (Debian's, driven by playwright-core, over SwiftShader),
// imported by a page with <script type="module"> straight from the compiled ESM under dist/, served
// from 127.0.0.1: its products agree with the wasm backend's within 1e-5 (normwise relative), as in
// Node. (The wasm backend's bit-for-bit agreement with Node is cross-engine.test.ts.)
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromiumInstalled, openTestPage } from '../helpers/chromium.js';

const TOLERANCE = 1e-5;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>policygrad in the browser</title>
<script type="module">
  import { createEngine, Random } from '/dist/src/index.js';
  import { AGREEMENT_BATCHES, AGREEMENT_SHAPES, productErrors } from '/dist/test/helpers/webgpu-agreement.js';
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
  const { page, close } = await openTestPage(PAGE, 'the library');

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
    await close();
  });
}

test.run();
