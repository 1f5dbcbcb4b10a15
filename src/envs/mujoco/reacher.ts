// Reacher-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/reacher_v5.py): a two-link arm
// that should bring its fingertip to a random target.
import { cos, sin } from '../../math/index.js';
import { assertKnownKeys } from '../../util/validate.js';
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv, NO_VIEW } from './mujoco-env.js';
import { booleanOption, countOption, numberOption } from './mujoco-options.js';
import { sumOfSquares } from './pairwise-sum.js';
import { REACHER_XML } from './models/reacher-model.js';

const ID = 'Reacher-v5';
/** Body indices in the model (world 0, body0 1, body1 2): Gymnasium's get_body_com("fingertip") and ("target"). */
const FINGERTIP = 3;
const TARGET = 4;

/** Gymnasium's keyword arguments of Reacher-v5, in camelCase. */
export interface ReacherOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`); default 2, so dt = 2 × 0.01 s = 0.02 s. */
  frameSkip?: number;
  /** Weight of the distance term (`reward_dist_weight`); default 1. */
  rewardDistWeight?: number;
  /** Weight of the control term (`reward_control_weight`); default 1, as Gymnasium's code has it (its table says 0.1). */
  rewardControlWeight?: number;
}

/**
 * qpos = [joint0, joint1, target_x, target_y], qvel likewise. Observation (10, float32): [cos
 * joint0, cos joint1, sin joint0, sin joint1, target x, target y, joint velocities (2), (fingertip
 * − target) x and y]; action Box(−1, 1, (2,)), the joint torques (gear 200). Reward =
 * −‖fingertip − target‖ · rewardDistWeight − Σa² · rewardControlWeight, from the positions after
 * the step; never terminates; truncated at 50 steps. Reset: qpos + U(−0.1, 0.1), then the target
 * drawn as U(−0.2, 0.2)² until inside the disc of radius 0.2, qvel + U(−0.005, 0.005) with the
 * target's velocity 0. Info: reward_dist, reward_ctrl.
 */
export class Reacher extends MujocoEnv {
  readonly rewardDistWeight: number;
  readonly rewardControlWeight: number;
  /** Gymnasium's info terms of the latest step. */
  rewardDist = 0;
  rewardCtrl = 0;
  private xpos = NO_VIEW;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: ReacherOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, ['frameSkip', 'rewardDistWeight', 'rewardControlWeight', 'maxEpisodeSteps', 'strictActions'], `${ID} options`);
    const o = options as Record<string, unknown>;
    super(mujoco, {
      id: ID,
      xml: REACHER_XML,
      modelName: 'reacher',
      observationSize: 10,
      frameSkip: countOption(o, 'frameSkip', 2, ID),
      strictActions: booleanOption(o, 'strictActions', false, ID),
      maxEpisodeSteps: countOption(o, 'maxEpisodeSteps', 50, ID),
    });
    this.rewardDistWeight = numberOption(o, 'rewardDistWeight', 1, ID);
    this.rewardControlWeight = numberOption(o, 'rewardControlWeight', 1, ID);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.beginStep(action);
    this.advance();
    const p = this.xpos;
    const dx = p[3 * FINGERTIP]! - p[3 * TARGET]!;
    const dy = p[3 * FINGERTIP + 1]! - p[3 * TARGET + 1]!;
    const dz = p[3 * FINGERTIP + 2]! - p[3 * TARGET + 2]!;
    // numpy's norm is sqrt of a BLAS dot product, which may round once less than this sum.
    this.rewardDist = -Math.sqrt(dx * dx + dy * dy + dz * dz) * this.rewardDistWeight;
    this.rewardCtrl = -sumOfSquares(action) * this.rewardControlWeight;
    this.reward = this.rewardDist + this.rewardCtrl;
    this.terminated = false;
    this.writeObservation();
  }

  info(): Info {
    return { reward_dist: this.rewardDist, reward_ctrl: this.rewardCtrl };
  }

  protected override makeViews(): void {
    this.xpos = this.data.xpos;
  }

  protected resetModel(): void {
    const qpos = this.qpos;
    const qvel = this.qvel;
    for (let i = 0; i < qpos.length; i++) qpos[i] = this.random.uniform(-0.1, 0.1) + this.initQpos[i]!;
    let goalX: number;
    let goalY: number;
    do {
      goalX = this.random.uniform(-0.2, 0.2);
      goalY = this.random.uniform(-0.2, 0.2);
    } while (!(Math.sqrt(goalX * goalX + goalY * goalY) < 0.2));
    qpos[2] = goalX;
    qpos[3] = goalY;
    for (let i = 0; i < qvel.length; i++) qvel[i] = this.initQvel[i]! + this.random.uniform(-0.005, 0.005);
    qvel[2] = 0;
    qvel[3] = 0;
  }

  protected writeObservation(): void {
    const o = this.observation;
    const qpos = this.qpos;
    const p = this.xpos;
    o[0] = cos(qpos[0]!);
    o[1] = cos(qpos[1]!);
    o[2] = sin(qpos[0]!);
    o[3] = sin(qpos[1]!);
    o[4] = qpos[2]!;
    o[5] = qpos[3]!;
    o[6] = this.qvel[0]!;
    o[7] = this.qvel[1]!;
    o[8] = p[3 * FINGERTIP]! - p[3 * TARGET]!;
    o[9] = p[3 * FINGERTIP + 1]! - p[3 * TARGET + 1]!;
  }
}
