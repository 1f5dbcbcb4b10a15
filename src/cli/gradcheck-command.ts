// `policygrad gradcheck`: the finite-difference checks of gradients, Jacobian–vector and
// Hessian–vector products on the default architectures, as a table; exit code 1 on any failure.
import { runStandardChecks } from '../check/standard-checks.js';
import { formatTable } from '../report/table.js';
import { writeJson, type Command } from './command.js';

export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: 'check gradients, JVP, HVP and Fisher products of the default networks against finite differences',
  usage: 'policygrad gradcheck [--json]',
  description: 'Compares analytic gradients, Jacobian–vector, Hessian–vector and Fisher–vector products of the default actor and critic\n'
    + 'architectures with fourth-order central finite differences in f64 on seeded random data, and prints the maximum\n'
    + 'relative error of each against its tolerance. Exit code 1 if any check fails.',
  options: {
    json: { type: 'boolean', doc: 'print one JSON document: { passed, checks: [{ architecture, product, maxRelativeError, tolerance, passed, blocks }] }' },
  },
  async run({ values }, io) {
    const checks = await runStandardChecks();
    const failed = checks.filter((c) => !c.result.passed).length;
    if (values.json) {
      writeJson(io, { passed: failed === 0, checks: checks.map(({ architecture, product, result }) => ({ architecture, product, ...result })) });
    } else {
      const rows = checks.map((c) => [c.architecture, c.product, c.result.maxRelativeError.toExponential(2), c.result.tolerance.toExponential(0), c.result.passed ? 'pass' : 'FAIL']);
      io.stdout.write('Derivatives against fourth-order central finite differences, f64, random data (seed 0)\n\n');
      io.stdout.write(`${formatTable(['architecture', 'product', 'max rel. error', 'tolerance', 'result'], rows, [2, 3])}\n\n`);
      io.stdout.write(failed === 0 ? `All ${checks.length} checks passed.\n` : `${failed} of ${checks.length} checks FAILED.\n`);
    }
    return failed === 0 ? 0 : 1;
  },
};
