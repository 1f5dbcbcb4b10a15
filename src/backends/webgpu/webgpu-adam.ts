// Adam on the GPU over one network's parameters: the moments live beside the parameters, and a
// step is one dispatch (optimizer-programs.ts) queued in the network's own sequence, after the
// backward that wrote the gradient. Nothing is read back: the CPU keeps only the step count and
// the hyperparameters (AdamSchedule), and uploads a step's bias corrections and gradient scale.
import { ScheduledAdam, type AdamOptions, type AdamState } from '../../nn/adam.js';
import { assertFiniteNumber } from '../../util/validate.js';
import type { NetworkAdam } from '../backend.js';
import type { GPUSequence, Step } from './gpu-sequence.js';
import { ADAM_HYPER } from './optimizer-programs.js';
import type { GPUBuffer } from './webgpu-api.js';

export class WebGPUAdam extends ScheduledAdam implements NetworkAdam {
  private readonly firstMoment: GPUBuffer;
  private readonly secondMoment: GPUBuffer;
  /** The step's scalars, at ADAM_HYPER's slots. */
  private readonly hyper: GPUBuffer;
  private readonly update: Step;
  private readonly hyperValues = new Float32Array(Object.keys(ADAM_HYPER).length);

  constructor(private readonly sequence: GPUSequence, parameters: GPUBuffer, gradients: GPUBuffer, private readonly size: number, options?: AdamOptions) {
    super(options);
    this.firstMoment = sequence.createStorage(size);
    this.secondMoment = sequence.createStorage(size);
    this.hyper = sequence.createStorage(this.hyperValues.length);
    this.update = sequence.step('adam', [parameters, gradients, this.firstMoment, this.secondMoment, this.hyper], () => ({ n: size }));
    sequence.reserveStaging(2 * size);
  }

  /** Queues the step; the returned promise settles once it is submitted, and rejects on a GPU error. */
  step(gradientScale = 1): Promise<void> {
    assertFiniteNumber(gradientScale, 'Adam gradientScale');
    const { stepSize, correction2 } = this.schedule.next();
    const { beta1, beta2, epsilon } = this.schedule;
    const values = this.hyperValues;
    values[ADAM_HYPER.stepSize] = stepSize;
    values[ADAM_HYPER.correction2] = correction2;
    values[ADAM_HYPER.gradientScale] = gradientScale;
    values[ADAM_HYPER.beta1] = beta1;
    values[ADAM_HYPER.oneMinusBeta1] = 1 - beta1;
    values[ADAM_HYPER.beta2] = beta2;
    values[ADAM_HYPER.oneMinusBeta2] = 1 - beta2;
    values[ADAM_HYPER.epsilon] = epsilon;
    this.sequence.upload(this.hyper, values);
    return this.sequence.serially('Adam step', async () => {
      await this.sequence.run([this.update], [], 1);
    });
  }

  /** The moments, read back (in f32, as the GPU keeps them). */
  async getState(): Promise<AdamState> {
    const steps = this.schedule.steps;
    const [firstMoment, secondMoment] = await this.sequence.serially('Adam getState', () =>
      this.sequence.run([], [[this.firstMoment, this.size], [this.secondMoment, this.size]], 1));
    return { step: steps, firstMoment: Array.from(firstMoment!), secondMoment: Array.from(secondMoment!) };
  }

  setState(state: AdamState): void {
    this.schedule.validateState(state, this.size);
    this.schedule.steps = state.step;
    this.sequence.upload(this.firstMoment, state.firstMoment);
    this.sequence.upload(this.secondMoment, state.secondMoment);
  }
}
