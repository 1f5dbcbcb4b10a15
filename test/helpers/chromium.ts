// Debian's Chromium, headless, driven by playwright-core, for the browser tests: the flags
// docs/references.md gives for WebGPU on SwiftShader, and the rule for a missing browser (a skip with a
// message; under CI=true a failure).
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

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

/** The first index where the two differ bit for bit (Object.is: -0 ≠ 0, NaN = NaN), or -1. */
export function firstDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  return a.findIndex((x, i) => !Object.is(x, b[i]));
}
