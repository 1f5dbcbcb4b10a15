// Prints the standard finite-difference checks as a table; exits 1 if any fails.
import { runStandardChecks } from '../src/check/standard-checks.js';

const checks = await runStandardChecks();
console.log('Derivatives against fourth-order central finite differences, f64, random data (seed 0)\n');
const rows = checks.map((c) => [c.architecture, c.product, c.result.maxRelativeError.toExponential(2), c.result.tolerance.toExponential(0), c.result.passed ? 'pass' : 'FAIL']);
const header = ['architecture', 'product', 'max rel. error', 'tolerance', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
const failed = checks.filter((c) => !c.result.passed).length;
console.log(failed === 0 ? `\nAll ${checks.length} checks passed.` : `\n${failed} of ${checks.length} checks FAILED.`);
process.exitCode = failed === 0 ? 0 : 1;
