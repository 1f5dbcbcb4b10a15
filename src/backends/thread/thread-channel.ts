// One request at a time from the main thread to a worker thread, over a SharedArrayBuffer: a
// state word, the request's method and integer arguments, f64 scalars, and named f64 regions for
// the arrays. Why not postMessage: a message round trip costs about 60 µs here (as does waking a
// thread blocked in Atomics.wait), which is as long as a critic's whole minibatch step; a worker
// that spins on the state word answers in about 1 µs. The worker spins for SPIN_MS after each
// request, so that the requests of one update find it awake, then sleeps in Atomics.wait.
// A request is posted at once and answered by a Pending: awaiting it waits for the worker,
// letting this thread's other pending work run meanwhile (see Pending.then). So the caller posts
// the request, does its own work, and awaits the answer last — waiting, if at all, only for what
// is left of the worker's part.

/** The state word's values. */
const IDLE = 0;
const REQUESTED = 1;
const DONE = 2;
const FAILED = 3;

/** Words of the control block: state, method, up to six integer arguments. */
const CONTROL_WORDS = 8;
/** f64 scalars: arguments in, results out. */
const SCALARS = 8;
/** Bytes for a failure's message (UTF-8, truncated). */
const MESSAGE_BYTES = 1024;
/** How long either side spins before it sleeps, ms. */
const SPIN_MS = 5;

const RESOLVED = Promise.resolve();

/** A rejection handler, typed as lib.es5.d.ts types Promise's (`reason: any`), so that a Pending is a Promise to callers. */
type OnRejected<B> = ((reason: any) => B | PromiseLike<B>) | null;

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
  // Node has no crossOriginIsolated; a browser page has it, true only when served isolated.
  const { crossOriginIsolated } = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && crossOriginIsolated !== false;
}

/**
 * A request's answer: a thenable that, when awaited (or when the next request is posted), waits
 * for the worker and reads the results. It is a Promise in all but identity, so that the network
 * interfaces' promise types hold.
 */
export class Pending<T> implements Promise<T> {
  readonly [Symbol.toStringTag] = 'Promise';
  private settled = false;
  private value: T | undefined;
  private error: unknown;
  /** Whether a caller will see a failure; if none will, the channel fails instead. */
  observed = true;

  constructor(private readonly channel: RequestChannel<string>, private readonly read: () => T) {}

  /** Takes the answer from the channel (the worker has answered). */
  settle(failure: Error | undefined): void {
    this.settled = true;
    if (failure !== undefined) this.error = failure;
    else {
      try {
        this.value = this.read();
      } catch (error) {
        this.error = error;
      }
    }
    if (this.error !== undefined && !this.observed) this.channel.fail(this.error instanceof Error ? this.error : new Error(String(this.error)));
  }

  /**
   * Settles once the worker has answered. While it has not, this checks again in a microtask, so
   * that other work of this thread that is waiting in microtasks (TRPO's policy step beside the
   * critic's fit) goes on meanwhile; after SPIN_MS it blocks until the answer.
   */
  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: OnRejected<B>): Promise<A | B> {
    return new Promise<T>((resolve, reject) => {
      const start = performance.now();
      let polls = 0;
      const poll = (): void => {
        if (!this.settled && !this.channel.answered() && (++polls % 64 !== 0 || performance.now() - start < SPIN_MS)) {
          // A resolved promise's reaction, not queueMicrotask, which Node wraps in an async resource per call.
          void RESOLVED.then(poll);
          return;
        }
        if (!this.settled) this.channel.wait();
        if (this.error !== undefined) reject(this.error);
        else resolve(this.value as T);
      };
      poll();
    }).then(onFulfilled, onRejected);
  }

  /** The answer now, for a caller that cannot await: waits for the worker if it has not answered, and throws its failure. */
  take(): T {
    if (!this.settled) this.channel.wait();
    if (this.error !== undefined) throw this.error;
    return this.value as T;
  }

  catch<B = never>(onRejected?: OnRejected<B>): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }
}

