// Writes test/fixtures/baseline.json, the record that test/train/baseline.test.ts holds the code
// to: run it only where a change of bits is intended, and say in the commit which and why.
// Usage: npm run build && node dist/scripts/record-baseline.js
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baselineRuns } from '../test/helpers/baseline-runs.js';

const path = fileURLToPath(new URL('../../test/fixtures/baseline.json', import.meta.url));
writeFileSync(path, `${JSON.stringify(await baselineRuns(), null, 1)}\n`);
console.log(`wrote ${path}`);
