// TypeScript owns the kernel module's memory: a bump allocator hands out aligned regions once,
// at setup, and kernels only ever receive pointers into them. No allocation on hot paths.
import type { DType, WasmMemory } from './wasm-module.js';
import type { FloatArray } from '../util/validate.js';

/** Regions start on 16-byte boundaries, so v128 loads of a region's start are aligned. */
const ALIGNMENT = 16;
const PAGE_BYTES = 65536;

/** A region of the arena seen as a typed array; `array` survives memory growth. */
export class ArenaArray {
  private cachedArray: FloatArray | undefined;
  private cachedBuffer: ArrayBuffer | undefined;

  constructor(
    private readonly memory: WasmMemory,
    readonly dtype: DType,
    /** Byte offset in the module's memory: the pointer kernels take. */
    readonly pointer: number,
    readonly length: number,
  ) {}

  /** A zero-copy view. Growth of the memory detaches old views, so re-read this after allocating. */
  get array(): FloatArray {
    const buffer = this.memory.buffer;
    if (buffer !== this.cachedBuffer || this.cachedArray === undefined) {
      this.cachedBuffer = buffer;
      this.cachedArray = this.dtype === 'f32'
        ? new Float32Array(buffer, this.pointer, this.length)
        : new Float64Array(buffer, this.pointer, this.length);
    }
    return this.cachedArray;
  }

  /** A view of the first `length` elements. */
  head(length: number): FloatArray {
    return this.array.subarray(0, length);
  }
}

export class Arena {
  private top: number;

  constructor(private readonly memory: WasmMemory, base: number) {
    this.top = alignUp(base);
  }

  /** Allocates `length` zeroed elements of `dtype`, growing the memory if needed. */
  allocate(dtype: DType, length: number): ArenaArray {
    const bytes = length * (dtype === 'f32' ? 4 : 8);
    const pointer = this.top;
    const end = pointer + bytes;
    const available = this.memory.buffer.byteLength;
    if (end > available) this.memory.grow(Math.ceil((end - available) / PAGE_BYTES));
    this.top = alignUp(end);
    return new ArenaArray(this.memory, dtype, pointer, length);
  }
}

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}
