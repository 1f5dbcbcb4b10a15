// Proximal policy optimisation with the clipped surrogate (Schulman et al., 2017), every core
// detail of CleanRL's ppo.py and ppo_continuous_action.py, but bootstrapping at time limits.
//
// for each iteration:
//   collect numEnvs × stepsPerEnv steps with π_old; GAE advantages Â and λ-returns R
//   for each epoch, for each minibatch (without replacement):
//     r = π(a|s) / π_old(a|s);   Â normalised within the minibatch
//     L_clip = mean( max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)) )       (the lecture's min(r·U, ℓε(U)), negated)
//     L_v = ½·mean( max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²) )
//     loss = L_clip − c_ent·mean(H) + c_v·L_v;  clip the joint gradient norm; one Adam step
//   stop the epochs early if approx_kl exceeds targetKL
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import { Adam, clipGradientNorm, type AdamState } from '../nn/adam.js';
import { epochMinibatches } from '../rollout/samplers.js';
import { gatherRows, type Agent, type PreparedBatch } from './agent.js';
import { explainedVariance, mean, standardDeviation } from './statistics.js';

export interface PPOSettings {
  /** Adam learning rate (annealed linearly to 0 over the run when annealLearningRate). */
  learningRate: number;
  annealLearningRate: boolean;
  /** Adam ε (CleanRL: 1e-5). */
  adamEpsilon: number;
  /** Minibatches per epoch; the minibatch size is the batch size divided by this. */
  minibatches: number;
  /** Passes over the batch. */
  epochs: number;
  /** Normalise advantages within each minibatch (std + 1e-8). */
  normalizeAdvantages: boolean;
  /** ε of the clipped surrogate. */
  clipCoef: number;
  /** Clip the value function's change to ±clipCoef too. */
  clipValueLoss: boolean;
  /** Entropy bonus coefficient. */
  entropyCoef: number;
  /** Value loss coefficient. */
  valueCoef: number;
  /** Global gradient norm bound. */
  maxGradNorm: number;
  /** Stop the epochs once approx_kl exceeds this; 0 disables. */
  targetKL: number;
}

export interface PPOState {
  actor: AdamState;
  extra?: AdamState;
  critic: AdamState;
}

export type Metrics = Record<string, number>;

export class PPO {
  private readonly actorOptimizer: Adam;
  private readonly extraOptimizer: Adam | undefined;
  private readonly criticOptimizer: Adam;
  readonly minibatchSize: number;

  constructor(readonly agent: Agent, readonly settings: PPOSettings, readonly totalIterations: number) {
    const options = { learningRate: settings.learningRate, epsilon: settings.adamEpsilon };
    this.actorOptimizer = new Adam(agent.policy.network.layout.parameterCount, options);
    const extraCount = agent.policy.distribution.extraParameterCount;
    this.extraOptimizer = extraCount > 0 ? new Adam(extraCount, options) : undefined;
    this.criticOptimizer = new Adam(agent.critic.layout.parameterCount, options);
    this.minibatchSize = Math.floor(agent.batchSize / settings.minibatches);
  }

