// src/math against the host's Math.* (which it replaces, for determinism): nanoseconds per call
// in a tight loop over 4096 arguments from each function's typical range in this project
// (angles, Box–Muller's 2πu, log-probabilities, ratios), plus the rare huge-argument path of sin.
//   npm run build && node dist/bench/math.js
import { pathToFileURL } from 'node:url';
import * as math from '../src/math/index.js';
import { Random } from '../src/random/prng.js';
import { describeMachine, measure } from './measure.js';

const COUNT = 4096;
const ROUNDS = 3;

export interface MathRow {
  function: string;
  range: string;
  oursNs: number;
  hostNs: number;
}

const CASES: { name: keyof typeof math; host: (a: number, b: number) => number; range: string; draw: (r: Random) => [number, number] }[] = [
  { name: 'exp', host: Math.exp, range: '[−10, 10]', draw: (r) => [r.uniformIn(-10, 10), 0] },
  { name: 'expm1', host: Math.expm1, range: '[−1, 1]', draw: (r) => [r.uniformIn(-1, 1), 0] },
  { name: 'log', host: Math.log, range: '(0, 100]', draw: (r) => [100 * (1 - r.uniform()), 0] },
  { name: 'log1p', host: Math.log1p, range: '[−0.5, 10]', draw: (r) => [r.uniformIn(-0.5, 10), 0] },
  { name: 'sin', host: Math.sin, range: '[−10, 10]', draw: (r) => [r.uniformIn(-10, 10), 0] },
  { name: 'cos', host: Math.cos, range: '[0, 2π]', draw: (r) => [r.uniformIn(0, 2 * Math.PI), 0] },
  { name: 'tan', host: Math.tan, range: '[−1.5, 1.5]', draw: (r) => [r.uniformIn(-1.5, 1.5), 0] },
  { name: 'tanh', host: Math.tanh, range: '[−3, 3]', draw: (r) => [r.uniformIn(-3, 3), 0] },
  { name: 'atan', host: Math.atan, range: '[−10, 10]', draw: (r) => [r.uniformIn(-10, 10), 0] },
  { name: 'atan2', host: Math.atan2, range: 'y, x in [−1, 1]', draw: (r) => [r.uniformIn(-1, 1), r.uniformIn(-1, 1)] },
  { name: 'pow', host: Math.pow, range: 'x in (0, 10], y in [−3, 3]', draw: (r) => [10 * (1 - r.uniform()), r.uniformIn(-3, 3)] },
  { name: 'sin', host: Math.sin, range: '|x| in [1e300, 1e308] (Payne–Hanek)', draw: (r) => [r.uniformIn(1e300, 1e308), 0] },
];

/**
 * A loop summing f over the arguments, compiled separately for each use: a single shared loop
 * would see all the functions at one call site, which V8 then cannot inline (megamorphic).
 */
function makeLoop(arity: number): (f: (a: number, b: number) => number, a: Float64Array, b: Float64Array) => number {
  const call = arity === 1 ? 'f(a[i])' : 'f(a[i], b[i])';
  return new Function('f', 'a', 'b', `let s = 0; for (let i = 0; i < a.length; i++) s += ${call}; return s;`) as never;
}

export async function benchmarkMath(): Promise<MathRow[]> {
  const random = new Random(5);
  const rows: MathRow[] = [];
  for (const c of CASES) {
    const a = new Float64Array(COUNT);
    const b = new Float64Array(COUNT);
    for (let i = 0; i < COUNT; i++) [a[i], b[i]] = c.draw(random);
    const ours = math[c.name] as (a: number, b: number) => number;
    const arity = c.name === 'atan2' || c.name === 'pow' ? 2 : 1;
    const oursLoop = makeLoop(arity);
    const hostLoop = makeLoop(arity);
    // Alternating rounds, best median of each: on a shared 2-core machine, one round's medians
    // drift by up to 2× with the neighbours' load.
    let oursMs = Infinity;
    let hostMs = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const timings = await measure({ ours: () => oursLoop(ours, a, b), host: () => hostLoop(c.host, a, b) }, 300);
      oursMs = Math.min(oursMs, timings.ours!.medianMs);
      hostMs = Math.min(hostMs, timings.host!.medianMs);
    }
    rows.push({ function: c.name, range: c.range, oursNs: (oursMs * 1e6) / COUNT, hostNs: (hostMs * 1e6) / COUNT });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchmarkMath();
  console.log(`${await describeMachine()}\n`);
  console.log('| function | arguments | ours (ns/call) | host Math (ns/call) | ours/host |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.function} | ${r.range.replaceAll('|', '\\|')} | ${r.oursNs.toFixed(1)} | ${r.hostNs.toFixed(1)} | ${(r.oursNs / r.hostNs).toFixed(2)} |`);
}
