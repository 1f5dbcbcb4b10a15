// The transcendental functions, computed the same to the last bit in every JavaScript engine.
//
// ECMAScript specifies the Math object's exp, log, sin, ... only as "implementation-approximated",
// and engines differ: Node 20's V8 and Chromium 156 disagree in the last bit on 0.04% (tanh) to
// 18% (atan2) of arguments (docs/math.md). A seeded run that calls them would give different bits
// in Node and in a browser. These are fdlibm 5.3's algorithms (Sun Microsystems; Cephes's for
// small tanh), written with IEEE-754 basic operations, integer bit operations and BigInt only,
// each within 1 ulp of the exact result (measured against mpmath: scripts/math-accuracy.ts).
//
// Host functions that are exactly specified, and so remain allowed everywhere: Math.sqrt (IEEE
// correctly rounded), Math.abs, floor, ceil, trunc, round, fround, min, max, sign, imul, clz32,
// and + − × ÷ themselves.
export { exp, expm1 } from './exp.js';
export { log, log1p } from './log.js';
export { sin, cos, tan, sinCos } from './trig.js';
export { tanh } from './tanh.js';
export { atan, atan2 } from './atan.js';
export { pow } from './pow.js';