/** The main thread's end: posts requests, one at a time, each answered by a Pending. */
export class RequestChannel<R extends string> extends ChannelViews<R> {
  private inFlight: Pending<unknown> | undefined;
  /** Set when the worker has gone (closed, exited, or a request nobody waited for failed); every request then fails. */
  private lost: Error | undefined;
  /** Whether this thread may block in Atomics.wait (not a browser page's main thread). */
  private canSleep = true;

  constructor(regions: RegionSizes<R>) {
    super({ buffer: new SharedArrayBuffer(channelBytes(regions)), regions });
  }

  /** Marks the worker gone: every later request fails with `error`. */
  fail(error: Error): void {
    this.lost ??= error;
  }

  /**
   * Posts `method` to the worker, once the request before it is answered: `write` fills the
   * arguments (scalars, regions) now; `read` takes the results when the answer is awaited.
   */
  request<T>(method: number, write: (views: this) => void, read: (views: this) => T, ints: readonly number[] = []): Pending<T> {
    if (this.inFlight) this.wait();
    const pending = new Pending<T>(this as RequestChannel<string>, () => read(this));
    if (this.lost) {
      pending.settle(this.lost);
      return pending;
    }
    const { control } = this;
    write(this);
    control[1] = method;
    for (let i = 0; i < ints.length; i++) control[2 + i] = ints[i]!;
    this.inFlight = pending as Pending<unknown>;
    Atomics.store(control, 0, REQUESTED);
    Atomics.notify(control, 0);
    return pending;
  }

  /** A request that no caller awaits: its failure fails every later request. */
  send(method: number, write: (views: this) => void, ints: readonly number[] = []): void {
    this.request(method, write, () => undefined, ints).observed = false;
  }

  /** Whether the worker has answered the request in flight (or none is in flight). */
  answered(): boolean {
    return this.inFlight === undefined || Atomics.load(this.control, 0) !== REQUESTED;
  }

  /** Waits for the worker to answer the request in flight, and settles it. */
  wait(): void {
    const pending = this.inFlight;
    if (pending === undefined) return;
    const { control } = this;
    const start = performance.now();
    let spins = 0;
    let state: number;
    while ((state = Atomics.load(control, 0)) === REQUESTED) {
      if (++spins % 256 !== 0 || performance.now() - start < SPIN_MS) continue;
      if (this.canSleep) {
        try {
          Atomics.wait(control, 0, REQUESTED, 50);
        } catch {
          this.canSleep = false;
        }
      }
    }
    this.inFlight = undefined;
    const failure = state === FAILED ? new Error(decodeMessage(this.message)) : undefined;
    Atomics.store(control, 0, IDLE);
    pending.settle(failure);
  }
}

/** The worker's end: answers requests, one at a time, until `serve`'s handler returns false. */
export class ServeChannel<R extends string> extends ChannelViews<R> {
  /** The request's integer arguments. */
  int(index: number): number {
    return this.control[2 + index]!;
  }

  /**
   * Answers requests, blocking this thread between them: `handle(method)` reads the arguments and
   * writes the results, at once or by a promise (awaited only then); an exception is sent back as
   * the request's error. Resolves once `handle` returns false.
   */
  async serve(handle: (method: number) => boolean | Promise<boolean>): Promise<void> {
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
        const handled = handle(control[1]!);
        keepServing = typeof handled === 'boolean' ? handled : await handled;
        Atomics.store(control, 0, DONE);
      } catch (error) {
        encodeMessage(this.message, error instanceof Error ? error.message : String(error));
        Atomics.store(control, 0, FAILED);
      }
      Atomics.notify(control, 0);
      if (!keepServing) return;
    }
  }

  /** Fails the request in flight, if any, with `message`: for a worker that is exiting. */
  abandon(message: string): void {
    if (Atomics.load(this.control, 0) !== REQUESTED) return;
    encodeMessage(this.message, message);
    Atomics.store(this.control, 0, FAILED);
    Atomics.notify(this.control, 0);
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
