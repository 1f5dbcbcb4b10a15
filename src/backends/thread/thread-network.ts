// A network on a worker thread of its own: the same wasm network (network-worker.ts) driven over
// a shared-memory channel (thread-channel.ts), so that its work runs beside the main thread's.
// Training puts the critic here with `threads: 2`: each minibatch's critic forward, backward and
// Adam step run while the main thread does the actor's, and the results are the same bits.
// Every method posts its request at once and returns its answer as a promise (a Pending, which
// waits for the worker when awaited); a call made while a request is in flight waits for that
// one first. So a caller posts the critic's request, does the actor's work, then awaits the
// critic's answer. Arrays returned are views of the channel, valid until the next call of the
// same kind.
import type { DType } from '../../engine/wasm-module.js';
import { AdamSchedule, ScheduledAdam, type AdamOptions, type AdamState } from '../../nn/adam.js';
import type { RegressionEpochResult } from '../../nn/regression-epoch.js';
import { layoutMLP, type MLPLayout, type MLPSpec } from '../../nn/mlp-layout.js';
import { assertFiniteArray, assertFiniteNumber, assertInteger, type NumericArray } from '../../util/validate.js';
import { MAX_BATCH, type MLPOptions, type NetworkAdam, type TrainableNetwork } from '../backend.js';
import { startWorker, type WorkerHandle } from './start-worker.js';
import { RequestChannel } from './thread-channel.js';
import { NetworkRequest, networkRegions, type NetworkRegion, type NetworkWorkerInit } from './thread-network-protocol.js';

export class ThreadNetwork implements TrainableNetwork {
  readonly layout: MLPLayout;
  readonly maxBatch: number;
  /** Rows of the latest forward; 0 before the first. */
  private batch = 0;
  /** Optimisers created: the worker numbers them in the same order. */
  private adams = 0;

  private constructor(private readonly channel: RequestChannel<NetworkRegion>, private readonly worker: WorkerHandle, layout: MLPLayout, maxBatch: number) {
    this.layout = layout;
    this.maxBatch = maxBatch;
  }

  /** Starts the worker and builds the network there (zero parameters; set them with setParameters). */
  static async create(spec: MLPSpec, dtype: DType, options: MLPOptions = {}): Promise<ThreadNetwork> {
    const layout = layoutMLP(spec);
    const maxBatch = options.maxBatch ?? 1;
    assertInteger(maxBatch, 'maxBatch', 1, MAX_BATCH);
    const channel = new RequestChannel(networkRegions(layout, maxBatch));
    const init: NetworkWorkerInit = { memory: channel.memory, spec, maxBatch, dtype };
    const worker = await startWorker(new URL('./network-worker.js', import.meta.url), init, (error) => channel.fail(error));
    return new ThreadNetwork(channel, worker, layout, maxBatch);
  }

  readParameters(): Promise<Float64Array> {
    return this.channel.request(NetworkRequest.readParameters, () => {}, ({ regions }) => regions.parameters);
  }

  setParameters(values: NumericArray): void {
    assertFiniteArray(values, 'parameters', this.layout.parameterCount);
    this.channel.send(NetworkRequest.setParameters, ({ regions }) => regions.parameters.set(values));
  }

  forward(inputs: NumericArray, batch: number): Promise<Float64Array> {
    assertInteger(batch, 'batch', 1, this.maxBatch);
    assertFiniteArray(inputs, 'inputs', batch * this.layout.inputSize);
    this.batch = batch;
    const count = batch * this.layout.outputSize;
    return this.channel.request(NetworkRequest.forward, ({ regions }) => regions.inputs.set(inputs), ({ regions }) => regions.outputs.subarray(0, count), [batch]);
  }

  backwardSquaredNorm(gradOutputs: NumericArray): Promise<number> {
    const { batch } = this;
    if (batch === 0) throw new Error('backwardSquaredNorm: call forward first; products act at the latest forward\'s inputs');
    assertFiniteArray(gradOutputs, 'gradOutputs', batch * this.layout.outputSize);
    return this.channel.request(NetworkRequest.backwardSquaredNorm, ({ regions }) => regions.outputGradients.set(gradOutputs), ({ scalars }) => scalars[0]!, [batch]);
  }

