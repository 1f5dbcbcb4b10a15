// Debian's redis-server for the queue tests: started on a free loopback port of its own, with an
// append-only file in a folder of the test's (so that a restart on the same folder and port finds
// the data again), and stopped by its PID. A missing redis-server skips the tests with a message;
// under CI=true it fails them (.ci/run installs it), as test/helpers/chromium.ts does for Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const REDIS_SERVER = '/usr/bin/redis-server';

/** Whether redis-server is installed; if not, says that `what` is skipped, or throws under CI=true. */
export function redisInstalled(what: string): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  if (process.env.CI === 'true') throw new Error(`${REDIS_SERVER} is missing: CI must install Debian's redis-server (apt-get install redis-server)`);
  console.log(`\n  SKIPPED ${what}: ${REDIS_SERVER} is missing (apt-get install redis-server)\n`);
  return false;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stops it with SIGTERM (it writes its append-only file and exits) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  restart(): Promise<void>;
}

/** Starts redis-server on `port` with its data in `dir`; resolves once it accepts connections. */
export async function startRedis(dir: string, port?: number): Promise<RedisServer> {
  const chosen = port ?? await freePort();
  let child: ChildProcess | undefined;
  const launch = () => new Promise<void>((resolve, reject) => {
    const server = spawn(REDIS_SERVER, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = server;
    let output = '';
    const onData = (data: Buffer) => {
      output += data;
      if (output.includes('Ready to accept connections')) {
        server.stdout!.off('data', onData);
        server.stdout!.resume();
        resolve();
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.resume();
    server.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`)));
  });
  await launch();
  const stop = async () => {
    const server = child;
    if (server === undefined || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    process.kill(server.pid!, 'SIGTERM');
    await exited;
  };
  return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop, restart: launch };
}
