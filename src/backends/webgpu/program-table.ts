// Every compute program that an MLP and its optimiser dispatch, by name: the backend compiles
// each once, and a sequence's steps name the one they run.
import { activationBackwardProgram, activationBackwardTangentProgram } from './activation-programs.js';
import { gemmProgram, splitReduceProgram } from './gemm-program.js';
import type { GPUProgram } from './gpu-program.js';
import { adamProgram, squaredNormProgram } from './optimizer-programs.js';
import type { GPUComputePipeline, GPUDevice } from './webgpu-api.js';

export const PROGRAMS = {
  gemmNN: gemmProgram('nn'),
  gemmNT: gemmProgram('nt'),
  gemmTN: gemmProgram('tn'),
  splitReduce: splitReduceProgram,
  activationBackward: activationBackwardProgram,
  activationBackwardTangent: activationBackwardTangentProgram,
  squaredNorm: squaredNormProgram,
  adam: adamProgram,
} as const satisfies Record<string, GPUProgram>;

export type ProgramName = keyof typeof PROGRAMS;

/**
 * The programs compiled on one device, and that device's error reports: what a sequence needs of
 * its backend (WebGPUBackend is one).
 */
export interface CompiledPrograms {
  readonly device: GPUDevice;
  pipeline(name: ProgramName): GPUComputePipeline;
  /** Throws the first GPU error reported since the previous check, if any. */
  throwIfFailed(operation: string): void;
}