  createAdam(options?: AdamOptions): ThreadAdam {
    // Validated here, so that bad options throw where they are given; the worker's own Adam gets the resolved values.
    const schedule = new AdamSchedule(options);
    this.channel.send(NetworkRequest.createAdam, ({ scalars }) => scalars.set([schedule.learningRate, schedule.beta1, schedule.beta2, schedule.epsilon]));
    return new ThreadAdam(this.channel, schedule, this.adams++, this.layout.parameterCount);
  }

  /**
   * The whole epoch on the worker, in one request: the batch, its targets and the order of its
   * rows go over; the last minibatch's loss (and a non-finite norm, if one stopped it) comes back.
   */
  regressionEpoch(optimizer: NetworkAdam, observations: Float32Array, targets: ArrayLike<number>, minibatches: readonly Int32Array[]): Promise<RegressionEpochResult> {
    if (!(optimizer instanceof ThreadAdam) || !optimizer.isOn(this.channel)) throw new TypeError('regressionEpoch: optimizer must be this network\'s own (createAdam)');
    const { inputSize } = this.layout;
    const rows = observations.length / inputSize;
    assertInteger(rows, 'regressionEpoch: observations.length / inputSize', 1, this.maxBatch);
    assertFiniteArray(targets, 'regressionEpoch: targets', rows);
    const size = minibatches[0]?.length ?? 0;
    const total = minibatches.reduce((sum, indices) => sum + indices.length, 0);
    if (total > this.maxBatch || minibatches.some((indices, i) => i < minibatches.length - 1 ? indices.length !== size : indices.length > size)) {
      throw new RangeError(`regressionEpoch: minibatches must be consecutive pieces of one size (the last no larger) of at most ${this.maxBatch} rows in all`);
    }
    return this.channel.request(NetworkRequest.regressionEpoch, ({ scalars, regions }) => {
      scalars[0] = optimizer.learningRate;
      regions.inputs.set(observations);
      regions.targets.set(targets);
      let offset = 0;
      for (const indices of minibatches) {
        regions.order.set(indices, offset);
        offset += indices.length;
      }
    }, ({ scalars }) => (scalars[2] === 1 ? { loss: scalars[0]!, nonFiniteNorm: scalars[1]! } : { loss: scalars[0]! }), [optimizer.index, rows, total, size]);
  }

  /** Stops the worker; every later request fails. */
  async close(): Promise<void> {
    await this.channel.request(NetworkRequest.stop, () => {}, () => {}).catch(() => {});
    this.channel.fail(new Error('the network\'s worker thread was closed'));
    await this.worker.terminate();
  }
}

/** Adam on the worker, over the network's parameters and gradient there. */
export class ThreadAdam extends ScheduledAdam implements NetworkAdam {
  /** @param index the worker's number for this optimiser. */
  /** @param schedule made, and so validated, where the optimiser was asked for; the learning rate goes to the worker with each step. */
  constructor(private readonly channel: RequestChannel<NetworkRegion>, schedule: AdamSchedule, readonly index: number, private readonly size: number) {
    super(schedule);
  }

  /** Whether this optimiser is on the worker behind `channel`. */
  isOn(channel: RequestChannel<NetworkRegion>): boolean {
    return this.channel === channel;
  }

  step(gradientScale = 1): Promise<void> {
    assertFiniteNumber(gradientScale, 'Adam gradientScale');
    const { learningRate } = this.schedule;
    return this.channel.request(NetworkRequest.adamStep, ({ scalars }) => scalars.set([learningRate, gradientScale]), () => {}, [this.index]);
  }

  getState(): Promise<AdamState> {
    const { size } = this;
    return this.channel.request(NetworkRequest.adamGetState, () => {}, ({ scalars, regions }) => ({
      step: scalars[0]!,
      firstMoment: Array.from(regions.moments.subarray(0, size)),
      secondMoment: Array.from(regions.moments.subarray(size)),
    }), [this.index]);
  }

  setState(state: AdamState): void {
    this.schedule.validateState(state, this.size);
    this.channel.send(NetworkRequest.adamSetState, ({ scalars, regions }) => {
      scalars[0] = state.step;
      regions.moments.set(state.firstMoment);
      regions.moments.set(state.secondMoment, this.size);
    }, [this.index]);
  }
}
