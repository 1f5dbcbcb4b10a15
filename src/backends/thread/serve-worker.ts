// The body every worker thread of ours shares: take the main thread's one message, build what
// answers its requests, say 'ready' (or { error }), answer requests over the shared channel until
// told to stop, then exit. In Node and in a browser worker alike.
import { IN_NODE } from '../../util/runtime.js';
import { serveChannel, type ChannelMemory, type ServeChannel } from './thread-channel.js';

/** The messages to and from the main thread: Node's parentPort or a browser worker's own scope. */
interface Port {
  once(listener: (data: unknown) => void): void;
  post(message: unknown): void;
}

async function parentPort(): Promise<Port> {
  if (IN_NODE) {
    const { parentPort: port } = await import('node:worker_threads');
    if (port === null) throw new Error('a policygrad worker module runs only as a worker thread');
    return { once: (listener) => port.once('message', listener), post: (message) => port.postMessage(message) };
  }
  const scope = globalThis as unknown as { addEventListener(type: 'message', listener: (event: { data: unknown }) => void, options: { once: boolean }): void; postMessage(message: unknown): void };
  return { once: (listener) => scope.addEventListener('message', (event) => listener(event.data), { once: true }), post: (message) => scope.postMessage(message) };
}

/** A request handler, as ServeChannel.serve takes it: false stops the worker. */
export type RequestHandler = (method: number) => boolean | Promise<boolean>;

/**
 * Runs this worker: `start(init, channel)` builds what the requests need from the init message
 * and returns the handler; `what` names the worker in the error a waiting caller gets if the
 * thread exits mid-request.
 */
export async function serveWorker<I extends { memory: ChannelMemory }, R extends string>(what: string, start: (init: I, channel: ServeChannel<R>) => Promise<RequestHandler>): Promise<void> {
  const port = await parentPort();
  port.once((data) => {
    const init = data as I;
    const channel = serveChannel<R>(init.memory);
    start(init, channel).then(
      async (handle) => {
        // A worker that exits while a request waits (terminated, out of memory) must not leave the caller waiting.
        if (IN_NODE) process.on('exit', () => channel.abandon(`${what}'s worker thread exited`));
        port.post('ready');
        await channel.serve(handle);
        if (IN_NODE) process.exit(0);
        else (globalThis as unknown as { close(): void }).close();
      },
      (error: unknown) => port.post({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
