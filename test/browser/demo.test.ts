// The browser demo (examples/browser/) in headless Chromium, driven through its controls:
//  - with the wasm backend, the page's first iterations of PPO and of TRPO give the metrics that
//    Trainer gives in Node for the same seed, bit for bit (all but sps, a wall-clock rate);
//  - choosing webgpu trains the learner on WebGPU and says so;
//  - PPO on CartPole reaches a 100-episode mean return of 475 (Gymnasium's "solved"), the page
//    says so, and a screenshot goes to screenshots/demo.png.
// Every wait is on the page's state (demo.state, demo.metrics, demo.cartSteps), never on the clock;
// its limit, PAGE_TIMEOUT (minutes), only ends a hang.
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { resolveTrainingSettings, rewardThreshold, Trainer, type MetricsRecord } from '../../src/index.js';
import { chromiumInstalled, firstDifference, launchChromium, newPage } from '../helpers/chromium.js';
import { serveStatic, type StaticServer } from '../../scripts/static-server.js';

/** The page's view of itself (examples/browser/demo.js). */
interface DemoWindow {
  demo: { state: string; metrics: MetricsRecord[]; error?: string; cartSteps: number };
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const SOLVED = rewardThreshold('CartPole-v1');
/** Of seeds 1–5, seed 2 solves CartPole soonest with PPO's defaults (measured: at 188,416 steps, ~6 s in Node; seed 4 at 189,440, the others after 196,000). */
const SOLVING_SEED = 2;

if (chromiumInstalled('the browser demo test')) {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const state = () => page.evaluate(() => (window as unknown as DemoWindow).demo);
  /** Waits until `condition`, an expression over the page's `demo`, holds (or the page reports an error). */
  async function until(condition: string): Promise<void> {
    await page.waitForFunction(`((demo) => demo.state === 'error' || (${condition}))(window.demo)`, undefined, { polling: 50 });
    assert.is((await state()).error, undefined, 'the page reports an error');
  }

  /** Starts a run through the controls (which end the previous, paused run). */
  async function start(algo: string, backend: string, seed: number): Promise<void> {
    await page.selectOption('#algo', algo);
    await page.selectOption('#backend', backend);
    await page.fill('#seed', String(seed));
    await page.click('#start');
  }

  async function pause(): Promise<void> {
    await page.click('#start');
    await until(`demo.state === 'paused' || demo.state === 'done'`);
  }

  test.before(async () => {
    server = await serveStatic(ROOT);
    browser = await launchChromium();
    page = await newPage(browser, { viewport: { width: 1320, height: 760 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.origin}/examples/browser/`);
    await page.waitForFunction(() => (window as unknown as Partial<DemoWindow>).demo?.state === 'idle')
      .catch((error: Error) => { throw new Error(`the demo page did not load: ${pageErrors.join('; ') || error.message}`); });
  });

  for (const [algo, iterations] of [['ppo', 3], ['trpo', 2]] as const) {
    test(`${algo}: the page's first ${iterations} iterations on wasm give Node's metrics bit for bit`, async () => {
      const seed = 7;
      await start(algo, 'wasm', seed);
      await until(`demo.metrics.length >= ${iterations}`);
      await pause();
      const inBrowser = (await state()).metrics.slice(0, iterations);
      const trainer = await Trainer.create(resolveTrainingSettings(algo, 'CartPole-v1', { seed }));
      for (let i = 0; i < iterations; i++) {
        const inNode: MetricsRecord = await trainer.step();
        const names = Object.keys(inNode).filter((name) => name !== 'sps');
        assert.equal(Object.keys(inBrowser[i]!).filter((name) => name !== 'sps'), names, `iteration ${i + 1}: the same metrics`);
        const at = firstDifference(names.map((name) => inBrowser[i]![name]!), names.map((name) => inNode[name]!));
        assert.is(at, -1, `iteration ${i + 1}: ${names[at]} is ${inBrowser[i]![names[at]!]} in Chromium, ${inNode[names[at]!]} in Node`);
      }
    });
  }

  test('choosing webgpu trains the learner on WebGPU, and says so', async () => {
    await start('ppo', 'webgpu', 1);
    await until('demo.metrics.length >= 1');
    await pause();
    assert.match(await page.textContent('#notice') ?? '', /^The learner's networks train on WebGPU \(.+\); rollouts run on wasm copies/);
    assert.ok((await page.evaluate('demo.metrics[0].policy_loss')) !== undefined);
  });

  test(`ppo on CartPole reaches a 100-episode mean return of ${SOLVED} in the page`, async () => {
    await start('ppo', 'wasm', SOLVING_SEED);
    await until(`demo.metrics.at(-1)?.episodic_return >= ${SOLVED}`);
    await pause();
    // 60 steps (a second at 60 frames/s) of the trained policy balancing the pole, one per frame;
    // by then the curve and the status line are redrawn too.
    const cartSteps = (await state()).cartSteps;
    await until(`demo.cartSteps >= ${cartSteps + 60}`);
    const status = await page.textContent('#status') ?? '';
    assert.match(status, new RegExp(`^paused: ppo, seed ${SOLVING_SEED} · .* · solved \\(≥ ${SOLVED}\\) at [\\d,]+ steps$`));
    const curvePoints = await page.$$eval('#curve polyline.median', (lines) => lines.map((line) => line.getAttribute('points')!.split(' ').length));
    const points = curvePoints[curvePoints.length - 1] ?? 0;
    assert.ok(points > 100, `the curve of this run has ${points} points`);
    const inkedPixels = await page.$eval('#cart', (canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) count += data[i]! > 0 ? 1 : 0;
      return count;
    });
    assert.ok(inkedPixels > 2000, `the cart, pole and track are drawn (${inkedPixels} pixels)`);
    mkdirSync(join(ROOT, 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'screenshots', 'demo.png') });
    assert.equal(pageErrors, []);
  });

  test.after(async () => {
    await browser?.close();
    await server?.close();
  });
}

test.run();
