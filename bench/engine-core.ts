// The engine-core suites alone — gemm at every shape PPO and TRPO use and in every layout, the
// MLP, the optimiser step — printed as the Markdown tables of bench/RESULTS.md:
//   npm run build && node dist/bench/engine-core.js
import { formatEngineCore, runEngineCoreBenchmarks } from './suites.js';

console.log(formatEngineCore(await runEngineCoreBenchmarks((message) => console.error(message))).join('\n\n'));
