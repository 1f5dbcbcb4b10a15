// One request at a time from the main thread to a worker thread, over a SharedArrayBuffer: a
// state word, the request's method and integer arguments, f64 scalars, and named f64 regions for
// the arrays. Why not postMessage: a message round trip costs about 60 µs here (as does waking a
// thread blocked in Atomics.wait), which is as long as a critic's whole minibatch step; a worker
// that spins on the state word answers in about 1 µs. The worker spins for SPIN_MS after each
// request, so the requests of one update find it awake, then sleeps in Atomics.wait; the main
// thread waits by polling in microtasks — never blocking, so that its own work (the actor's
// update) runs between the polls — and after SPIN_MS by Atomics.waitAsync, which lets the
// worker's exit be noticed.

/** The state word's values. */
const IDLE = 0;
const REQUESTED = 1;
const DONE = 2;
const FAILED = 3;

/** Words of the control block: state, method, four integer arguments. */
const CONTROL_WORDS = 8;
/** f64 scalars: arguments in, one result out. */
const SCALARS = 8;
/** Bytes for a failure's message (UTF-8, truncated). */
const MESSAGE_BYTES = 1024;
/** How long either side spins before it sleeps, ms. */
const SPIN_MS = 5;

/** The regions' lengths, in f64 elements, by name. */
export type RegionSizes<R extends string> = Record<R, number>;

/** The memory both sides see, as the main thread creates it and the worker receives it. */
export interface ChannelMemory {
  buffer: SharedArrayBuffer;
  regions: Record<string, number>;
}

/** Both sides' views of the channel memory. */
class ChannelViews<R extends string> {
  readonly control: Int32Array;
  readonly scalars: Float64Array;
  readonly message: Uint8Array;
  readonly regions: Record<R, Float64Array>;

  constructor(readonly memory: ChannelMemory) {
    const { buffer } = memory;
    this.control = new Int32Array(buffer, 0, CONTROL_WORDS);
    let offset = CONTROL_WORDS * 4;
    this.scalars = new Float64Array(buffer, offset, SCALARS);
    offset += SCALARS * 8;
    this.message = new Uint8Array(buffer, offset, MESSAGE_BYTES);
    offset += MESSAGE_BYTES;
    const regions = {} as Record<R, Float64Array>;
    for (const [name, length] of Object.entries(memory.regions) as [R, number][]) {
      regions[name] = new Float64Array(buffer, offset, length);
      offset += length * 8;
    }
    this.regions = regions;
  }
}

function channelBytes(regions: Record<string, number>): number {
  return CONTROL_WORDS * 4 + SCALARS * 8 + MESSAGE_BYTES + Object.values(regions).reduce((sum, length) => sum + length * 8, 0);
}

/** Whether this engine can share memory with a worker (in a browser: a cross-origin isolated page). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (typeof (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== 'boolean' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);
}

/** The main thread's end: posts requests, one at a time, and settles each when the worker has answered it. */
export class RequestChannel<R extends string> extends ChannelViews<R> {
  /** Requests waiting for the one in flight. */
  private readonly queue: (() => void)[] = [];
  private inFlight = false;
  /** Set when the worker has gone (exited, or failed outside a request); every request then fails. */
  private lost: Error | undefined;

  constructor(regions: RegionSizes<R>) {
    super({ buffer: new SharedArrayBuffer(channelBytes(regions)), regions });
  }

  /** Marks the worker gone: the request in flight and every later one reject with `error`. */
  fail(error: Error): void {
    this.lost ??= error;
  }

