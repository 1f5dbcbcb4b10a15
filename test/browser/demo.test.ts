// The browser demo (examples/browser/) in headless Chromium, driven through its controls:
//  - with the wasm backend, the page's first iterations of PPO and of TRPO on CartPole, and of PPO
//    on Hopper-v5 (MuJoCo's module loaded in the page and in its worker), give the metrics that
//    Trainer gives in Node for the same seed, bit for bit (all but sps, a wall-clock rate), and so
//    do two threads on PPO CartPole and on TRPO Hopper-v5 (whose second environment steps in a
//    worker of its own);
//  - choosing webgpu trains the learner on WebGPU and says so;
//  - PPO on CartPole reaches a 100-episode mean return of 475 (Gymnasium's "solved"), the page
//    says so, and a screenshot goes to screenshots/demo.png;
//  - Hopper-v5's side view is drawn as mujoco-view.js promises: the floor (a line across the
//    canvas) reaches both edges, the torso, which the camera follows, crosses the centre column,
//    and each of the four bodies shows in its colour of the view's palette; a screenshot goes to
//    screenshots/demo-mujoco.png. The curve has Gymnasium's threshold (3800) as its "solved" line,
//    and Walker2d-v5, which has none, gets no such line.
// Every wait is on the page's state (demo.state, demo.metrics, demo.animationSteps, the curve's
// title), never on the clock; its limit, PAGE_TIMEOUT (minutes), only ends a hang. Pixels are
// compared exactly (the inside of a thick stroke is its colour; only edges are blended).
// Without Chromium the test is skipped with a message; under CI=true that is a failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { prepareEnv, resolveTrainingSettings, rewardThreshold, Trainer, type AlgorithmName, type MetricsRecord } from '../../src/index.js';
import { chromiumInstalled, firstDifference, launchChromium, newPage } from '../helpers/chromium.js';
import { serveStatic, type StaticServer } from '../../scripts/static-server.js';

