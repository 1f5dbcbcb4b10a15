// Special values of src/math, bit for bit (Object.is: −0 ≠ +0, NaN = NaN). Reference: IEEE 754 /
// C99 Annex F, and ECMAScript's Math.* where it differs from C (pow(1, NaN) and pow(±1, ±∞) are
// NaN). Tolerance: none — each must be exactly the listed double. Constants such as π/2 are the
// correctly rounded doubles (checked against mpmath by accuracy.test.ts's reference).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { atan, atan2, cos, exp, expm1, log, log1p, pow, sin, tan, tanh } from '../../src/math/index.js';

const PI = 3.141592653589793;
const HALF_PI = 1.5707963267948966;
const QUARTER_PI = 0.7853981633974483;
const MIN = 5e-324;
const MAX = 1.7976931348623157e308;

const UNARY: [string, (x: number) => number, [number, number][]][] = [
  ['exp', exp, [[NaN, NaN], [Infinity, Infinity], [-Infinity, 0], [0, 1], [-0, 1], [709.8, Infinity], [-746, 0], [-745.1332191019411, MIN], [-745.1332191019412, 0], [709.782712893384, 1.7976931348622732e308]]],
  ['expm1', expm1, [[NaN, NaN], [Infinity, Infinity], [-Infinity, -1], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN], [710, Infinity], [-40, -1], [1e-300, 1e-300]]],
  ['log', log, [[NaN, NaN], [Infinity, Infinity], [-Infinity, NaN], [0, -Infinity], [-0, -Infinity], [-1, NaN], [-MIN, NaN], [1, 0], [MIN, -744.4400719213812], [MAX, 709.782712893384], [2, 0.6931471805599453]]],
  ['log1p', log1p, [[NaN, NaN], [Infinity, Infinity], [-Infinity, NaN], [0, 0], [-0, -0], [-1, -Infinity], [-1.0000000000000002, NaN], [-2, NaN], [MIN, MIN], [-MIN, -MIN], [MAX, 709.782712893384]]],
  ['sin', sin, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN], [1e-300, 1e-300]]],
  ['cos', cos, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 1], [-0, 1], [MIN, 1]]],
  ['tan', tan, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN]]],
  ['tanh', tanh, [[NaN, NaN], [Infinity, 1], [-Infinity, -1], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN], [30, 1], [-30, -1], [MAX, 1]]],
  ['atan', atan, [[NaN, NaN], [Infinity, HALF_PI], [-Infinity, -HALF_PI], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN], [1, QUARTER_PI], [-1, -QUARTER_PI], [MAX, HALF_PI]]],
];

for (const [name, f, cases] of UNARY) {
  test(`${name}: special values`, () => {
    for (const [x, expected] of cases) assert.ok(Object.is(f(x), expected), `${name}(${Object.is(x, -0) ? '-0' : x}) = ${f(x)}, expected ${expected}`);
  });
}

// ECMAScript's Math.atan2 table (§21.3.2.8), every quadrant and zero sign.
const ATAN2: [number, number, number][] = [
  [NaN, 1, NaN], [1, NaN, NaN], [NaN, NaN, NaN],
  [0, 1, 0], [0, 0, 0], [0, -0, PI], [0, -1, PI],
  [-0, 1, -0], [-0, 0, -0], [-0, -0, -PI], [-0, -1, -PI],
  [1, 0, HALF_PI], [1, -0, HALF_PI], [-1, 0, -HALF_PI], [-1, -0, -HALF_PI],
  [1, Infinity, 0], [1, -Infinity, PI], [-1, Infinity, -0], [-1, -Infinity, -PI],
  [Infinity, 1, HALF_PI], [-Infinity, 1, -HALF_PI], [Infinity, -1, HALF_PI], [-Infinity, -1, -HALF_PI],
  [Infinity, Infinity, QUARTER_PI], [Infinity, -Infinity, 2.356194490192345],
  [-Infinity, Infinity, -QUARTER_PI], [-Infinity, -Infinity, -2.356194490192345],
  [1, 1, QUARTER_PI], [1, -1, 2.356194490192345], [-1, -1, -2.356194490192345], [-1, 1, -QUARTER_PI],
  [MAX, MIN, HALF_PI], [MIN, MAX, 0], [MIN, -MAX, PI], [-MIN, -MAX, -PI],
];

test('atan2: ECMAScript special values and quadrants', () => {
  for (const [y, x, expected] of ATAN2) assert.ok(Object.is(atan2(y, x), expected), `atan2(${y}, ${x}) = ${atan2(y, x)}, expected ${expected}`);
});

// ECMAScript's Math.pow table (Number::exponentiate, §6.1.6.1.3), then C99's for the rest.
const POW: [number, number, number][] = [
  [NaN, 0, 1], [NaN, -0, 1], [Infinity, 0, 1], [0, 0, 1], [-0, -0, 1], [-3, 0, 1],
  [NaN, 1, NaN], [1, NaN, NaN], [2, NaN, NaN], [NaN, NaN, NaN],
  [1, Infinity, NaN], [1, -Infinity, NaN], [-1, Infinity, NaN], [-1, -Infinity, NaN],
  [1, 5, 1], [1, -0.5, 1], [-1, 3, -1], [-1, 4, 1], [-1, 0.5, NaN],
  [2, Infinity, Infinity], [2, -Infinity, 0], [0.5, Infinity, 0], [0.5, -Infinity, Infinity],
  [-2, Infinity, Infinity], [-2, -Infinity, 0], [-0.5, Infinity, 0], [-0.5, -Infinity, Infinity],
  [Infinity, 2, Infinity], [Infinity, -2, 0], [Infinity, 0.5, Infinity], [Infinity, -0.5, 0],
  [-Infinity, 3, -Infinity], [-Infinity, 2, Infinity], [-Infinity, 0.5, Infinity], [-Infinity, -3, -0], [-Infinity, -2, 0], [-Infinity, -0.5, 0],
  [0, 3, 0], [0, 0.5, 0], [0, -3, Infinity], [0, -0.5, Infinity],
  [-0, 3, -0], [-0, 2, 0], [-0, 0.5, 0], [-0, -3, -Infinity], [-0, -2, Infinity], [-0, -0.5, Infinity],
  [-2, 0.5, NaN], [-8, 1 / 3, NaN], [-MIN, 1.5, NaN],
  [-2, 3, -8], [-2, 2, 4], [-2, -3, -0.125], [-3, 39, -4052555153018976267], [-2, 1024, Infinity], [-2, 1025, -Infinity], [-2, -1075, -0], [-2, -1074, MIN], [-2, -1073, -2 * MIN], [-2, -1076, 0],
  [2, 1023, 8.98846567431158e307], [2, -1074, MIN], [2, -1075, 0], [2, 0.5, Math.SQRT2], [0.25, 0.5, 0.5], [3, 2, 9], [10, 22, 1e22],
  [MIN, 1, MIN], [MIN, -1, Infinity], [MIN, 0.5, 2.2227587494850775e-162], [MAX, 2, Infinity], [MAX, -1, 5.562684646268003e-309],
  [1.0000000000000002, 2 ** 62, Infinity], [0.9999999999999999, 2 ** 80, 0], [1.0000000000000002, -(2 ** 80), 0], [-1.0000000000000002, 2 ** 80, Infinity],
];

test('pow: ECMAScript special values, negative bases, over- and underflow', () => {
  for (const [x, y, expected] of POW) assert.ok(Object.is(pow(x, y), expected), `pow(${Object.is(x, -0) ? '-0' : x}, ${y}) = ${pow(x, y)}, expected ${expected}`);
});

test.run();
