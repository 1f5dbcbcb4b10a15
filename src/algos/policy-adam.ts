// Adam over a policy's parameters: the network's on the network's backend (MLP.createAdam), where
// the gradient already lies; the distribution's own (a Gaussian's log-std) on the CPU, where its
// gradient is computed.
import type { NetworkAdam } from '../backends/backend.js';
import { Adam, type AdamOptions, type AdamState } from '../nn/adam.js';
import type { Policy } from '../policy/policy.js';

export interface PolicyAdamState {
  actor: AdamState;
  extra?: AdamState;
}

export class PolicyAdam {
  private readonly network: NetworkAdam;
  private readonly extra: Adam | undefined;

  constructor(private readonly policy: Policy, options: AdamOptions) {
    this.network = policy.network.createAdam(options);
    const extraCount = policy.distribution.extraParameterCount;
    this.extra = extraCount > 0 ? new Adam(extraCount, options) : undefined;
  }

  set learningRate(value: number) {
    this.network.learningRate = value;
    if (this.extra) this.extra.learningRate = value;
  }

  /**
   * One step with gradientScale times the gradient of the policy's latest backwardForStep, whose
   * extra part is `extraGradient`.
   */
  async step(extraGradient: Float64Array, gradientScale = 1): Promise<void> {
    await this.network.step(gradientScale);
    this.extra?.apply(this.policy.extra, extraGradient, gradientScale);
  }

  async getState(): Promise<PolicyAdamState> {
    return { actor: await this.network.getState(), ...(this.extra ? { extra: this.extra.getState() } : {}) };
  }

  setState(state: PolicyAdamState): void {
    this.network.setState(state.actor);
    if (this.extra) {
      if (state.extra === undefined) throw new RangeError('optimizer state: the policy has distribution parameters, but the state has no extra Adam state');
      this.extra.setState(state.extra);
    }
  }
}
