// CartPole-v1 with Gymnasium's dynamics (gymnasium/envs/classic_control/cartpole.py): Barto,
// Sutton & Anderson's cart-pole, explicit Euler with τ = 0.02 s, force ±10 N.
import { cos, sin } from '../math/index.js';
import { assertBoolean, assertKnownKeys } from '../util/validate.js';
import { Box, Discrete } from './spaces.js';
import { ClassicControlEnv, type TimeLimitOptions } from './env.js';

const gravity = 9.8;
const massCart = 1.0;
const massPole = 0.1;
const totalMass = massPole + massCart;
const length = 0.5; // half the pole's length
const poleMassLength = massPole * length;
const forceMag = 10.0;
const tau = 0.02;
const thetaThreshold = (12 * 2 * Math.PI) / 360;
const xThreshold = 2.4;

export interface CartPoleOptions extends TimeLimitOptions {
  /** Gymnasium's `sutton_barto_reward`: 0 per step and −1 on termination instead of +1 per step. Default false. */
  suttonBartoReward?: boolean;
}

/**
 * State [x, ẋ, θ, θ̇] (m, m/s, rad, rad/s); actions 0 (push left) and 1 (push right). Reward +1 per
 * step including the terminating one, 0 for steps taken after termination (with a warning).
 * Terminates when |x| > 2.4 or |θ| > 12°; truncated at 500 steps.
 */
export class CartPole extends ClassicControlEnv<number> {
  readonly actionSpace = new Discrete(2);
  readonly observationSpace = new Box([-xThreshold * 2, -Infinity, -thetaThreshold * 2, -Infinity], [xThreshold * 2, Infinity, thetaThreshold * 2, Infinity]);
  private readonly suttonBartoReward: boolean;
  /** Gymnasium's `steps_beyond_terminated`: −1 while the episode runs. */
  private stepsBeyondTerminated = -1;

  constructor(options: CartPoleOptions = {}) {
    assertKnownKeys(options, ['suttonBartoReward', 'maxEpisodeSteps'], 'CartPole-v1 options');
    super('CartPole-v1', 4, 4, options.maxEpisodeSteps ?? 500);
    if (options.suttonBartoReward !== undefined) assertBoolean(options.suttonBartoReward, 'CartPole-v1 options.suttonBartoReward');
    this.suttonBartoReward = options.suttonBartoReward ?? false;
  }

  stepInPlace(action: number): void {
    this.assertReady();
    if (action !== 0 && action !== 1) throw this.invalidAction(action);
    const s = this.state;
    let x = s[0]!;
    let xDot = s[1]!;
    let theta = s[2]!;
    let thetaDot = s[3]!;
    const force = action === 1 ? forceMag : -forceMag;
    const cosTheta = cos(theta);
    const sinTheta = sin(theta);
    // Florian (2007), "Correct equations for the dynamics of the cart-pole system", frictionless case.
    const temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass;
    const thetaAcc = (gravity * sinTheta - cosTheta * temp) / (length * (4.0 / 3.0 - (massPole * (cosTheta * cosTheta)) / totalMass));
    const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
    x = x + tau * xDot;
    xDot = xDot + tau * xAcc;
    theta = theta + tau * thetaDot;
    thetaDot = thetaDot + tau * thetaAcc;
    s[0] = x;
    s[1] = xDot;
    s[2] = theta;
    s[3] = thetaDot;

    const terminated = x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold;
    if (!terminated) {
      this.reward = this.suttonBartoReward ? 0 : 1;
    } else if (this.stepsBeyondTerminated < 0) {
      this.stepsBeyondTerminated = 0;
      this.reward = this.suttonBartoReward ? -1 : 1;
    } else {
      if (this.stepsBeyondTerminated === 0) {
        console.warn(`${this.id}: step() called after the episode terminated; call reset(). Further steps are undefined behaviour (reward ${this.suttonBartoReward ? -1 : 0}).`);
      }
      this.stepsBeyondTerminated++;
      this.reward = this.suttonBartoReward ? -1 : 0;
    }
    this.terminated = terminated;
    this.countStep();
    this.writeObservation();
  }

  protected drawInitialState(options: Record<string, unknown>): void {
    const [low, high] = this.resetBounds(options, -0.05, 0.05);
    // Gymnasium: self.np_random.uniform(low=low, high=high, size=(4,)), element 0 first.
    for (let i = 0; i < 4; i++) this.state[i] = this.random.uniform(low, high);
    this.stepsBeyondTerminated = -1;
  }

  protected writeObservation(): void {
    const s = this.state;
    const o = this.observation;
    o[0] = s[0]!;
    o[1] = s[1]!;
    o[2] = s[2]!;
    o[3] = s[3]!;
  }
}
