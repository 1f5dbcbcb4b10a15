import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runStandardChecks } from '../../src/check/standard-checks.js';

test('the standard report checks gradient, JVP and HVP of every default architecture, and all pass', async () => {
  const checks = await runStandardChecks({ batch: 16, coordinatesPerBlock: 4 });
  assert.is(checks.length, 15);
  assert.equal([...new Set(checks.map((c) => c.product))], ['gradient', 'Jacobian-vector', 'Hessian-vector', 'Fisher-vector']);
  for (const check of checks) assert.ok(check.result.passed, `${check.architecture} ${check.product}: ${check.result.maxRelativeError}`);
});

test.run();
