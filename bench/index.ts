// `npm run bench`: every suite, printed as the Markdown tables that bench/RESULTS.md records.
import { formatBenchmarks, runBenchmarks } from './suites.js';

console.log(formatBenchmarks(await runBenchmarks((message) => console.error(message))));
