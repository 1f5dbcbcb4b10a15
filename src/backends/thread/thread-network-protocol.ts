// What the main thread (thread-network.ts) and the worker (network-worker.ts) agree on: the
// requests a network on a worker thread answers, the channel regions their arrays travel in, and
// the message that starts the worker.
import type { DType } from '../../engine/wasm-module.js';
import type { MLPLayout, MLPSpec } from '../../nn/mlp-layout.js';
import type { ChannelMemory, RegionSizes } from './thread-channel.js';

/** The requests, by code. Scalars and integer arguments as each handler documents. */
export const NetworkRequest = {
  stop: 0,
  setParameters: 1,
  readParameters: 2,
  forward: 3,
  backwardSquaredNorm: 4,
  createAdam: 5,
  adamStep: 6,
  adamGetState: 7,
  adamSetState: 8,
  regressionEpoch: 9,
} as const;

/**
 * The channel's regions: a batch's inputs, outputs and output gradients; the parameters; Adam's
 * two moments; a regression epoch's targets and its order of rows.
 */
export type NetworkRegion = 'inputs' | 'outputs' | 'outputGradients' | 'parameters' | 'moments' | 'targets' | 'order';

export function networkRegions(layout: MLPLayout, maxBatch: number): RegionSizes<NetworkRegion> {
  const parameters = layout.parameterCount;
  return {
    inputs: maxBatch * layout.inputSize,
    outputs: maxBatch * layout.outputSize,
    outputGradients: maxBatch * layout.outputSize,
    parameters,
    moments: 2 * parameters,
    targets: maxBatch,
    order: maxBatch,
  };
}

/** The first and only message to the worker; it answers 'ready' or { error }. */
export interface NetworkWorkerInit {
  memory: ChannelMemory;
  spec: MLPSpec;
  maxBatch: number;
  dtype: DType;
}
