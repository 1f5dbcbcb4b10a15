// One optimisation step of actor and critic together, as CleanRL's PPO takes it: the joint
// gradient norm clipped, then Adam on every parameter (the actor's network, its distribution's
// own parameters, the critic), in place. The networks' gradients never leave their backend: only
// their squared norms come to the CPU, and the clipping reaches the update as a gradient scale.
import type { NetworkAdam } from '../backends/backend.js';
import { clipCoefficient, type AdamOptions, type AdamState } from '../nn/adam.js';
import type { Learner } from './algorithm.js';
import { assertNotDiverged } from './divergence.js';
import { PolicyAdam, type PolicyAdamState } from './policy-adam.js';

export interface ActorCriticOptimizerState extends PolicyAdamState {
  critic: AdamState;
}

/** What a step needs of the policy's gradient: Policy.backwardForStep's result. */
export interface PolicyStepGradient {
  networkSquaredNorm: number;
  extraGradient: Float64Array;
}

export class ActorCriticOptimizer {
  private readonly actor: PolicyAdam;
  private readonly critic: NetworkAdam;

  constructor(learner: Learner, options: AdamOptions, private readonly maxGradNorm: number) {
    this.actor = new PolicyAdam(learner.policy, options);
    this.critic = learner.critic.createAdam(options);
  }

  set learningRate(value: number) {
    this.actor.learningRate = value;
    this.critic.learningRate = value;
  }

  /**
   * The step for the gradients of the latest policy.backwardForStep and critic.backwardSquaredNorm:
   * both scaled by min(1, maxGradNorm / (‖g‖ + 1e-6)) over the joint norm, as
   * torch.nn.utils.clip_grad_norm_ does, then Adam.
   */
  async step(policyGradient: PolicyStepGradient, criticSquaredNorm: number, iteration: number): Promise<void> {
    let squaredNorm = policyGradient.networkSquaredNorm;
    for (const g of policyGradient.extraGradient) squaredNorm += g * g;
    squaredNorm += criticSquaredNorm;
    const norm = Math.sqrt(squaredNorm);
    assertNotDiverged(norm, 'gradient norm', iteration);
    const scale = clipCoefficient(norm, this.maxGradNorm);
    // The critic's first and awaited last: on a worker thread it runs while this thread steps the actor.
    const criticStep = this.critic.step(scale);
    await this.actor.step(policyGradient.extraGradient, scale);
    await criticStep;
  }

  async getState(): Promise<ActorCriticOptimizerState> {
    return { ...(await this.actor.getState()), critic: await this.critic.getState() };
  }

  setState(state: ActorCriticOptimizerState): void {
    this.actor.setState(state);
    this.critic.setState(state.critic);
  }
}
