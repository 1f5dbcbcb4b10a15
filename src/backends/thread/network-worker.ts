// The worker side of a network on another thread (thread-network.ts): a wasm backend of its own
// and the network on it, which answer the main thread's requests (thread-network-protocol.ts)
// over the shared channel. The worker computes exactly what the same network on the main thread
// would: the same kernels on the same inputs, so the same bits.
import type { WasmAdam } from '../wasm/wasm-adam.js';
import { regressionEpoch } from '../../nn/regression-epoch.js';
import { WasmBackend } from '../wasm/wasm-backend.js';
import { serveWorker } from './serve-worker.js';
import { NetworkRequest, type NetworkRegion, type NetworkWorkerInit } from './thread-network-protocol.js';

await serveWorker<NetworkWorkerInit, NetworkRegion>('the network', async (init, channel) => {
  const backend = await WasmBackend.create(init.dtype);
  const network = backend.createMLP(init.spec, { maxBatch: init.maxBatch });
  const { scalars, regions } = channel;
  const adams: WasmAdam[] = [];
  const adam = (): WasmAdam => adams[channel.int(0)]!;
  const { inputSize, outputSize } = network.layout;
  return (request) => {
    switch (request) {
      case NetworkRequest.stop:
        return false;
      case NetworkRequest.setParameters:
        network.setParameters(regions.parameters);
        break;
      case NetworkRequest.readParameters:
        regions.parameters.set(network.parameters);
        break;
      case NetworkRequest.forward: {
        // int 0: the batch's rows.
        const batch = channel.int(0);
        regions.outputs.set(network.forward(regions.inputs.subarray(0, batch * inputSize), batch));
        break;
      }
      case NetworkRequest.backwardSquaredNorm: {
        const batch = channel.int(0);
        scalars[0] = network.backwardSquaredNorm(regions.outputGradients.subarray(0, batch * outputSize));
        break;
      }
      case NetworkRequest.createAdam:
        // scalars: learningRate, beta1, beta2, epsilon; optimisers are numbered in the order they are made.
        adams.push(network.createAdam({ learningRate: scalars[0]!, beta1: scalars[1]!, beta2: scalars[2]!, epsilon: scalars[3]! }));
        break;
      case NetworkRequest.adamStep: {
        // int 0: the optimiser; scalars: learningRate, gradientScale.
        const optimizer = adam();
        optimizer.learningRate = scalars[0]!;
        optimizer.step(scalars[1]!);
        break;
      }
      case NetworkRequest.adamGetState: {
        const state = adam().getState();
        scalars[0] = state.step;
        regions.moments.set(state.firstMoment);
        regions.moments.set(state.secondMoment, state.firstMoment.length);
        break;
      }
      case NetworkRequest.adamSetState: {
        const n = network.layout.parameterCount;
        adam().setState({ step: scalars[0]!, firstMoment: Array.from(regions.moments.subarray(0, n)), secondMoment: Array.from(regions.moments.subarray(n)) });
        break;
      }
      case NetworkRequest.regressionEpoch: {
        // ints: the optimiser, the batch's rows, the rows in `order`, the minibatch size; scalars: learningRate.
        const rows = channel.int(1);
        const ordered = regions.order.subarray(0, channel.int(2));
        const size = channel.int(3);
        const minibatches: Float64Array[] = [];
        for (let start = 0; start < ordered.length; start += size) minibatches.push(ordered.subarray(start, Math.min(start + size, ordered.length)));
        const optimizer = adam();
        optimizer.learningRate = scalars[0]!;
        return regressionEpoch(network, optimizer, regions.inputs.subarray(0, rows * inputSize), regions.targets.subarray(0, rows), minibatches).then((result) => {
          scalars[0] = result.loss;
          scalars[1] = result.nonFiniteNorm ?? 0;
          scalars[2] = result.nonFiniteNorm === undefined ? 0 : 1;
          return true;
        });
      }
      default:
        throw new Error(`network worker: unknown request ${request}`);
    }
    return true;
  };
});
