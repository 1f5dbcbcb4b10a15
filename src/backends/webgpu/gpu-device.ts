// Finding a WebGPU device: `navigator.gpu` in browsers (and any runtime that has it); in Node the
// npm package `webgpu` (Dawn, about 130 MB of binaries), an optional peer dependency imported only
// when a WebGPU backend is asked for, so that wasm users never install it. The library sets no environment variables: which Vulkan driver Dawn
// uses is the caller's choice (docs/webgpu.md shows SwiftShader for machines without
// a GPU).

import type { GPU, GPUDevice } from './webgpu-api.js';
import { IN_NODE } from '../../util/runtime.js';

/** No WebGPU implementation, or no adapter: `createEngine({ backend: 'auto' })` falls back on it. */
export class WebGPUUnavailableError extends Error {
  override name = 'WebGPUUnavailableError';
}

/** The WebGPU spec's flag values, so that Node needs no WebGPU globals installed. */
export const BUFFER_USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
export const MAP_MODE_READ = 0x1;

export interface GPUContext {
  readonly device: GPUDevice;
  /** Vendor, architecture and description of the adapter, as it reports them. */
  readonly adapterDescription: string;
}

/** The node package's entry point (its types are @webgpu/types', which duplicate lib.dom's). */
interface DawnModule {
  create(flags: string[]): GPU;
}

/** Dawn's GPU objects, kept alive for the process: a collected instance would take its devices along. */
let dawn: GPU | undefined;

async function findGPU(): Promise<GPU> {
  const browserGPU = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (browserGPU) return browserGPU;
  if (!IN_NODE) throw new WebGPUUnavailableError('WebGPU is not available: this browser has no navigator.gpu (Chromium 113+ has it; over http it needs a secure context)');
  if (dawn) return dawn;
  const specifier = 'webgpu'; // a variable, so that bundlers leave the Node-only package alone
  let module: DawnModule;
  try {
    module = (await import(specifier)) as DawnModule;
  } catch (error) {
    throw new WebGPUUnavailableError(`WebGPU in Node needs the package 'webgpu', an optional peer dependency of policygrad: npm install webgpu (${(error as Error).message})`);
  }
  dawn = module.create([]);
  return dawn;
}

/** An adapter and a device with the adapter's largest storage-buffer limits. */
export async function requestGPUDevice(): Promise<GPUContext> {
  const gpu = await findGPU();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new WebGPUUnavailableError(
      'WebGPU found no adapter. In Node, Dawn needs a Vulkan driver (libvulkan1 and a GPU driver; without a GPU, ' +
      'Debian\'s chromium package ships SwiftShader: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json); ' +
      'in Chromium, start it with --enable-unsafe-webgpu where WebGPU is not enabled by default.',
    );
  }
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  const info = adapter.info;
  const adapterDescription = [info.vendor, info.architecture, info.description || info.device].filter((part) => part).join(' ') || 'unknown adapter';
  return { device, adapterDescription };
}
