// The checks themselves, on functions with closed-form derivatives: they pass on the true
// derivative and fail on a wrong one, so that a passing MLP check means something.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gradcheck, hvpcheck, jvpcheck } from '../../src/check/finite-difference.js';

// f(θ) = Σ_i sin(θ_i)·θ_{i+1} + ½‖θ‖², with hand-derived gradient and Hessian.
const f = (t: Float64Array) => t.reduce((s, x, i) => s + (i + 1 < t.length ? Math.sin(x) * t[i + 1]! : 0) + 0.5 * x * x, 0);
const gradient = (t: Float64Array) =>
  t.map((x, i) => (i + 1 < t.length ? Math.cos(x) * t[i + 1]! : 0) + (i > 0 ? Math.sin(t[i - 1]!) : 0) + x);
const hvp = (t: Float64Array, v: Float64Array) =>
  t.map((x, i) => {
    let h = v[i]!; // from ½‖θ‖²
    if (i + 1 < t.length) h += -Math.sin(x) * t[i + 1]! * v[i]! + Math.cos(x) * v[i + 1]!;
    if (i > 0) h += Math.cos(t[i - 1]!) * v[i - 1]!;
    return h;
  });
const theta = Float64Array.from({ length: 9 }, (_, i) => Math.sin(3 * i + 1));
const blocks = [{ name: 'first', offset: 0, length: 4 }, { name: 'rest', offset: 4, length: 5 }];

test('gradcheck passes the closed-form gradient within 1e-9 and reports each block', () => {
  const result = gradcheck(f, gradient, theta, { blocks });
  assert.ok(result.passed);
  assert.ok(result.maxRelativeError < 1e-9, String(result.maxRelativeError));
  assert.equal(result.blocks.map((b) => [b.name, b.checked]), [['first', 4], ['rest', 5]]);
  assert.is(result.tolerance, 1e-7);
});

test('gradcheck fails a gradient wrong in one coordinate by 1e-6 relative, and names its block', () => {
  const wrong = (t: Float64Array) => gradient(t).map((g, i) => (i === 6 ? g * (1 + 1e-6) : g));
  const result = gradcheck(f, wrong, theta, { blocks });
  assert.not.ok(result.passed);
  assert.ok(result.blocks[0]!.maxRelativeError < 1e-9);
  assert.ok(Math.abs(result.blocks[1]!.maxRelativeError - 1e-6) < 1e-8);
});

test('gradcheck can sample coordinates per block, reproducibly', () => {
  const a = gradcheck(f, gradient, theta, { blocks, coordinatesPerBlock: 2, seed: 3 });
  const b = gradcheck(f, gradient, theta, { blocks, coordinatesPerBlock: 2, seed: 3 });
  assert.equal(a.blocks.map((x) => x.checked), [2, 2]);
  assert.equal(a, b);
});

test('hvpcheck passes the closed-form Hessian–vector product within 1e-9 and fails a wrong one', () => {
  const result = hvpcheck(gradient, hvp, theta, { blocks });
  assert.ok(result.passed && result.maxRelativeError < 1e-9, String(result.maxRelativeError));
  // Dropping the curvature of sin is an error of order 1 in some coordinates.
  const wrong = (t: Float64Array, v: Float64Array) => hvp(t, v).map((h, i) => (i + 1 < t.length ? h + Math.sin(t[i]!) * t[i + 1]! * v[i]! : h));
  assert.not.ok(hvpcheck(gradient, wrong, theta, { blocks }).passed);
});

test('jvpcheck checks a vector function with more outputs than inputs', () => {
  const g = (t: Float64Array) => Float64Array.of(t[0]! * t[1]!, Math.exp(t[0]!), t[1]! ** 3);
  const jvp = (t: Float64Array, v: Float64Array) => Float64Array.of(v[0]! * t[1]! + t[0]! * v[1]!, Math.exp(t[0]!) * v[0]!, 3 * t[1]! ** 2 * v[1]!);
  const result = jvpcheck(g, jvp, [0.3, -1.2], { direction: [0.5, 2] });
  assert.ok(result.passed && result.maxRelativeError < 1e-10, String(result.maxRelativeError));
});

test('a zero direction gives a zero product on both sides', () => {
  const result = hvpcheck(gradient, hvp, theta, { direction: new Float64Array(9) });
  assert.ok(result.passed);
  assert.is(result.blocks[0]!.maxAbsoluteError, 0);
});

test('bad options throw errors naming them', () => {
  assert.throws(() => gradcheck(f, gradient, theta, { stepp: 1 } as never), /gradcheck: unknown option 'stepp'/);
  assert.throws(() => gradcheck(f, gradient, theta, { step: -1 }), /step must be positive/);
  assert.throws(() => gradcheck(f, gradient, [1, Number.NaN]), /parameters\[1\] must be a finite number/);
  assert.throws(() => gradcheck(f, gradient, theta, { blocks: [{ name: 'x', offset: 5, length: 9 }] }), /blocks\[0\].length must be an integer in \[0, 4\]/);
  assert.throws(() => gradcheck(f, () => [1, 2], theta), /gradient\(parameters\) must have length 9/);
  assert.throws(() => hvpcheck(gradient, hvp, theta, { direction: [1] }), /direction must have length 9/);
  assert.throws(() => gradcheck(f, gradient, theta, { coordinatesPerBlock: 0 }), /coordinatesPerBlock must be an integer/);
});

test.run();
