// Pendulum-v1 with Gymnasium's dynamics (gymnasium/envs/classic_control/pendulum.py): the inverted
// pendulum swing-up, semi-implicit Euler with dt = 0.05 s.
import { sinCos } from '../math/index.js';
import { assertFiniteNumber, assertKnownKeys } from '../util/validate.js';
import { Box } from './spaces.js';
import { ClassicControlEnv, type BoxActionOptions, type TimeLimitOptions } from './env.js';

const maxSpeed = 8;
const maxTorque = 2.0;
const dt = 0.05;
const mass = 1.0;
const length = 1.0;

export interface PendulumOptions extends TimeLimitOptions, BoxActionOptions {
  /** Gravitational acceleration in m/s² (Gymnasium's `g`). Default 10. */
  g?: number;
}

/**
 * State [θ, θ̇] (rad, rad/s; θ = 0 upright); observation [cos θ, sin θ, θ̇]. The action is a torque
 * in Box(−2, 2, (1,)); a torque outside it is clipped to ±2 as Gymnasium does
 * (`u = np.clip(u, -max_torque, max_torque)[0]`), and the cost uses the clipped u — unless
 * `strictActions`, which makes it throw. Reward −(θ̂² + 0.1 θ̇² + 0.001 u²) with θ̂ the angle
 * normalised to [−π, π), from the state before the step. Never terminates; truncated at 200
 * steps. Reset options `{ xInit, yInit }` (Gymnasium's `x_init`, `y_init`) bound the initial θ and
 * θ̇ symmetrically; defaults π and 1.
 */
export class Pendulum extends ClassicControlEnv<ArrayLike<number>> {
  readonly actionSpace = new Box(-maxTorque, maxTorque, [1]);
  readonly observationSpace = new Box([-1, -1, -maxSpeed], [1, 1, maxSpeed]);
  readonly g: number;
  /** sin θ and cos θ of the current state, written with the observation: the next step's sin θ. */
  private readonly sinCosTheta = new Float64Array(2);

  constructor(options: PendulumOptions = {}) {
    assertKnownKeys(options, ['g', 'maxEpisodeSteps', 'strictActions'], 'Pendulum-v1 options');
    super('Pendulum-v1', 2, 3, options.maxEpisodeSteps ?? 200);
    this.readBoxActionOptions(options);
    const gravity = options.g ?? 10.0;
    assertFiniteNumber(gravity, 'Pendulum-v1 options.g');
    this.g = gravity;
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.assertReadyFor(action);
    const s = this.state;
    const th = s[0]!;
    const thDot = s[1]!;
    const u = Math.min(Math.max(action[0]!, -maxTorque), maxTorque);
    const normalized = angleNormalize(th);
    const costs = normalized * normalized + 0.1 * (thDot * thDot) + 0.001 * (u * u);
    let newThDot = thDot + (((3 * this.g) / (2 * length)) * this.sinCosTheta[0]! + (3.0 / (mass * length * length)) * u) * dt;
    newThDot = Math.min(Math.max(newThDot, -maxSpeed), maxSpeed);
    s[0] = th + newThDot * dt;
    s[1] = newThDot;
    this.reward = -costs;
    this.terminated = false;
    this.countStep();
    this.writeObservation();
  }

  protected drawInitialState(options: Record<string, unknown>): void {
    assertKnownKeys(options, ['xInit', 'yInit'], `${this.id}.reset options`);
    const xInit = options.xInit ?? Math.PI;
    const yInit = options.yInit ?? 1.0;
    assertHalfWidth(xInit, `${this.id}.reset options.xInit`);
    assertHalfWidth(yInit, `${this.id}.reset options.yInit`);
    // Gymnasium: high = np.array([x, y]); self.np_random.uniform(low=-high, high=high), θ first.
    this.state[0] = this.random.uniform(-xInit, xInit);
    this.state[1] = this.random.uniform(-yInit, yInit);
  }

  protected writeObservation(): void {
    const s = this.state;
    sinCos(s[0]!, this.sinCosTheta);
    this.observation[0] = this.sinCosTheta[1]!;
    this.observation[1] = this.sinCosTheta[0]!;
    this.observation[2] = s[1]!;
  }
}

/**
 * A bound of Pendulum's initial state: numpy's `uniform(low=-h, high=h)` refuses h < 0 (high − low
 * < 0) and an infinite 2h (its range overflows), so these throw here too.
 */
function assertHalfWidth(h: unknown, what: string): asserts h is number {
  assertFiniteNumber(h, what);
  if (h < 0 || !Number.isFinite(2 * h)) throw new RangeError(`${what} must be from 0 to ${Number.MAX_VALUE / 2}: the state is drawn from uniform(−h, h), whose range numpy refuses when negative or infinite; got ${h}`);
}

/** ((x + π) mod 2π) − π with Python's floored modulo (the result takes the divisor's sign). */
export function angleNormalize(x: number): number {
  let r = (x + Math.PI) % (2 * Math.PI);
  if (r < 0) r += 2 * Math.PI;
  return r - Math.PI;
}
