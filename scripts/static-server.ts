// A static file server on 127.0.0.1 (a secure context, as WebGPU requires) for the browser demo
// and the browser tests: the repository root, so that a page imports the compiled ESM under dist/
// by path, with no bundler. Every response carries the two headers that make a page cross-origin
// isolated, which SharedArrayBuffer — and so training on two threads — needs.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.json': 'application/json',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Path → HTML served from memory instead of the disk. */
  pages?: Record<string, string>;
  /** TCP port; 0 (the default) takes a free one. */
  port?: number;
  /** Send the cross-origin isolation headers (default true); false serves a page as most hosts do. */
  isolated?: boolean;
}

/** Cross-origin isolation: the page opens no cross-origin window into its process, and loads only resources that agree to it (all ours are same-origin). */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Serves `root` on 127.0.0.1; a path ending in '/' serves that folder's index.html. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const pages = options.pages ?? {};
  const isolation = options.isolated === false ? {} : ISOLATION;
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const path = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    if (pages[path] !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html', ...isolation }).end(pages[path]);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...isolation }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
