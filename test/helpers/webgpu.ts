// WebGPU for the tests. Without a GPU, Dawn (the npm package `webgpu`) runs on SwiftShader, the
// Vulkan software driver that Debian's chromium package ships; the driver is chosen here, by
// environment variables that the Vulkan loader reads, and never by the library.
import { existsSync } from 'node:fs';
import { createEngine } from '../../src/backends/create-engine.js';
import { WebGPUUnavailableError } from '../../src/backends/webgpu/gpu-device.js';
import type { WebGPUBackend } from '../../src/backends/webgpu/webgpu-backend.js';
import { scratchFolder } from './scratch-folder.js';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Points the Vulkan loader at SwiftShader unless the caller chose a driver already. */
export function useSwiftShaderUnlessSet(): void {
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= scratchFolder('xdg');
}

/**
 * A WebGPU backend, or undefined with a visible message when there is no adapter. Under CI=true a
 * missing adapter fails instead: CI installs what the tests need.
 */
export async function webgpuOrSkip(suite: string): Promise<WebGPUBackend | undefined> {
  useSwiftShaderUnlessSet();
  try {
    return await createEngine({ backend: 'webgpu' });
  } catch (error) {
    if (!(error instanceof WebGPUUnavailableError) || process.env.CI === 'true') throw error;
    console.log(`\n  SKIPPED ${suite}: ${error.message}\n`);
    return undefined;
  }
}
