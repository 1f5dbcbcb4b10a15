// The acting side of an agent: the actor's distribution sampled and the critic's values, batched
// over a vector env's observations, on the wasm backend (synchronous, allocation-free per step).
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import type { RolloutPolicy, PolicyOutput } from '../rollout/rollout-policy.js';
import type { Random } from '../random/prng.js';
import type { Policy } from './policy.js';

export class ActorCritic implements RolloutPolicy {
  constructor(
    /** The learner's view of the actor, which shares its network and log-std with acting. */
    readonly policy: Policy<WasmMLP>,
    readonly critic: WasmMLP,
    /** Draws the actions. */
    readonly random: Random,
  ) {}

  private get actor(): WasmMLP {
    return this.policy.network;
  }

  act(observations: Float32Array, count: number, out: PolicyOutput): void {
    const { distribution, extra } = this.policy;
    const inputs = observations.subarray(0, count * this.actor.layout.inputSize);
    const outputs = this.actor.forward(inputs, count);
    distribution.sample(outputs, extra, count, this.random, out.actions);
    distribution.logProb(outputs, extra, out.actions, count, out.logProbs);
    this.values(observations, count, out.values);
  }

  values(observations: Float32Array, count: number, out: Float32Array): void {
    out.set(this.critic.forward(observations.subarray(0, count * this.critic.layout.inputSize), count));
  }
}
