// Tiled matrix products C = op(A)·op(B) in WGSL, with the dense layer's epilogue fused in:
//   C ← a(op(A)·op(B) [+ C] [+ bias])
// op(A) is m×k, op(B) k×n, C m×n, all row-major at element offsets into their buffers (one buffer
// holds every layer's parameters, so a layer is an offset, not a binding). A workgroup of 8×8
// invocations computes a 32×32 tile of C, each invocation a 4×4 block held in registers, staging
// 16-deep slices of op(A) and op(B) through workgroup memory.
//
// Products whose inner dimension is the batch (the weight gradients Aᵀ·B) split k across
// workgroups (dispatch z): each writes its partial tile to a scratch buffer, and splitReduce sums
// the partials in a fixed order — deterministic, and parallel where a 64×64 gradient would
// otherwise be one workgroup walking 16,384 rows.
import type { GemmLayout } from '../mlp-programme.js';
import { ACTIVATION_WGSL } from './activation-programs.js';
import { ceilDiv, ELEMENTWISE_GROUP, elementwise, elementwiseDispatch, type GPUProgram, type UniformValues } from './gpu-program.js';


const TILE = 32;
const DEPTH = 16;
/** Each invocation's block of C is BLOCK × BLOCK; the WGSL below spells out BLOCK = 4 as vec4. */
const BLOCK = 4;
const THREADS = (TILE / BLOCK) * (TILE / BLOCK);

/** Where op(A)[i][p] and op(B)[p][j] live, and which index of each runs contiguously in memory. */
const OPERANDS: Record<GemmLayout, { a: string; b: string; aContiguous: 'p' | 'i'; bContiguous: 'p' | 'j' }> = {
  nn: { a: 'i * u.k + p', b: 'p * u.n + j', aContiguous: 'p', bContiguous: 'j' },
  nt: { a: 'i * u.k + p', b: 'j * u.k + p', aContiguous: 'p', bContiguous: 'p' },
  tn: { a: 'p * u.m + i', b: 'p * u.n + j', aContiguous: 'i', bContiguous: 'j' },
};

/**
 * Uniforms: sizes m, k, n; element offsets of A, B, C and the bias (read from B's buffer: a
 * layer's bias follows its weight); kChunk, the rows of k per split (k when not split);
 * accumulate and hasBias flags; the activation code.
 */
