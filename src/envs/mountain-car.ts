// MountainCar-v0 with Gymnasium's dynamics (gymnasium/envs/classic_control/mountain_car.py):
// Moore's mountain car, force 0.001, gravity 0.0025, velocity clipped to ±0.07, position to
// [−1.2, 0.6], and the velocity zeroed against the left wall. The base class holds what the
// continuous version shares with it.
import { cos } from '../math/index.js';
import { assertFiniteNumber, assertKnownKeys } from '../util/validate.js';
import { Box, Discrete } from './spaces.js';
import { ClassicControlEnv, type Action, type TimeLimitOptions } from './env.js';

export const minPosition = -1.2;
export const maxPosition = 0.6;
export const maxSpeed = 0.07;

export interface MountainCarOptions extends TimeLimitOptions {
  /** Gymnasium's `goal_velocity`: the velocity the car must have at the goal. Default 0. */
  goalVelocity?: number;
}

/** State [position, velocity]; observation the same, as float32. Reset: position ~ U(−0.6, −0.4), velocity 0. */
export abstract class MountainCarBase<A extends Action> extends ClassicControlEnv<A> {
  readonly observationSpace = new Box([minPosition, -maxSpeed], [maxPosition, maxSpeed]);
  readonly goalVelocity: number;

  /** @param extraKeys the option keys a subclass reads besides goalVelocity and maxEpisodeSteps. */
  constructor(id: string, options: MountainCarOptions, defaultMaxEpisodeSteps: number, extraKeys: readonly string[] = []) {
    assertKnownKeys(options, ['goalVelocity', 'maxEpisodeSteps', ...extraKeys], `${id} options`);
    super(id, 2, 2, options.maxEpisodeSteps ?? defaultMaxEpisodeSteps);
    const goalVelocity = options.goalVelocity ?? 0;
    assertFiniteNumber(goalVelocity, `${id} options.goalVelocity`);
    this.goalVelocity = goalVelocity;
  }

  protected drawInitialState(options: Record<string, unknown>): void {
    const [low, high] = this.resetBounds(options, -0.6, -0.4);
    // Gymnasium: np.array([self.np_random.uniform(low=low, high=high), 0]).
    this.state[0] = this.random.uniform(low, high);
    this.state[1] = 0;
  }

  protected writeObservation(): void {
    this.observation[0] = this.state[0]!;
    this.observation[1] = this.state[1]!;
  }
}

const force = 0.001;
const gravity = 0.0025;
const goalPosition = 0.5;

/**
 * Actions 0, 1, 2 accelerate left, not at all, right. Reward −1 per step; terminates when
 * position ≥ 0.5 and velocity ≥ goalVelocity; truncated at 200 steps.
 */
export class MountainCar extends MountainCarBase<number> {
  readonly actionSpace = new Discrete(3);

  constructor(options: MountainCarOptions = {}) {
    super('MountainCar-v0', options, 200);
  }

  stepInPlace(action: number): void {
    this.assertReady();
    if (action !== 0 && action !== 1 && action !== 2) throw this.invalidAction(action);
    const s = this.state;
    let position = s[0]!;
    let velocity = s[1]!;
    velocity += (action - 1) * force + cos(3 * position) * -gravity;
    velocity = Math.min(Math.max(velocity, -maxSpeed), maxSpeed);
    position += velocity;
    position = Math.min(Math.max(position, minPosition), maxPosition);
    if (position === minPosition && velocity < 0) velocity = 0;
    s[0] = position;
    s[1] = velocity;
    this.terminated = position >= goalPosition && velocity >= this.goalVelocity;
    this.reward = -1;
    this.countStep();
    this.writeObservation();
  }
}
