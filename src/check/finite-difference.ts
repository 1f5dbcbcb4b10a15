// Derivative checks against central finite differences, in f64. The fourth-order central stencil
//   f'(θ)·e ≈ [−f(θ+2he) + 8f(θ+he) − 8f(θ−he) + f(θ−2he)] / 12h
// has truncation error h⁴·f⁽⁵⁾/30 and rounding error about ε·|f|/h; the default step of 5e-4 keeps
// both near 1e-13 relative for the networks checked here, far below the 1e-7 and 1e-6 marks.
import { Random } from '../random/prng.js';
import { assertFiniteArray, assertFiniteNumber, assertInteger, assertKnownKeys, type NumericArray } from '../util/validate.js';

/** A named, contiguous range of the parameter vector (an MLP's layout.blocks fits). */
export interface CheckBlock {
  name: string;
  offset: number;
  length: number;
}

export interface BlockResult {
  name: string;
  /** max over the block's checked coordinates of |analytic − numeric| / max(|analytic|, |numeric|, floor). */
  maxRelativeError: number;
  maxAbsoluteError: number;
  /** Coordinates compared. */
  checked: number;
}

export interface CheckResult {
  maxRelativeError: number;
  tolerance: number;
  passed: boolean;
  blocks: BlockResult[];
}

export interface CheckOptions {
  /** Parameter blocks to report on; default one block 'parameters' covering everything. */
  blocks?: readonly CheckBlock[];
  /** Finite-difference step h (for jvpcheck and hvpcheck, the distance moved along v/‖v‖). Default 5e-4. */
  step?: number;
  /** Pass mark on the maximum relative error. Default 1e-7 (gradcheck, jvpcheck) or 1e-6 (hvpcheck). */
  tolerance?: number;
  /**
   * Relative errors are taken against max(|analytic|, |numeric|, floor), with floor = this fraction
   * of the largest magnitude in the block. A finite difference carries a rounding error of about
   * ε·|f|/h whatever the size of the entry, so without a floor an entry that is zero, or a
   * thousandth of its block's largest, would report rounding noise as relative error. Default 1e-3.
   */
  floorFraction?: number;
}

export interface GradcheckOptions extends CheckOptions {
  /** Coordinates per block to check (chosen at random, seeded), or 'all' (default). */
  coordinatesPerBlock?: number | 'all';
  /** Seed of the coordinate choice. Default 0. */
  seed?: number;
}

/** Options of jvpcheck and hvpcheck (blocks partition the checked function's outputs). */
export interface HvpcheckOptions extends CheckOptions {
  /** Direction v; default a seeded standard normal vector. */
  direction?: NumericArray;
  /** Seed of the default direction. Default 0. */
  seed?: number;
}

const STENCIL: readonly (readonly [number, number])[] = [[-2, 1], [-1, -8], [1, 8], [2, -1]];

/**
 * Compares an analytic gradient with central finite differences of `f`, coordinate by coordinate.
 * Both functions receive a fresh Float64Array of parameters and must not keep it.
 */
export function gradcheck(
  f: (parameters: Float64Array) => number,
  gradient: (parameters: Float64Array) => NumericArray,
  parameters: NumericArray,
  options: GradcheckOptions = {},
): CheckResult {
  assertKnownKeys(options, ['blocks', 'step', 'tolerance', 'floorFraction', 'coordinatesPerBlock', 'seed'], 'gradcheck');
  const { theta, step, tolerance, floorFraction } = resolve(parameters, options, 1e-7);
  const blocks = options.blocks ?? [{ name: 'parameters', offset: 0, length: theta.length }];
  checkBlocks(blocks, theta.length);
  const analytic = Float64Array.from(gradient(theta.slice()));
  assertFiniteArray(analytic, 'gradient(parameters)', theta.length);
  const random = new Random(options.seed ?? 0);
  const perBlock = options.coordinatesPerBlock ?? 'all';
  if (perBlock !== 'all') assertInteger(perBlock, 'coordinatesPerBlock', 1);

  const numeric = new Float64Array(theta.length);
  const chosen = blocks.map((block) => {
    const all = Array.from({ length: block.length }, (_, i) => block.offset + i);
    return perBlock === 'all' || perBlock >= block.length ? all : random.shuffle(all).slice(0, perBlock);
  });
  for (const index of chosen.flat()) {
    const original = theta[index]!;
    let sum = 0;
    for (const [multiple, weight] of STENCIL) {
      theta[index] = original + multiple * step;
      sum += weight * f(theta.slice());
    }
    theta[index] = original;
    numeric[index] = sum / (12 * step);
  }
  return compare(analytic, numeric, blocks, chosen, tolerance, floorFraction);
}

/**
 * Compares an analytic directional derivative J(θ)·v of a vector function g with central finite
 * differences along u = v/‖v‖: J·v ≈ ‖v‖·[−g(θ+2hu) + 8g(θ+hu) − 8g(θ−hu) + g(θ−2hu)] / 12h, every
 * output coordinate (h is a distance in parameter space). Blocks, if given, partition g's outputs.
 */
