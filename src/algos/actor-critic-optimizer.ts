// One optimisation step of actor and critic together, as CleanRL's PPO takes it: the joint
// gradient norm clipped, then Adam on every parameter (the actor's network, its distribution's
// own parameters, the critic), in place.
import { Adam, clipGradientNorm, type AdamOptions, type AdamState } from '../nn/adam.js';
import type { Agent } from './agent.js';
import { NetworkParameters } from './network-parameters.js';

export interface ActorCriticOptimizerState {
  actor: AdamState;
  extra?: AdamState;
  critic: AdamState;
}

export class ActorCriticOptimizer {
  private readonly actor: Adam;
  private readonly extra: Adam | undefined;
  private readonly critic: Adam;
  private actorParameters: NetworkParameters | undefined;
  private criticParameters: NetworkParameters | undefined;

  constructor(private readonly agent: Agent, options: AdamOptions, private readonly maxGradNorm: number) {
    this.actor = new Adam(agent.policy.network.layout.parameterCount, options);
    const extraCount = agent.policy.distribution.extraParameterCount;
    this.extra = extraCount > 0 ? new Adam(extraCount, options) : undefined;
    this.critic = new Adam(agent.critic.layout.parameterCount, options);
  }

  set learningRate(value: number) {
    for (const optimizer of [this.actor, this.extra, this.critic]) if (optimizer) optimizer.learningRate = value;
  }

  /** Takes the networks' current parameters; call at the start of each update. */
  async begin(): Promise<void> {
    this.actorParameters = await NetworkParameters.of(this.agent.policy.network);
    this.criticParameters = await NetworkParameters.of(this.agent.critic);
  }

  /** policyGradient covers the actor's network then its extra parameters. */
  step(policyGradient: Float64Array, criticGradient: Float64Array, iteration: number): void {
    const actorParameters = this.actorParameters;
    const criticParameters = this.criticParameters;
    if (actorParameters === undefined || criticParameters === undefined) throw new Error('ActorCriticOptimizer: call begin() before step()');
    const { policy } = this.agent;
    const networkCount = policy.network.layout.parameterCount;
    const actorGradient = policyGradient.subarray(0, networkCount);
    const extraGradient = policyGradient.subarray(networkCount);
    clipGradientNorm([actorGradient, extraGradient, criticGradient], this.maxGradNorm);
    this.actor.apply(actorParameters.values, actorGradient);
    this.extra?.apply(policy.extra, extraGradient);
    this.critic.apply(criticParameters.values, criticGradient);
    for (const [what, values] of [['actor', actorParameters.values], ['critic', criticParameters.values], ['log-std', policy.extra]] as const) {
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i]!)) throw new Error(`training diverged: ${what} parameter ${i} became ${values[i]} at iteration ${iteration}`);
      }
    }
    actorParameters.commit();
    criticParameters.commit();
  }

  getState(): ActorCriticOptimizerState {
    return { actor: this.actor.getState(), ...(this.extra ? { extra: this.extra.getState() } : {}), critic: this.critic.getState() };
  }

  setState(state: ActorCriticOptimizerState): void {
    this.actor.setState(state.actor);
    if (this.extra && state.extra) this.extra.setState(state.extra);
    this.critic.setState(state.critic);
  }
}

/** Stops training with a message saying where a non-finite number appeared. */
export function assertFiniteLoss(value: number, what: string, iteration: number): void {
  if (!Number.isFinite(value)) throw new Error(`training diverged: the ${what} is ${value} at iteration ${iteration}`);
}