  /**
   * Runs `method` on the worker: `write` fills the arguments (scalars, regions), the worker runs,
   * `read` takes the results. A request that finds the channel free is posted before this
   * returns, so that the worker starts while the caller goes on; others queue in order (`write`
   * then runs when their turn comes, so arrays it reads must not change before: see `busy`).
   */
  request<T>(method: number, write: (views: this) => void, read: (views: this) => T, ints: readonly number[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = (): void => {
        this.inFlight = true;
        if (this.lost) {
          reject(this.lost);
          this.next();
          return;
        }
        const { control } = this;
        write(this);
        control[1] = method;
        for (let i = 0; i < ints.length; i++) control[2 + i] = ints[i]!;
        Atomics.store(control, 0, REQUESTED);
        Atomics.notify(control, 0);
        const done = (): void => {
          Atomics.store(control, 0, IDLE);
          this.next();
        };
        this.answered().then(
          () => {
            let value: T;
            try {
              value = read(this);
            } catch (error) {
              done();
              reject(error);
              return;
            }
            done();
            resolve(value);
          },
          (error: unknown) => {
            done();
            reject(error);
          },
        );
      };
      if (this.inFlight) this.queue.push(run);
      else run();
    });
  }

  /** A request whose caller does not wait for it: its failure fails every later request. */
  send(method: number, write: (views: this) => void, ints: readonly number[] = []): void {
    this.request(method, write, () => {}, ints).catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
  }

  /** Whether a request is in flight: a new one would be posted later, so its arguments must be copied now. */
  get busy(): boolean {
    return this.inFlight;
  }

  private next(): void {
    const run = this.queue.shift();
    if (run) run();
    else this.inFlight = false;
  }

  /** Resolves once the worker has answered the request in flight; rejects with its error. */
  private answered(): Promise<void> {
    return new Promise((resolve, reject) => {
      const { control } = this;
      const start = performance.now();
      let polls = 0;
      const poll = (): void => {
        const state = Atomics.load(control, 0);
        if (state === DONE) resolve();
        else if (state === FAILED) reject(new Error(decodeMessage(this.message)));
        else if (this.lost) reject(this.lost);
        else if (++polls % 1024 !== 0 || performance.now() - start < SPIN_MS) queueMicrotask(poll);
        else sleepWhile(control, REQUESTED).then(poll, reject);
      };
      poll();
    });
  }
}

/**
 * Resolves when the state word leaves `state`, or after 50 ms (so that a lost worker is noticed).
 * The timer also keeps Node's event loop alive, which a pending Atomics.waitAsync does not.
 */
function sleepWhile(control: Int32Array, state: number): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    const waitAsync = (Atomics as { waitAsync?: (array: Int32Array, index: number, value: number, timeout: number) => { async: boolean; value: unknown } }).waitAsync;
    if (waitAsync === undefined) return;
    const wait = waitAsync(control, 0, state, 50);
    (wait.async ? (wait.value as Promise<unknown>) : Promise.resolve()).then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** The worker's end: answers requests, one at a time, until `serve`'s handler returns false. */
export class ServeChannel<R extends string> extends ChannelViews<R> {
  /** The request's integer arguments. */
  int(index: number): number {
    return this.control[2 + index]!;
  }

  /**
   * Blocks this thread answering requests: `handle(method)` reads the arguments and writes the
   * results; an exception is sent back as the request's error. Returns once `handle` returns false.
   */
  serve(handle: (method: number) => boolean): void {
    const { control } = this;
    for (;;) {
      const start = performance.now();
      let spins = 0;
      let state: number;
      while ((state = Atomics.load(control, 0)) !== REQUESTED) {
        // Spinning, then asleep until the next request's notify (or 50 ms, against a missed one).
        if (++spins % 256 === 0 && performance.now() - start > SPIN_MS) Atomics.wait(control, 0, state, 50);
      }
      let keepServing = true;
      try {
        keepServing = handle(control[1]!);
        Atomics.store(control, 0, DONE);
      } catch (error) {
        encodeMessage(this.message, error instanceof Error ? error.message : String(error));
        Atomics.store(control, 0, FAILED);
      }
      Atomics.notify(control, 0);
      if (!keepServing) return;
    }
  }
}

/** The worker's views of memory the main thread created. */
export function serveChannel<R extends string>(memory: ChannelMemory): ServeChannel<R> {
  return new ServeChannel<R>(memory);
}

function encodeMessage(bytes: Uint8Array, message: string): void {
  const encoded = new TextEncoder().encode(message).subarray(0, bytes.length - 4);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(0, encoded.length, true);
  bytes.set(encoded, 4);
}

function decodeMessage(bytes: Uint8Array): string {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  return new TextDecoder().decode(bytes.slice(4, 4 + Math.min(length, bytes.length - 4)));
}
