// Acrobot-v1 with Gymnasium's dynamics (gymnasium/envs/classic_control/acrobot.py): Sutton's
// two-link acrobot with the "book" equations, one RK4 step over [0, 0.2] s, angles wrapped to
// [−π, π] and angular velocities bounded to ±4π and ±9π.
import { sinCos } from '../math/index.js';
import { assertKnownKeys } from '../util/validate.js';
import { Box, Discrete } from './spaces.js';
import { ClassicControlEnv, type TimeLimitOptions } from './env.js';

const dt = 0.2;
const linkLength1 = 1.0;
const linkMass1 = 1.0;
const linkMass2 = 1.0;
const linkComPos1 = 0.5;
const linkComPos2 = 0.5;
const linkMoi = 1.0;
const maxVel1 = 4 * Math.PI;
const maxVel2 = 9 * Math.PI;
const availableTorque = [-1.0, 0.0, 1.0] as const;
const g = 9.8;

/**
 * State [θ1, θ2, θ̇1, θ̇2] (rad, rad/s); observation [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2].
 * Actions 0, 1, 2 apply torque −1, 0, +1 at the second joint. Reward −1 per step, 0 on the step
 * that reaches the goal −cos θ1 − cos(θ1 + θ2) > 1; truncated at 500 steps. Gymnasium's
 * `torque_noise_max` is 0, so the dynamics are deterministic.
 */
export class Acrobot extends ClassicControlEnv<number> {
  readonly actionSpace = new Discrete(3);
  readonly observationSpace = new Box([-1, -1, -1, -1, -maxVel1, -maxVel2], [1, 1, 1, 1, maxVel1, maxVel2]);
  // RK4 stages, reused.
  private readonly k1 = new Float64Array(4);
  private readonly k2 = new Float64Array(4);
  private readonly k3 = new Float64Array(4);
  private readonly k4 = new Float64Array(4);
  private readonly stage = new Float64Array(4);
  /** sin θ1, cos θ1, sin θ2, cos θ2 of the current state, written with the observation: RK4's first stage. */
  private readonly sinCosThetas = new Float64Array(4);
  /** The same of an RK4 stage. */
  private readonly sinCosStage = new Float64Array(4);

  constructor(options: TimeLimitOptions = {}) {
    assertKnownKeys(options, ['maxEpisodeSteps'], 'Acrobot-v1 options');
    super('Acrobot-v1', 4, 6, options.maxEpisodeSteps ?? 500);
  }

  stepInPlace(action: number): void {
    this.assertReady();
    if (action !== 0 && action !== 1 && action !== 2) throw this.invalidAction(action);
    const torque = availableTorque[action];
    const s = this.state;
    const { k1, k2, k3, k4, stage, sinCosStage } = this;
    // Gymnasium's rk4 over t = [0, dt], with the torque held constant as a fifth state. The first
    // stage is the state itself, whose sines and cosines the observation already has.
    const dt2 = dt / 2.0;
    dsdt(s, this.sinCosThetas, torque, k1);
    for (let i = 0; i < 4; i++) stage[i] = s[i]! + dt2 * k1[i]!;
    writeSinCos(stage, sinCosStage);
    dsdt(stage, sinCosStage, torque, k2);
    for (let i = 0; i < 4; i++) stage[i] = s[i]! + dt2 * k2[i]!;
    writeSinCos(stage, sinCosStage);
    dsdt(stage, sinCosStage, torque, k3);
    for (let i = 0; i < 4; i++) stage[i] = s[i]! + dt * k3[i]!;
    writeSinCos(stage, sinCosStage);
    dsdt(stage, sinCosStage, torque, k4);
    for (let i = 0; i < 4; i++) s[i] = s[i]! + (dt / 6.0) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    s[0] = wrap(s[0]!, -Math.PI, Math.PI);
    s[1] = wrap(s[1]!, -Math.PI, Math.PI);
    s[2] = Math.min(Math.max(s[2]!, -maxVel1), maxVel1);
    s[3] = Math.min(Math.max(s[3]!, -maxVel2), maxVel2);
    this.writeObservation();
    // Gymnasium's goal test −cos θ1 − cos(θ2 + θ1) > 1, with cos(θ1 + θ2) = cos θ1 cos θ2 − sin θ1 sin θ2.
    const trig = this.sinCosThetas;
    this.terminated = -trig[1]! - (trig[1]! * trig[3]! - trig[0]! * trig[2]!) > 1.0;
    this.reward = this.terminated ? 0 : -1;
    this.countStep();
  }

  protected drawInitialState(options: Record<string, unknown>): void {
    const [low, high] = this.resetBounds(options, -0.1, 0.1);
    // Gymnasium: self.np_random.uniform(low=low, high=high, size=(4,)).astype(np.float32), the
    // float32 cast before integrating.
    for (let i = 0; i < 4; i++) this.state[i] = Math.fround(this.random.uniform(low, high));
  }

  protected writeObservation(): void {
    const s = this.state;
    const o = this.observation;
    const trig = this.sinCosThetas;
    writeSinCos(s, trig);
    o[0] = trig[1]!;
    o[1] = trig[0]!;
    o[2] = trig[3]!;
    o[3] = trig[2]!;
    o[4] = s[2]!;
    o[5] = s[3]!;
  }
}

/** sin θ1, cos θ1, sin θ2, cos θ2 of state `s` into `out`. */
function writeSinCos(s: Float64Array, out: Float64Array): void {
  // One call site, not two: V8 inlines sinCos and its kernels once, within its inlining budget.
  // With two sites the second call's kernels ran out of line and boxed each double they returned
  // (Acrobot's steps 18 % slower, measured).
  for (let i = 0; i < 2; i++) sinCos(s[i]!, out, 2 * i);
}

/**
 * The book dynamics: writes [θ̇1, θ̇2, θ̈1, θ̈2] of state `s` under torque `a` into `out`, given
 * `trig` = [sin θ1, cos θ1, sin θ2, cos θ2] of `s` (writeSinCos).
 */
function dsdt(s: Float64Array, trig: Float64Array, a: number, out: Float64Array): void {
  const m1 = linkMass1;
  const m2 = linkMass2;
  const l1 = linkLength1;
  const lc1 = linkComPos1;
  const lc2 = linkComPos2;
  const i1 = linkMoi;
  const i2 = linkMoi;
  const dtheta1 = s[2]!;
  const dtheta2 = s[3]!;
  // Gymnasium's expressions, with its cos(θ1 + θ2 − π/2) and cos(θ1 − π/2) written as
  // sin(θ1 + θ2) = sin θ1 cos θ2 + cos θ1 sin θ2 and sin θ1: the same functions to within a few
  // ulps (Gymnasium's own rounding of θ − π/2 is of that size), for two sinCos per stage, not four.
  const sinTheta1 = trig[0]!;
  const cosTheta1 = trig[1]!;
  const sinTheta2 = trig[2]!;
  const cosTheta2 = trig[3]!;
  const d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2;
  const d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2;
  const phi2 = m2 * lc2 * g * (sinTheta1 * cosTheta2 + cosTheta1 * sinTheta2);
  const phi1 =
    -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sinTheta2 -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2 +
    (m1 * lc1 + m2 * l1) * g * sinTheta1 +
    phi2;
  const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sinTheta2 - phi2) / (m2 * lc2 * lc2 + i2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
}

/** Gymnasium's `wrap`: shifts x by multiples of (M − m) into [m, M]. */
function wrap(x: number, m: number, M: number): number {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
}
