// Starting a worker thread from a module URL, in Node (worker_threads) and in a browser (a module
// Worker), and knowing when it is ready or gone.
import { IN_NODE } from '../../util/runtime.js';

/** A started worker. */
export interface WorkerHandle {
  terminate(): Promise<void>;
}

/**
 * Starts the module at `url` as a worker, sends it `init`, and resolves once it answers 'ready'
 * (rejects with its error if it answers { error } or exits first). `onLost` is told when the
 * worker later exits or throws. In Node the worker does not keep the process alive.
 */
export async function startWorker(url: URL, init: unknown, onLost: (error: Error) => void): Promise<WorkerHandle> {
  if (IN_NODE) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(url);
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: unknown) => (message === 'ready' ? resolve() : reject(new Error(`worker ${url.pathname}: ${(message as { error?: string }).error}`))));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker ${url.pathname} exited with code ${code} before it was ready`)));
      worker.postMessage(init);
    });
    worker.on('error', (error) => onLost(error));
    worker.on('exit', (code) => onLost(new Error(`worker ${url.pathname} exited (code ${code})`)));
    return { terminate: async () => void (await worker.terminate()) };
  }
  const worker = new Worker(url, { type: 'module' });
  await new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', (event) => (event.data === 'ready' ? resolve() : reject(new Error(`worker ${url.pathname}: ${(event.data as { error?: string }).error}`))), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(`worker ${url.pathname}: ${event.message}`)), { once: true });
    worker.postMessage(init);
  });
  worker.addEventListener('error', (event) => onLost(new Error(`worker ${url.pathname}: ${event.message}`)));
  return { terminate: async () => worker.terminate() };
}
