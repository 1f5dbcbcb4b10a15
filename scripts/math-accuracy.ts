// The accuracy of src/math against mpmath (scripts/math-reference.py), on a large seeded sample
// per function: worst ulp error, where, and how many results are not correctly rounded; special
// values (NaN, ±∞, ±0) are compared bit for bit. Prints a Markdown table for docs/math.md.
//   npm run build && node dist/scripts/math-accuracy.js [--count 1000000] [--seed 1] [--functions exp,log]
import { parseArgs } from 'node:util';
import { ARGUMENTS, drawArguments } from '../test/helpers/math-arguments.js';
import { compareWithReference, mpmathInstalled } from '../test/helpers/math-reference.js';

/** What each function's sample covers, for the table. */
const RANGES: Record<string, string> = {
  exp: '[−745.2, 709.8], near both thresholds, |x| down to subnormal',
  expm1: '[−750, 709.8], |x| in [2⁻¹⁰⁷⁴, 1]',
  log: 'all positive doubles incl. subnormal, 1 ± 2⁻⁶⁰…2⁻¹, negatives',
  log1p: '[−1, 10], −1 + 2⁻⁵³…, |x| in [2⁻¹⁰⁷⁴, 2¹⁰²⁴), x < −1',
  sin: '[−10, 10], [−1e5, 1e5], |x| up to 1.8e308, near k·π/2 (k up to 2¹⁰²⁰), subnormal',
  tanh: '[−25, 25], |x| in [2⁻¹⁰⁷⁴, 16], near the branch points 0.625 and 22',
  atan: '|x| in [2⁻¹⁰⁷⁴, 2¹⁰²⁴), near the reduction breakpoints',
  atan2: 'all quadrants, |y|, |x| in [2⁻¹⁰⁷⁴, 2¹⁰²⁴), |y/x| near 2^±60',
  pow: 'x in (0, 10], y·log2 x across [−1080, 1025] and near ±1024, x near 1 with |y| to 2⁷⁰, negative x with integer y, subnormal x',
};
RANGES.cos = RANGES.sin!;
RANGES.tan = RANGES.sin!;

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' }, functions: { type: 'string', default: Object.keys(ARGUMENTS).join(',') } } });
const count = Number(values.count);
const seed = Number(values.seed);
const names = values.functions!.split(',');

if (!mpmathInstalled('the accuracy run')) process.exit(1);
const started = Date.now();
const samples: Record<string, number[][]> = {};
for (const name of names) samples[name] = drawArguments(name, count, seed);
console.error(`drew ${count} arguments for each of ${names.length} functions; measuring against mpmath ...`);
const report = compareWithReference(samples, true);
console.log(`\n${count} arguments per function, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log('| function | arguments | ranges | worst error (ulp) | at | not correctly rounded | special values (bit-exact) |');
console.log('|---|---|---|---|---|---|---|');
let failed = false;
for (const name of names) {
  const r = report[name]!;
  const worst = r.max_ulp === 'Infinity' ? Infinity : r.max_ulp;
  if (!(worst < 1) || r.special_mismatch_count > 0) failed = true;
  const at = r.worst ? `${name}(${r.worst.args.join(', ')})` : '';
  const specials = `${r.special_count - r.special_mismatch_count}/${r.special_count}`;
  console.log(`| ${name} | ${r.count} | ${RANGES[name]!.replaceAll('|', '\\|')} | ${worst.toFixed(4)} | \`${at}\` | ${((100 * r.not_cr) / r.count).toFixed(3)}% | ${specials} |`);
  for (const m of r.special_mismatches) console.log(`    special mismatch: ${name}(${m.args.join(', ')}) = ${m.ours}, expected ${m.expected}`);
}
if (failed) {
  console.log('\nFAILED: some function is 1 ulp or more off, or a special value differs');
  process.exit(1);
}
