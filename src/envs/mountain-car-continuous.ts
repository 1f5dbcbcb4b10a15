// MountainCarContinuous-v0 with Gymnasium's dynamics
// (gymnasium/envs/classic_control/continuous_mountain_car.py): power 0.0015, goal at 0.45.
import { cos } from '../math/index.js';
import type { BoxActionOptions } from './env.js';
import { Box } from './spaces.js';
import { MountainCarBase, maxPosition, maxSpeed, minPosition, type MountainCarOptions } from './mountain-car.js';

const power = 0.0015;
const goalPosition = 0.45;

/** MountainCarContinuous-v0's options: the discrete car's, and `strictActions`. */
export interface MountainCarContinuousOptions extends MountainCarOptions, BoxActionOptions {}

/**
 * The action is a force in Box(−1, 1, (1,)); a force outside it is clipped as
 * min(max(a, −1), 1), as Gymnasium does, while the reward charges the raw action — unless
 * `strictActions`, which makes it throw. Reward −0.1·a² per step with the unclipped a, plus 100
 * on the step that reaches position ≥ 0.45 with velocity ≥ goalVelocity (which terminates);
 * truncated at 999 steps. An action so large that a² overflows throws (Gymnasium's
 * `math.pow(action[0], 2)` raises OverflowError). As in Gymnasium, the state is stored as float32
 * after every step (the reset state is not rounded).
 */
export class MountainCarContinuous extends MountainCarBase<ArrayLike<number>> {
  readonly actionSpace = new Box(-1.0, 1.0, [1]);

  constructor(options: MountainCarContinuousOptions = {}) {
    super('MountainCarContinuous-v0', options, 999, ['strictActions']);
    this.readBoxActionOptions(options);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.assertReadyFor(action);
    const s = this.state;
    const a = action[0]!;
    if (!Number.isFinite(a * a)) throw this.invalidAction(action, `${a} is so large that the reward −0.1·a² overflows`);
    let position = s[0]!;
    let velocity = s[1]!;
    const force = Math.min(Math.max(a, -1.0), 1.0);
    velocity += force * power - 0.0025 * cos(3 * position);
    if (velocity > maxSpeed) velocity = maxSpeed;
    if (velocity < -maxSpeed) velocity = -maxSpeed;
    position += velocity;
    if (position > maxPosition) position = maxPosition;
    if (position < minPosition) position = minPosition;
    if (position === minPosition && velocity < 0) velocity = 0;
    this.terminated = position >= goalPosition && velocity >= this.goalVelocity;
    this.reward = (this.terminated ? 100.0 : 0) - a * a * 0.1;
    s[0] = Math.fround(position);
    s[1] = Math.fround(velocity);
    this.countStep();
    this.writeObservation();
  }
}
