// Serves the repository root on 127.0.0.1 and prints the browser demo's address (after
// `npm run build`; `npm run demo:browser` does both).
//   node dist/scripts/demo-browser.js [--port 8080]
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--port must be an integer in [0, 65535], got '${values.port}'`);
const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const server = await serveStatic(root, { port });
console.log(`policygrad browser demo: ${server.origin}/examples/browser/   (Ctrl-C stops the server)`);
