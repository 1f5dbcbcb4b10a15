// What Ant-v5 and Humanoid-v5 share (gymnasium/envs/mujoco/ant_v5.py, humanoid_v5.py): a body on a
// free root joint that walks on the floor, rewarded for its speed along x (of a point each env
// chooses) and, while healthy, a fixed amount; charged w_c · Σ ctrl² (numpy's summation order) and a
// contact cost from cfrc_ext (each env's own); terminated when unhealthy (if asked); Gymnasium's
// info of both.
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv, NO_VIEW, type MujocoEnvSpec } from './mujoco-env.js';
import { booleanOption, countOption, numberOption, rangeOption, scaleOption } from './mujoco-options.js';
import { sumOfSquares } from './pairwise-sum.js';

/** The keyword arguments the two share, in camelCase after Gymnasium's; each env's defaults in its class doc. */
export interface FreeLocomotionOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`); default 5. */
  frameSkip?: number;
  /** Weight of the forward reward Δx / dt (`forward_reward_weight`). */
  forwardRewardWeight?: number;
  /** Weight of the control cost Σa² (`ctrl_cost_weight`). */
  ctrlCostWeight?: number;
  /** Weight of the contact cost (`contact_cost_weight`). */
  contactCostWeight?: number;
  /** The reward on every healthy step (`healthy_reward`). */
  healthyReward?: number;
  /** End the episode when unhealthy (`terminate_when_unhealthy`); default true. */
  terminateWhenUnhealthy?: boolean;
  /** The interval the torso's height qpos[2] must lie in (`healthy_z_range`). */
  healthyZRange?: readonly [number, number];
  /** Scale of the reset noise (`reset_noise_scale`). */
  resetNoiseScale?: number;
  /** Leave the torso's x and y out of the observation (`exclude_current_positions_from_observation`); default true. */
  excludeCurrentPositionsFromObservation?: boolean;
  /** Append the external contact forces of the bodies but the world (`include_cfrc_ext_in_observation`); default true. */
  includeCfrcExtInObservation?: boolean;
}

/** The keys both accept. */
export const FREE_LOCOMOTION_KEYS = ['frameSkip', 'forwardRewardWeight', 'ctrlCostWeight', 'contactCostWeight', 'healthyReward', 'terminateWhenUnhealthy', 'healthyZRange', 'resetNoiseScale', 'excludeCurrentPositionsFromObservation', 'includeCfrcExtInObservation', 'maxEpisodeSteps', 'strictActions'] as const;

/** What an environment fixes for the shared step. */
export interface FreeLocomotionSpec extends Omit<MujocoEnvSpec, 'observationSize' | 'frameSkip' | 'maxEpisodeSteps' | 'strictActions'> {
  defaults: { forwardRewardWeight: number; ctrlCostWeight: number; contactCostWeight: number; healthyReward: number; healthyZRange: readonly [number, number]; resetNoiseScale: number };
  nq: number;
  nv: number;
  nbody: number;
  /** Floats of the observation after qpos, qvel and cfrc_ext (the env's own parts). */
  extraObservation: number;
}

/** A walker on a free root: reward = (forward + healthy) − (ctrl + contact); terminated when unhealthy (if asked). */
export abstract class FreeLocomotionEnv extends MujocoEnv {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly contactCostWeight: number;
  readonly healthyReward: number;
  readonly terminateWhenUnhealthy: boolean;
  readonly healthyZRange: readonly [number, number];
  readonly resetNoiseScale: number;
  readonly excludeCurrentPositionsFromObservation: boolean;
  readonly includeCfrcExtInObservation: boolean;
  /** Gymnasium's info terms of the latest step. */
  rewardForward = 0;
  rewardCtrl = 0;
  rewardContact = 0;
  rewardSurvive = 0;
  xVelocity = 0;
  yVelocity = 0;
  /** [nbody][6] the external (contact) forces, body 0 the world. */
  protected cfrcExt = NO_VIEW;

  constructor(mujoco: MujocoModule, spec: FreeLocomotionSpec, options: Record<string, unknown>) {
    const { id, defaults } = spec;
    const exclude = booleanOption(options, 'excludeCurrentPositionsFromObservation', true, id);
    const includeCfrcExt = booleanOption(options, 'includeCfrcExtInObservation', true, id);
    super(mujoco, {
      id,
      xml: spec.xml,
      modelName: spec.modelName,
      observationSize: spec.nq + spec.nv - (exclude ? 2 : 0) + (includeCfrcExt ? (spec.nbody - 1) * 6 : 0) + spec.extraObservation,
      frameSkip: countOption(options, 'frameSkip', 5, id),
      maxEpisodeSteps: countOption(options, 'maxEpisodeSteps', 1000, id),
      strictActions: booleanOption(options, 'strictActions', false, id),
    });
    this.excludeCurrentPositionsFromObservation = exclude;
    this.includeCfrcExtInObservation = includeCfrcExt;
    this.forwardRewardWeight = numberOption(options, 'forwardRewardWeight', defaults.forwardRewardWeight, id);
    this.ctrlCostWeight = numberOption(options, 'ctrlCostWeight', defaults.ctrlCostWeight, id);
    this.contactCostWeight = numberOption(options, 'contactCostWeight', defaults.contactCostWeight, id);
    this.healthyReward = numberOption(options, 'healthyReward', defaults.healthyReward, id);
    this.terminateWhenUnhealthy = booleanOption(options, 'terminateWhenUnhealthy', true, id);
    this.healthyZRange = rangeOption(options, 'healthyZRange', defaults.healthyZRange, id);
    this.resetNoiseScale = scaleOption(options, 'resetNoiseScale', defaults.resetNoiseScale, id);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.beginStep(action);
    const xBefore = this.forwardPosition(0);
    const yBefore = this.forwardPosition(1);
    this.advance();
    this.xVelocity = (this.forwardPosition(0) - xBefore) / this.dt;
    this.yVelocity = (this.forwardPosition(1) - yBefore) / this.dt;
    this.rewardForward = this.forwardRewardWeight * this.xVelocity;
    const healthy = this.isHealthy();
    // Gymnasium's `is_healthy * healthy_reward`: a bool times a float.
    this.rewardSurvive = (healthy ? 1 : 0) * this.healthyReward;
    // ctrl holds the action as float64 (MuJoCo clamps its own copy to ctrlrange): Ant squares the
    // action, Humanoid data.ctrl, the same numbers.
    const ctrlCost = this.ctrlCostWeight * sumOfSquares(this.ctrl);
    const contactCost = this.contactCost();
    this.rewardCtrl = -ctrlCost;
    this.rewardContact = -contactCost;
    this.terminated = !healthy && this.terminateWhenUnhealthy;
    this.writeObservation();
    this.reward = this.rewardForward + this.rewardSurvive - (ctrlCost + contactCost);
  }

  /** Gymnasium's `is_healthy` on the current state. */
  abstract isHealthy(): boolean;

  info(): Info {
    return {
      ...this.resetInfo(),
      x_velocity: this.xVelocity,
      y_velocity: this.yVelocity,
      reward_survive: this.rewardSurvive,
      reward_forward: this.rewardForward,
      reward_ctrl: this.rewardCtrl,
      reward_contact: this.rewardContact,
    };
  }

  override resetInfo(): Info {
    return this.planarPositionInfo();
  }

  /** The x (axis 0) or y (axis 1) whose change over the step, over dt, is the velocity. */
  protected abstract forwardPosition(axis: 0 | 1): number;

  /** Gymnasium's `contact_cost` after the step. */
  protected abstract contactCost(): number;

  protected override makeViews(): void {
    this.cfrcExt = this.data.cfrc_ext;
  }
}
