// One minibatch step of PPO's loss, shared by PPO and PPO with sample reuse:
//   r = π(a|s) / π_old(a|s);   Â standardised within the minibatch when asked
//   L_clip = mean( max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)) )       (the lecture's min(r·U, ℓε(U)), negated)
//   L_v = ½·mean((v − R)²), or with old values CleanRL's ½·mean( max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²) )
//   loss = L_clip − c_ent·mean(H) + c_v·L_v;  clip the joint gradient norm; one Adam step
// Policy and critic run side by side: on a GPU both forwards are in flight at once, then both
// backwards, whose gradients stay there for the step.
import type { ActorCriticOptimizer } from './actor-critic-optimizer.js';
import type { Agent } from './agent.js';
import { clippedSurrogate, type SurrogateResult } from './clipped-surrogate.js';
import { assertNotDiverged } from './divergence.js';
import type { PPOSettings } from './ppo.js';
import { mean, standardize } from './statistics.js';

export interface PPOMinibatch {
  observations: Float32Array;
  actions: ArrayLike<number>;
  /** log μ(a|s): the log-probabilities of the policy that collected each step. */
  oldLogProbs: ArrayLike<number>;
  /** Standardised in place when settings.normalizeAdvantages. */
  advantages: Float64Array;
  returns: ArrayLike<number>;
  /** The critic's values at collection, for the clipped value loss; omitted, the loss is unclipped. */
  oldValues?: ArrayLike<number>;
}

export type PPOLossSettings = Pick<PPOSettings, 'normalizeAdvantages' | 'clipCoef' | 'entropyCoef' | 'valueCoef'>;

/** Evaluates the minibatch's `size` rows, takes one optimiser step, and reports the losses. */
export async function ppoMinibatchStep(
  agent: Agent, optimizer: ActorCriticOptimizer, minibatch: PPOMinibatch, size: number, settings: PPOLossSettings, iteration: number,
): Promise<{ surrogate: SurrogateResult; valueLoss: number; entropy: number }> {
  const { policy, critic } = agent;
  const { observations, advantages } = minibatch;
  const [{ logProbs, entropies }, values] = await Promise.all([policy.evaluate(observations, minibatch.actions, size), critic.forward(observations, size)]);
  if (settings.normalizeAdvantages) standardize(advantages);
  const dLogProbs = new Float64Array(size);
  const surrogate = clippedSurrogate(logProbs, minibatch.oldLogProbs, advantages, settings.clipCoef, dLogProbs);
  assertNotDiverged(surrogate.loss, 'policy loss', iteration);
  const dValues = new Float64Array(size);
  const valueLoss = clippedValueLoss(values, minibatch.returns, minibatch.oldValues, settings.clipCoef, settings.valueCoef, dValues);
  assertNotDiverged(valueLoss, 'value loss', iteration);
  const dEntropies = new Float64Array(size).fill(-settings.entropyCoef / size);
  const [policyGradient, criticSquaredNorm] = await Promise.all([policy.backwardForStep(dLogProbs, dEntropies), critic.backwardSquaredNorm(dValues)]);
  await optimizer.step(policyGradient, criticSquaredNorm, iteration);
  return { surrogate, valueLoss, entropy: mean(entropies) };
}

/**
 * The value loss ½·mean((v − R)²), or with old values given CleanRL's clipped form
 * ½·mean(max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²)). Writes coefficient·∂loss/∂v into
 * dValues and returns the loss.
 */
export function clippedValueLoss(
  values: ArrayLike<number>, returns: ArrayLike<number>, oldValues: ArrayLike<number> | undefined, clipCoef: number, coefficient: number, dValues: Float64Array,
): number {
  const size = returns.length;
  let loss = 0;
  for (let b = 0; b < size; b++) {
    const v = values[b]!;
    const target = returns[b]!;
    let prediction = v;
    if (oldValues !== undefined) {
      const clipped = oldValues[b]! + Math.min(Math.max(v - oldValues[b]!, -clipCoef), clipCoef);
      // The clipped branch is flat in v where the clip is active.
      const clippedError = clipped - target;
      const unclippedError = v - target;
      if (clippedError * clippedError > unclippedError * unclippedError) prediction = clipped;
    }
    const error = prediction - target;
    loss += (0.5 * error * error) / size;
    dValues[b] = prediction === v || Math.abs(v - oldValues![b]!) <= clipCoef ? (coefficient * error) / size : 0;
  }
  return loss;
}
