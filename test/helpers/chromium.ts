// Debian's Chromium, headless, driven by playwright-core, for the browser tests: the flags
// docs/references.md gives for WebGPU on SwiftShader, the rule for a missing browser (a skip with a
// message; under CI=true a failure), and pages whose waits are limited generously.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Whether Chromium is installed; if not, says that `what` is skipped, or throws under CI=true. */
export function chromiumInstalled(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium)`);
  console.log(`\n  SKIPPED ${what}: ${CHROMIUM} is missing (apt-get install chromium)\n`);
  return false;
}

/** Starts headless Chromium (playwright-core launches it with a fresh, empty profile). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * The limit of every wait on a page, in milliseconds: clicks, navigation, waitForFunction.
 * Playwright's default (30 s) is a wall-clock bet that a busy machine loses; the tests wait on the
 * page's state instead, and this limit only ends a hang.
 */
export const PAGE_TIMEOUT = 5 * 60_000;

/** A new page whose waits default to {@link PAGE_TIMEOUT}. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(PAGE_TIMEOUT);
  page.setDefaultNavigationTimeout(PAGE_TIMEOUT);
  return page;
}

/** The first index where the two differ bit for bit (Object.is: -0 ≠ 0, NaN = NaN), or -1. */
export function firstDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  return a.findIndex((x, i) => !Object.is(x, b[i]));
}

/** A page of the browser tests: `html` served at /index.html beside the repository (dist/ included). */
export interface TestPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * Serves the repository with `html` as /index.html, opens it in a fresh Chromium and waits until
 * the page sets `window.policygradReady` (an error of the page's is reported, naming `what`).
 */
export async function openTestPage(html: string, what: string): Promise<TestPage> {
  const { serveStatic } = await import('../../scripts/static-server.js');
  const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
  const server = await serveStatic(root, { pages: { '/index.html': html } });
  const browser = await launchChromium();
  const page = await newPage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.origin}/index.html`);
  await page.waitForFunction(() => (window as unknown as { policygradReady?: boolean }).policygradReady === true)
    .catch((error: Error) => { throw new Error(`the page did not load ${what}: ${pageErrors.join('; ') || error.message}`); });
  return {
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