  async update(batch: PreparedBatch, iteration: number): Promise<Metrics> {
    const { agent, settings } = this;
    const { policy, critic } = agent;
    const learningRate = settings.annealLearningRate ? settings.learningRate * (1 - (iteration - 1) / this.totalIterations) : settings.learningRate;
    for (const optimizer of this.optimizers()) optimizer.learningRate = learningRate;

    const size = this.minibatchSize;
    const observationSize = batch.observationSize;
    const actionSize = batch.actionSize;
    const observations = new Float32Array(size * observationSize);
    const actions = batch.actions instanceof Int32Array ? new Int32Array(size * actionSize) : new Float32Array(size * actionSize);
    const oldLogProbs = new Float64Array(size);
    const advantages = new Float64Array(size);
    const returns = new Float64Array(size);
    const oldValues = new Float64Array(size);
    const dLogProbs = new Float64Array(size);
    const dEntropies = new Float64Array(size).fill(-settings.entropyCoef / size);
    const dValues = new Float64Array(size);
    const clipped = new Float64Array(size);
    let policyLoss = 0;
    let valueLoss = 0;
    let entropy = 0;
    let approxKL = 0;
    let oldApproxKL = 0;
    const clipFractions: number[] = [];

    let epochsRun = 0;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      epochsRun++;
      for (const indices of epochMinibatches(batch.size, size, agent.random.minibatches)) {
        if (indices.length < size) continue; // CleanRL's minibatches divide the batch exactly; skip a remainder
        gatherRows(batch.observations, indices, observationSize, observations);
        gatherRows(batch.actions, indices, actionSize, actions);
        gatherRows(batch.logProbs, indices, 1, oldLogProbs);
        gatherRows(batch.advantages, indices, 1, advantages);
        gatherRows(batch.returns, indices, 1, returns);
        gatherRows(batch.values, indices, 1, oldValues);

        const { logProbs, entropies } = await policy.evaluate(observations, actions, size);
        if (settings.normalizeAdvantages) {
          const m = mean(advantages);
          const s = standardDeviation(advantages);
          for (let b = 0; b < size; b++) advantages[b] = (advantages[b]! - m) / (s + 1e-8);
        }
        // The clipped surrogate and its derivative with respect to each log π.
        policyLoss = 0;
        approxKL = 0;
        oldApproxKL = 0;
        let clippedCount = 0;
        for (let b = 0; b < size; b++) {
          const logRatio = logProbs[b]! - oldLogProbs[b]!;
          const ratio = Math.exp(logRatio);
          const a = advantages[b]!;
          const unclippedLoss = -a * ratio;
          const clippedLoss = -a * Math.min(Math.max(ratio, 1 - settings.clipCoef), 1 + settings.clipCoef);
          policyLoss += Math.max(unclippedLoss, clippedLoss) / size;
          // ∂/∂log π of the max: the unclipped branch carries −Â·r; the clipped one is flat outside the range.
          const clipActive = clippedLoss > unclippedLoss;
          dLogProbs[b] = clipActive ? 0 : (-a * ratio) / size;
          approxKL += (ratio - 1 - logRatio) / size;
          oldApproxKL += -logRatio / size;
          if (Math.abs(ratio - 1) > settings.clipCoef) clippedCount++;
        }
        clipFractions.push(clippedCount / size);
        entropy = mean(entropies);
        const policyGradient = await policy.gradient(dLogProbs, dEntropies);
        assertFiniteLoss(policyLoss, 'policy loss', iteration);

        // The value loss, clipped as CleanRL does, and its derivative with respect to each v.
        const values = critic.forward(observations, size);
        valueLoss = 0;
        for (let b = 0; b < size; b++) {
          const v = values[b]!;
          const unclipped = (v - returns[b]!) ** 2;
          if (settings.clipValueLoss) {
            const change = Math.min(Math.max(v - oldValues[b]!, -settings.clipCoef), settings.clipCoef);
            clipped[b] = oldValues[b]! + change;
            const clippedSquare = (clipped[b]! - returns[b]!) ** 2;
            valueLoss += (0.5 * Math.max(unclipped, clippedSquare)) / size;
            const clippedBranch = clippedSquare > unclipped;
            const flat = clippedBranch && Math.abs(v - oldValues[b]!) > settings.clipCoef;
            dValues[b] = flat ? 0 : (settings.valueCoef * ((clippedBranch ? clipped[b]! : v) - returns[b]!)) / size;
          } else {
            valueLoss += (0.5 * unclipped) / size;
            dValues[b] = (settings.valueCoef * (v - returns[b]!)) / size;
          }
        }
        assertFiniteLoss(valueLoss, 'value loss', iteration);
        const criticGradient = Float64Array.from(critic.backward(dValues).parameters);

        const networkCount = policy.network.layout.parameterCount;
        const actorGradient = policyGradient.subarray(0, networkCount);
        const extraGradient = policyGradient.subarray(networkCount);
        clipGradientNorm([actorGradient, extraGradient, criticGradient], settings.maxGradNorm);
        this.actorOptimizer.apply(policy.network.parameters, actorGradient);
        this.extraOptimizer?.apply(policy.extra, extraGradient);
        this.criticOptimizer.apply(critic.parameters, criticGradient);
        checkParameters(policy.network, critic, policy.extra, iteration);
      }
      if (settings.targetKL > 0 && approxKL > settings.targetKL) break;
    }
    return {
      learning_rate: learningRate,
      policy_loss: policyLoss,
      value_loss: valueLoss,
      entropy,
      old_approx_kl: oldApproxKL,
      approx_kl: approxKL,
      clipfrac: mean(clipFractions),
      explained_variance: explainedVariance(batch.values, batch.returns),
      epochs: epochsRun,
    };
  }

  getState(): PPOState {
    return { actor: this.actorOptimizer.getState(), ...(this.extraOptimizer ? { extra: this.extraOptimizer.getState() } : {}), critic: this.criticOptimizer.getState() };
  }

  setState(state: PPOState): void {
    this.actorOptimizer.setState(state.actor);
    if (this.extraOptimizer && state.extra) this.extraOptimizer.setState(state.extra);
    this.criticOptimizer.setState(state.critic);
  }

  private optimizers(): Adam[] {
    return [this.actorOptimizer, this.criticOptimizer, ...(this.extraOptimizer ? [this.extraOptimizer] : [])];
  }
}

/** Stops training with a message saying where a non-finite number appeared. */
export function assertFiniteLoss(value: number, what: string, iteration: number): void {
  if (!Number.isFinite(value)) throw new Error(`training diverged: the ${what} is ${value} at iteration ${iteration}`);
}

/** Stops training if an update left a non-finite parameter. */
export function checkParameters(actor: WasmMLP, critic: WasmMLP, extra: Float64Array, iteration: number): void {
  for (const [what, values] of [['actor', actor.parameters], ['critic', critic.parameters], ['log-std', extra]] as const) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]!)) throw new Error(`training diverged: ${what} parameter ${i} became ${values[i]} at iteration ${iteration}`);
    }
  }
}