export function gemmProgram(layout: GemmLayout): GPUProgram {
  const { a, b, aContiguous, bContiguous } = OPERANDS[layout];
  // Threads walk a tile slice along the operand's contiguous index, so neighbours load neighbours.
  const slice = (contiguous: string, other: string) => (contiguous === 'p'
    ? `let p = e % ${DEPTH}u; let ${other} = e / ${DEPTH}u;`
    : `let p = e / ${TILE}u; let ${other} = e % ${TILE}u;`);
  return {
    name: `gemm_${layout}`,
    buffers: [{ name: 'a', access: 'read' }, { name: 'b', access: 'read' }, { name: 'c', access: 'read_write' }],
    uniforms: ['m', 'k', 'n', 'aOffset', 'bOffset', 'cOffset', 'biasOffset', 'kChunk', 'accumulate', 'hasBias', 'activation'],
    workgroupSize: [TILE / BLOCK, TILE / BLOCK, 1],
    dispatch: (v: UniformValues) => [ceilDiv(v.n!, TILE), ceilDiv(v.m!, TILE), ceilDiv(v.k!, v.kChunk!)],
    declarations: /* wgsl */ `
${ACTIVATION_WGSL}
const TILE: u32 = ${TILE}u;
const DEPTH: u32 = ${DEPTH}u;
var<workgroup> tileA: array<f32, ${DEPTH * TILE}>; // [p][i]
var<workgroup> tileB: array<f32, ${DEPTH * TILE}>; // [p][j]
fn loadA(i: u32, p: u32) -> f32 { return a[u.aOffset + ${a}]; }
fn loadB(p: u32, j: u32) -> f32 { return b[u.bOffset + ${b}]; }
`,
    main: /* wgsl */ `
  let row0 = group.y * TILE;
  let column0 = group.x * TILE;
  let kStart = group.z * u.kChunk;
  let kEnd = min(u.k, kStart + u.kChunk);
  // Row r of this invocation's 4×4 block of C, as a vector over its 4 columns.
  var sums: array<vec4<f32>, ${BLOCK}>;
  let rowInTile = local.y * ${BLOCK}u;
  let columnInTile = local.x * ${BLOCK}u;
  for (var p0 = kStart; p0 < kEnd; p0 += DEPTH) {
    for (var e = localIndex; e < DEPTH * TILE; e += ${THREADS}u) {
      ${slice(aContiguous, 'i')}
      var value = 0.0;
      if (p0 + p < kEnd && row0 + i < u.m) { value = loadA(row0 + i, p0 + p); }
      tileA[p * TILE + i] = value;
    }
    for (var e = localIndex; e < DEPTH * TILE; e += ${THREADS}u) {
      ${slice(bContiguous, 'j')}
      var value = 0.0;
      if (p0 + p < kEnd && column0 + j < u.n) { value = loadB(p0 + p, column0 + j); }
      tileB[p * TILE + j] = value;
    }
    workgroupBarrier();
    for (var p = 0u; p < DEPTH; p++) {
      let slice = p * TILE;
      let left = vec4<f32>(tileA[slice + rowInTile], tileA[slice + rowInTile + 1u], tileA[slice + rowInTile + 2u], tileA[slice + rowInTile + 3u]);
      let right = vec4<f32>(tileB[slice + columnInTile], tileB[slice + columnInTile + 1u], tileB[slice + columnInTile + 2u], tileB[slice + columnInTile + 3u]);
      sums[0] += left.x * right;
      sums[1] += left.y * right;
      sums[2] += left.z * right;
      sums[3] += left.w * right;
    }
    workgroupBarrier();
  }
  let base = u.cOffset + group.z * u.m * u.n;
  for (var r = 0u; r < ${BLOCK}u; r++) {
    let i = row0 + rowInTile + r;
    for (var s = 0u; s < ${BLOCK}u; s++) {
      let j = column0 + columnInTile + s;
      if (i < u.m && j < u.n) {
        let index = base + i * u.n + j;
        var z = sums[r][s];
        if (u.accumulate != 0u) { z = c[index] + z; }
        if (u.hasBias != 0u) { z = z + b[u.biasOffset + j]; }
        c[index] = activate(z, u.activation);
      }
    }
  }`,
  };
}

/** out[outOffset + i] ← [out[outOffset + i] +] Σ_s partials[s·count + i], s in order. */
export const splitReduceProgram: GPUProgram = {
  name: 'splitReduce',
  buffers: [{ name: 'partials', access: 'read' }, { name: 'out', access: 'read_write' }],
  uniforms: ['n', 'splits', 'outOffset', 'accumulate'],
  workgroupSize: [ELEMENTWISE_GROUP, 1, 1],
  dispatch: elementwiseDispatch,
  declarations: '',
  main: elementwise(`
    var sum = 0.0;
    for (var s = 0u; s < u.splits; s++) { sum += partials[s * u.n + i]; }
    if (u.accumulate != 0u) { sum = out[u.outOffset + i] + sum; }
    out[u.outOffset + i] = sum;`),
};

/** Rows of the batch per split of a product over the batch; fewer splits than this many rows is one split. */
export const SPLIT_ROWS = 256;
/** Most splits of one product: bounds the scratch buffer at MAX_SPLITS × the largest weight. */
export const MAX_SPLITS = 64;

/** kChunk for a product whose inner dimension is `k` batch rows. */
export function splitChunk(k: number): number {
  return Math.max(SPLIT_ROWS, ceilDiv(k, MAX_SPLITS));
}
