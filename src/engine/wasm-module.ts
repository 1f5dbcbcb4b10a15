// Loading the kernel module. The wasm bytes are embedded (base64) at build time, so the same code
// runs in Node and in a browser with no path or server configuration.
import { kernelsWasmBase64 } from './kernels-wasm.generated.js';

/** Element type of a backend's arrays: f32 is the training path, f64 the verification path. */
export type DType = 'f32' | 'f64';

/** Pointers are byte offsets into the module's memory; flags are 0 or 1. */
export interface KernelSet {
  dot(a: number, b: number, n: number): number;
  axpy(y: number, alpha: number, x: number, n: number): void;
  scale(x: number, alpha: number, n: number): void;
  sumRows(out: number, x: number, rows: number, columns: number, accumulate: number): void;
  gemv(y: number, a: number, x: number, m: number, n: number, accumulate: number): void;
  gemvT(y: number, a: number, x: number, m: number, n: number, accumulate: number): void;
  gemmNN(c: number, a: number, b: number, m: number, k: number, n: number, accumulate: number): void;
  gemmNT(c: number, a: number, b: number, m: number, k: number, n: number, accumulate: number): void;
  gemmTN(c: number, a: number, b: number, m: number, k: number, n: number, accumulate: number): void;
  denseForward(out: number, x: number, weight: number, bias: number, batch: number, nIn: number, nOut: number, kind: number): void;
  activationForward(out: number, x: number, n: number, kind: number): void;
  activationDerivative(out: number, y: number, n: number, kind: number): void;
  activationSecondDerivative(out: number, y: number, n: number, kind: number): void;
  activationBackward(out: number, upstream: number, y: number, n: number, kind: number): void;
  activationBackwardTangent(out: number, upstreamTangent: number, upstream: number, y: number, preActivationTangent: number, n: number, kind: number): void;
  /** One Adam step in place; the moments are f64 arrays whatever the dtype (assembly/adam.ts). */
  adamStep(parameters: number, gradients: number, firstMoment: number, secondMoment: number, n: number, beta1: number, beta2: number, epsilon: number, stepSize: number, correction2: number, gradientScale: number): void;
  /** Σ x[i]² in f64, in the order of i. */
  sumOfSquares(x: number, n: number): number;
  /** The index of the first element that is not finite, or −1. */
  firstNonFinite(x: number, n: number): number;
}

const kernelNames: readonly (keyof KernelSet)[] = [
  'dot', 'axpy', 'scale', 'sumRows', 'gemv', 'gemvT', 'gemmNN', 'gemmNT', 'gemmTN', 'denseForward',
  'activationForward', 'activationDerivative', 'activationSecondDerivative', 'activationBackward',
  'activationBackwardTangent', 'adamStep', 'sumOfSquares', 'firstNonFinite',
];

/**
 * The part of a `WebAssembly.Memory` that the arena and the kernels use. Declared here because
 * the ES libraries have no WebAssembly namespace (lib.dom and @types/node add it), so the
 * published declarations need neither.
 */
export interface WasmMemory {
  /** The memory's bytes; replaced (the old one detached) when the memory grows. */
  readonly buffer: ArrayBuffer;
  /** Grows the memory by `delta` pages of 64 KiB; returns the previous size in pages. */
  grow(delta: number): number;
}

/** One instance of the kernel module: its own memory, and its kernels for one dtype. */
export interface KernelInstance {
  readonly memory: WasmMemory;
  /** First free byte after the module's static data. */
  readonly heapBase: number;
  readonly kernels: KernelSet;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Instantiates the kernel module (compiled once per process) and picks the kernels of `dtype`. */
export async function instantiateKernels(dtype: DType): Promise<KernelInstance> {
  compiled ??= WebAssembly.compile(decodeBase64(kernelsWasmBase64));
  const instance = await WebAssembly.instantiate(await compiled, {
    env: {
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new Error(`policygrad kernel aborted at ${line}:${column}`);
      },
    },
  });
  const exports = instance.exports as Record<string, unknown>;
  const kernels = Object.fromEntries(
    kernelNames.map((name) => [name, exports[`${name}_${dtype}`] as (...args: number[]) => number]),
  ) as unknown as KernelSet;
  return {
    memory: exports.memory as WebAssembly.Memory,
    heapBase: (exports.heapBase as WebAssembly.Global).value as number,
    kernels,
  };
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