/** The page's view of itself (examples/browser/demo.js). */
interface DemoWindow {
  demo: { state: string; metrics: MetricsRecord[]; error?: string; animationSteps: number };
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const SOLVED = rewardThreshold('CartPole-v1');
/** Of seeds 1–5, seed 2 solves CartPole soonest with PPO's defaults (measured: at 188,416 steps, ~6 s in Node; seed 4 at 189,440, the others after 196,000). */
const SOLVING_SEED = 2;
/** mujoco-view.js's colours: the world's geoms, then one per body in order (Hopper: torso, thigh, leg, foot). */
const HOPPER_COLOURS = { torso: [0x00, 0x72, 0xB2], thigh: [0xD5, 0x5E, 0x00], leg: [0x00, 0x9E, 0x73], foot: [0xCC, 0x79, 0xA7] };
/** Rows of the canvas above this hold the episode counter's text. */
const TEXT_ROWS = 40;

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
  async function start(algo: string, backend: string, seed: number, env = 'CartPole-v1', threads = 1): Promise<void> {
    await page.selectOption('#env', env);
    await page.selectOption('#algo', algo);
    await page.selectOption('#backend', backend);
    await page.selectOption('#threads', String(threads));
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

  /** Runs `algo` on `env` in the page until `iterations` iterations are done, pauses, and compares them with Node's Trainer's, bit for bit. */
  async function assertNodeMetrics(algo: AlgorithmName, env: string, seed: number, iterations: number, threads = 1): Promise<void> {
    await start(algo, 'wasm', seed, env, threads);
    await until(`demo.metrics.length >= ${iterations}`);
    await pause();
    const inBrowser = (await state()).metrics.slice(0, iterations);
    await prepareEnv(env);
    const trainer = await Trainer.create(resolveTrainingSettings(algo, env, { seed }));
    for (let i = 0; i < iterations; i++) {
      const inNode: MetricsRecord = await trainer.step();
      const names = Object.keys(inNode).filter((name) => name !== 'sps');
      assert.equal(Object.keys(inBrowser[i]!).filter((name) => name !== 'sps'), names, `iteration ${i + 1}: the same metrics`);
      const at = firstDifference(names.map((name) => inBrowser[i]![name]!), names.map((name) => inNode[name]!));
      assert.is(at, -1, `iteration ${i + 1}: ${names[at]} is ${inBrowser[i]![names[at]!]} in Chromium, ${inNode[names[at]!]} in Node`);
    }
  }

  for (const [algo, iterations] of [['ppo', 3], ['trpo', 2]] as const) {
    test(`${algo}: the page's first ${iterations} iterations on wasm give Node's metrics bit for bit`, async () => {
      await assertNodeMetrics(algo, 'CartPole-v1', 7, iterations);
    });
  }

  test('two threads: the page is cross-origin isolated, the critic trains in a worker of its own, and the first 3 PPO iterations give Node\'s metrics bit for bit', async () => {
    assert.is(await page.evaluate('crossOriginIsolated'), true);
    await assertNodeMetrics('ppo', 'CartPole-v1', 7, 3, 2);
    assert.match(await page.textContent('#notice') ?? '', /The critic trains on a second thread/);
  });

  test('two threads on Hopper-v5: TRPO\'s second environment steps in a worker of its own, which loads MuJoCo by the page\'s URL, and the first 2 iterations give Node\'s metrics bit for bit', async () => {
    await assertNodeMetrics('trpo', 'Hopper-v5', 7, 2, 2);
  });

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
    const animationSteps = (await state()).animationSteps;
    await until(`demo.animationSteps >= ${animationSteps + 60}`);
    const status = await page.textContent('#status') ?? '';
    assert.match(status, new RegExp(`^paused: CartPole-v1, ppo, seed ${SOLVING_SEED} · .* · solved \\(≥ ${SOLVED}\\) at [\\d,]+ steps$`));
    const curvePoints = await page.$$eval('#curve polyline.median', (lines) => lines.map((line) => line.getAttribute('points')!.split(' ').length));
    const points = curvePoints[curvePoints.length - 1] ?? 0;
    assert.ok(points > 100, `the curve of this run has ${points} points`);
    const inkedPixels = await page.$eval('#animation', (canvas: HTMLCanvasElement) => {
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

  test('ppo on Hopper-v5: the page\'s first 2 iterations on wasm give Node\'s metrics bit for bit', async () => {
    await assertNodeMetrics('ppo', 'Hopper-v5', 7, 2);
  });

  test('Hopper-v5 in side view: the floor, the followed torso at the centre, every body in its colour; the solved line at 3800', async () => {
    // The paused run of the test above: its policy keeps driving the page's Hopper, 0.008 s a step
    // in real time; 60 steps are about half a second.
    const animationSteps = (await state()).animationSteps;
    await until(`demo.animationSteps >= ${animationSteps + 60}`);
    const ink = await page.$eval('#animation', (canvas: HTMLCanvasElement, { colours, textRows }) => {
      const { width, height } = canvas;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, width, height);
      const inked = (x: number, y: number) => data[4 * (y * width + x) + 3]! > 0;
      const count = (x0: number, x1: number) => {
        let n = 0;
        for (let y = textRows; y < height; y++) for (let x = x0; x < x1; x++) n += inked(x, y) ? 1 : 0;
        return n;
      };
      const bodies: Record<string, number> = {};
      for (const [body, [r, g, b]] of Object.entries(colours)) {
        bodies[body] = 0;
        for (let i = 0; i < data.length; i += 4) bodies[body] += data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255 ? 1 : 0;
      }
      return { left: count(0, 4), right: count(width - 4, width), centre: count(width / 2 - 2, width / 2 + 2), bodies };
    }, { colours: HOPPER_COLOURS, textRows: TEXT_ROWS });
    assert.ok(ink.left > 0 && ink.right > 0, `the floor reaches both edges (${ink.left} and ${ink.right} pixels in the outer columns)`);
    assert.ok(ink.centre > 0, 'the torso, which the camera follows, crosses the centre column');
    for (const [body, pixels] of Object.entries(ink.bodies)) assert.ok(pixels > 20, `the ${body} is drawn in its colour (${pixels} pixels)`);
    assert.equal(await page.$$eval('#curve g.threshold text', (labels) => labels.map((label) => label.textContent)), [`solved: ${rewardThreshold('Hopper-v5')}`]);
    mkdirSync(join(ROOT, 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'screenshots', 'demo-mujoco.png') });
    assert.equal(pageErrors, []);
  });

  test('an environment without a reward threshold (Walker2d-v5) gets no solved line', async () => {
    await page.selectOption('#env', 'Walker2d-v5');
    await page.waitForFunction(() => document.querySelector('#curve')?.textContent?.includes('Walker2d-v5: return while training'));
    assert.is(await page.$$eval('#curve g.threshold', (lines) => lines.length), 0);
    assert.is(rewardThreshold('Walker2d-v5'), undefined);
    assert.equal(pageErrors, []);
  });

  test('a page that is not cross-origin isolated trains on one thread when two are chosen, and says why', async () => {
    const plain = await serveStatic(ROOT, { isolated: false });
    const other = await newPage(browser);
    try {
      await other.goto(`${plain.origin}/examples/browser/`);
      await other.waitForFunction(() => (window as unknown as Partial<DemoWindow>).demo?.state === 'idle');
      assert.is(await other.evaluate('crossOriginIsolated'), false);
      await other.selectOption('#threads', '2');
      await other.click('#start');
      await other.waitForFunction('window.demo.state === "error" || window.demo.metrics.length >= 1', undefined, { polling: 50 });
      assert.is(await other.evaluate('window.demo.error'), undefined);
      assert.match(await other.textContent('#notice') ?? '', /Two threads need a cross-origin isolated page \(COOP and COEP headers\), so training runs on one\./);
    } finally {
      await other.close();
      await plain.close();
    }
  });

  test.after(async () => {
    await browser?.close();
    await server?.close();
  });
}

test.run();
