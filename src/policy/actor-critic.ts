// The acting side of an agent: the actor's distribution sampled and the critic's values, batched
// over a vector env's observations, on the wasm backend (synchronous, allocation-free per step).
// When the learner runs on another backend, these networks are its copies, refreshed after each
// update; on wasm they are the learner's own networks.
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import type { ActionDistribution } from '../nn/distributions/action-distribution.js';
import type { RolloutPolicy, PolicyOutput } from '../rollout/rollout-policy.js';
import type { Random } from '../random/prng.js';

export class ActorCritic implements RolloutPolicy {
  constructor(
    readonly actor: WasmMLP,
    readonly critic: WasmMLP,
    readonly distribution: ActionDistribution,
    /** The distribution's own parameters (log-std), shared with the learner's policy. */
    readonly extra: Float64Array,
    /** Draws the actions. */
    readonly random: Random,
  ) {}

  act(observations: Float32Array, count: number, out: PolicyOutput): void {
    const { distribution, extra } = this;
    const outputs = this.actor.forward(observations.subarray(0, count * this.actor.layout.inputSize), count);
    distribution.sample(outputs, extra, count, this.random, out.actions);
    distribution.logProb(outputs, extra, out.actions, count, out.logProbs);
    this.values(observations, count, out.values);
  }

  values(observations: Float32Array, count: number, out: Float32Array): void {
    out.set(this.critic.forward(observations.subarray(0, count * this.critic.layout.inputSize), count));
  }
}