export function jvpcheck(
  g: (parameters: Float64Array) => NumericArray,
  jacobianVectorProduct: (parameters: Float64Array, direction: Float64Array) => NumericArray,
  parameters: NumericArray,
  options: HvpcheckOptions = {},
): CheckResult {
  return directionalCheck(g, jacobianVectorProduct, parameters, options, 'jvpcheck', 1e-7);
}

/**
 * Compares an analytic Hessian–vector product H·v with central finite differences of the gradient
 * along v (jvpcheck applied to the gradient), every coordinate.
 */
export function hvpcheck(
  gradient: (parameters: Float64Array) => NumericArray,
  hessianVectorProduct: (parameters: Float64Array, direction: Float64Array) => NumericArray,
  parameters: NumericArray,
  options: HvpcheckOptions = {},
): CheckResult {
  return directionalCheck(gradient, hessianVectorProduct, parameters, options, 'hvpcheck', 1e-6);
}

function directionalCheck(
  g: (parameters: Float64Array) => NumericArray,
  derivative: (parameters: Float64Array, direction: Float64Array) => NumericArray,
  parameters: NumericArray,
  options: HvpcheckOptions,
  what: string,
  defaultTolerance: number,
): CheckResult {
  assertKnownKeys(options, ['blocks', 'step', 'tolerance', 'floorFraction', 'direction', 'seed'], what);
  const { theta, step, tolerance, floorFraction } = resolve(parameters, options, defaultTolerance);
  let direction: Float64Array;
  if (options.direction !== undefined) {
    assertFiniteArray(options.direction, 'direction', theta.length);
    direction = Float64Array.from(options.direction);
  } else {
    const random = new Random(options.seed ?? 0);
    direction = Float64Array.from({ length: theta.length }, () => random.normal());
  }
  const analytic = Float64Array.from(derivative(theta.slice(), direction.slice()));
  assertFiniteArray(analytic, `${what}: the analytic product`);
  // The stencil moves a distance of `step` along the unit vector v/‖v‖, then scales back by ‖v‖.
  let squaredNorm = 0;
  for (const x of direction) squaredNorm += x * x;
  const norm = Math.sqrt(squaredNorm);
  const numeric = new Float64Array(analytic.length);
  if (norm > 0) {
    for (const [multiple, weight] of STENCIL) {
      const values = g(theta.map((x, i) => x + (multiple * step * direction[i]!) / norm));
      assertFiniteArray(values, `${what}: the function's value`, analytic.length);
      for (let i = 0; i < numeric.length; i++) numeric[i]! += weight * values[i]!;
    }
    for (let i = 0; i < numeric.length; i++) numeric[i]! *= norm / (12 * step);
  }
  const blocks = options.blocks ?? [{ name: 'outputs', offset: 0, length: analytic.length }];
  checkBlocks(blocks, analytic.length);
  const everything = blocks.map((block) => Array.from({ length: block.length }, (_, i) => block.offset + i));
  return compare(analytic, numeric, blocks, everything, tolerance, floorFraction);
}

function resolve(parameters: NumericArray, options: CheckOptions, defaultTolerance: number) {
  assertFiniteArray(parameters, 'parameters');
  const theta = Float64Array.from(parameters);
  const step = options.step ?? 5e-4;
  assertFiniteNumber(step, 'step');
  if (step <= 0) throw new RangeError(`step must be positive, got ${step}`);
  const tolerance = options.tolerance ?? defaultTolerance;
  assertFiniteNumber(tolerance, 'tolerance');
  const floorFraction = options.floorFraction ?? 1e-3;
  assertFiniteNumber(floorFraction, 'floorFraction');
  return { theta, step, tolerance, floorFraction };
}

function checkBlocks(blocks: readonly CheckBlock[], length: number): void {
  blocks.forEach((block, i) => {
    assertInteger(block.offset, `blocks[${i}].offset`, 0, length);
    assertInteger(block.length, `blocks[${i}].length`, 0, length - block.offset);
  });
}

function compare(
  analytic: Float64Array, numeric: Float64Array, blocks: readonly CheckBlock[], chosen: number[][], tolerance: number, floorFraction: number,
): CheckResult {
  const results = blocks.map((block, b): BlockResult => {
    let scale = 0;
    for (const index of chosen[b]!) scale = Math.max(scale, Math.abs(analytic[index]!), Math.abs(numeric[index]!));
    const floor = Math.max(floorFraction * scale, Number.MIN_VALUE);
    let maxRelativeError = 0;
    let maxAbsoluteError = 0;
    for (const index of chosen[b]!) {
      const a = analytic[index]!;
      const n = numeric[index]!;
      const error = Math.abs(a - n);
      maxAbsoluteError = Math.max(maxAbsoluteError, error);
      maxRelativeError = Math.max(maxRelativeError, error / Math.max(Math.abs(a), Math.abs(n), floor));
    }
    return { name: block.name, maxRelativeError, maxAbsoluteError, checked: chosen[b]!.length };
  });
  const maxRelativeError = Math.max(0, ...results.map((r) => r.maxRelativeError));
  return { maxRelativeError, tolerance, passed: maxRelativeError <= tolerance, blocks: results };
}
