// One declarative description per compute shader (the tfjs-backend-webgpu pattern): the storage
// buffers it binds, its u32 uniforms, its workgroup size, how many workgroups a call dispatches,
// and its WGSL. The binding declarations and the entry point's signature are generated from it.

/** A storage buffer of f32 that a program binds, in binding order. */
export interface ProgramBuffer {
  readonly name: string;
  readonly access: 'read' | 'read_write';
}

/** Uniform values of one dispatch, by name. */
export type UniformValues = Readonly<Record<string, number>>;

export interface GPUProgram {
  /** Also the pipeline's label and its cache key. */
  readonly name: string;
  readonly buffers: readonly ProgramBuffer[];
  /** Names of the u32 fields of the uniform struct `u`, in order. */
  readonly uniforms: readonly string[];
  readonly workgroupSize: readonly [number, number, number];
  /** Workgroups to dispatch (x, y, z) for these uniform values. */
  dispatch(values: UniformValues): [number, number, number];
  /** WGSL: module-scope declarations, then the body of `main`. */
  readonly declarations: string;
  readonly main: string;
}

/**
 * Bytes between two dispatches' uniforms in a shared uniform buffer: WebGPU's default
 * minUniformBufferOffsetAlignment, and room for 64 u32 fields.
 */
export const UNIFORM_SLOT_BYTES = 256;

/** The complete WGSL module of `program`: uniforms at binding 0, its buffers from binding 1. */
export function programSource(program: GPUProgram): string {
  if (program.uniforms.length > UNIFORM_SLOT_BYTES / 4) throw new Error(`${program.name}: too many uniforms`);
  const [x, y, z] = program.workgroupSize;
  return [
    `struct Uniforms { ${program.uniforms.map((name) => `${name}: u32,`).join(' ')} }`,
    '@group(0) @binding(0) var<uniform> u: Uniforms;',
    ...program.buffers.map((b, i) => `@group(0) @binding(${i + 1}) var<storage, ${b.access}> ${b.name}: array<f32>;`),
    program.declarations,
    `@compute @workgroup_size(${x}, ${y}, ${z})`,
    'fn main(@builtin(local_invocation_index) localIndex: u32, @builtin(local_invocation_id) local: vec3u,',
    '        @builtin(workgroup_id) group: vec3u, @builtin(num_workgroups) groups: vec3u,',
    '        @builtin(global_invocation_id) global: vec3u) {',
    program.main,
    '}',
  ].join('\n');
}

/** The uniform struct's bytes for `values`, in the program's field order. */
export function packUniforms(program: GPUProgram, values: UniformValues, target: Uint32Array, offset: number): void {
  program.uniforms.forEach((name, i) => {
    const value = values[name];
    if (value === undefined || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new Error(`${program.name}: uniform ${name} must be a u32, got ${value}`);
    }
    target[offset + i] = value;
  });
}

/** ⌈a / b⌉ for positive integers. */
export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/** Elementwise programs run this many invocations per workgroup, striding over the whole array. */
export const ELEMENTWISE_GROUP = 256;
/** Enough workgroups to fill a large GPU; more would only stride less. */
const MAX_ELEMENTWISE_GROUPS = 4096;

/** Workgroups for an elementwise pass over `n` elements (uniform `n`). */
export function elementwiseDispatch(values: UniformValues): [number, number, number] {
  return [Math.max(1, Math.min(ceilDiv(values.n!, ELEMENTWISE_GROUP), MAX_ELEMENTWISE_GROUPS)), 1, 1];
}

/** WGSL: `body` for every i in [0, u.n), with a grid stride. */
export const elementwise = (body: string): string => /* wgsl */ `
  for (var i = global.x; i < u.n; i += groups.x * ${ELEMENTWISE_GROUP}u) {
    ${body}
  }`;
