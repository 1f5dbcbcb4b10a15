// What Hopper-v5, Walker2d-v5, HalfCheetah-v5 and Swimmer-v5 share (gymnasium/envs/mujoco/
// hopper_v5.py, walker2d_v5.py, half_cheetah_v5.py, swimmer_v5.py): a body whose qpos starts with
// its root's x (and, for the swimmer, y); the forward reward is the root's x velocity Δx / dt; the
// control cost w · Σ a² (numpy's summation order); the observation qpos without the root's
// position (unless asked for) then qvel, clipped to ±10 where the env clips it; Gymnasium's info.
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv, type MujocoEnvSpec } from './mujoco-env.js';
import { booleanOption, countOption, numberOption, scaleOption } from './mujoco-options.js';
import { sumOfSquares } from './pairwise-sum.js';

/** The keyword arguments the three share, in camelCase after Gymnasium's. */
export interface PlanarLocomotionOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`). */
  frameSkip?: number;
  /** Weight of the forward reward Δx / dt (`forward_reward_weight`); default 1. */
  forwardRewardWeight?: number;
  /** Weight of the control cost Σ a² (`ctrl_cost_weight`). */
  ctrlCostWeight?: number;
  /** Scale of the reset noise (`reset_noise_scale`). */
  resetNoiseScale?: number;
  /** Leave the root's position out of the observation (`exclude_current_positions_from_observation`); default true. */
  excludeCurrentPositionsFromObservation?: boolean;
}

/** What an environment fixes for the shared step. */
export interface PlanarLocomotionSpec extends Omit<MujocoEnvSpec, 'observationSize' | 'frameSkip' | 'maxEpisodeSteps' | 'strictActions'> {
  defaults: { frameSkip: number; ctrlCostWeight: number; resetNoiseScale: number };
  /** Whether the observation clips qvel to ±10 (Hopper, Walker2d) or not (HalfCheetah). */
  clipVelocity: boolean;
  /** Whether qvel's reset noise is normal (HalfCheetah) rather than uniform. */
  normalVelocityNoise: boolean;
  /** How many leading qpos entries are the root's position (x; x and y for the swimmer). */
  rootPositions: 1 | 2;
}

/** The keys every planar locomotion env accepts. */
export const PLANAR_LOCOMOTION_KEYS = ['frameSkip', 'forwardRewardWeight', 'ctrlCostWeight', 'resetNoiseScale', 'excludeCurrentPositionsFromObservation', 'maxEpisodeSteps', 'strictActions'] as const;

/**
 * A planar locomotion env. HalfCheetah and Swimmer use it as it is (reward = forward − ctrl, never
 * terminating); Hopper and Walker2d add a health test through {@link HealthyPlanarLocomotionEnv}.
 */
export class PlanarLocomotionEnv extends MujocoEnv {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly resetNoiseScale: number;
  readonly excludeCurrentPositionsFromObservation: boolean;
  /** Gymnasium's info terms of the latest step. */
  rewardForward = 0;
  rewardCtrl = 0;
  xPosition = 0;
  xVelocity = 0;
  /** qpos[1] before the latest step (the swimmer's y). */
  protected qpos1Before = 0;
  private readonly rootPositions: number;
  private readonly clipVelocity: boolean;
  private readonly normalVelocityNoise: boolean;

  constructor(mujoco: MujocoModule, spec: PlanarLocomotionSpec, options: Record<string, unknown>, nq: number, nv: number) {
    const exclude = booleanOption(options, 'excludeCurrentPositionsFromObservation', true, spec.id);
    super(mujoco, {
      id: spec.id,
      xml: spec.xml,
      modelName: spec.modelName,
      observationSize: nq + nv - (exclude ? spec.rootPositions : 0),
      frameSkip: countOption(options, 'frameSkip', spec.defaults.frameSkip, spec.id),
      maxEpisodeSteps: countOption(options, 'maxEpisodeSteps', 1000, spec.id),
      strictActions: booleanOption(options, 'strictActions', false, spec.id),
    });
    this.excludeCurrentPositionsFromObservation = exclude;
    this.forwardRewardWeight = numberOption(options, 'forwardRewardWeight', 1, spec.id);
    this.ctrlCostWeight = numberOption(options, 'ctrlCostWeight', spec.defaults.ctrlCostWeight, spec.id);
    this.resetNoiseScale = scaleOption(options, 'resetNoiseScale', spec.defaults.resetNoiseScale, spec.id);
    this.rootPositions = spec.rootPositions;
    this.clipVelocity = spec.clipVelocity;
    this.normalVelocityNoise = spec.normalVelocityNoise;
  }

  /** Gymnasium's `_get_rew` of HalfCheetah and Swimmer: forward − ctrl; these never terminate. */
  stepInPlace(action: ArrayLike<number>): void {
    const ctrlCost = this.locomotionStep(action);
    this.reward = this.rewardForward - ctrlCost;
    this.terminated = false;
  }

  info(): Info {
    return { x_position: this.xPosition, x_velocity: this.xVelocity, reward_forward: this.rewardForward, reward_ctrl: this.rewardCtrl };
  }

  override resetInfo(): Info {
    return { x_position: this.qpos[0]! };
  }

  /**
   * The shared half of a step: runs it, sets the x position and velocity, the forward reward and
   * the control cost, and writes the observation; returns the control cost.
   */
  protected locomotionStep(action: ArrayLike<number>): number {
    this.beginStep(action);
    const xBefore = this.qpos[0]!;
    this.qpos1Before = this.qpos[1]!;
    this.advance();
    const xAfter = this.qpos[0]!;
    this.xPosition = xAfter;
    this.xVelocity = (xAfter - xBefore) / this.dt;
    this.rewardForward = this.forwardRewardWeight * this.xVelocity;
    const ctrlCost = this.ctrlCostWeight * sumOfSquares(action);
    this.rewardCtrl = -ctrlCost;
    this.writeObservation();
    return ctrlCost;
  }

  protected resetModel(): void {
    if (this.normalVelocityNoise) this.uniformNormalResetNoise(this.resetNoiseScale);
    else this.uniformResetNoise(this.resetNoiseScale);
  }

  protected writeObservation(): void {
    const o = this.observation;
    const qpos = this.qpos;
    const qvel = this.qvel;
    let k = 0;
    for (let i = this.excludeCurrentPositionsFromObservation ? this.rootPositions : 0; i < qpos.length; i++) o[k++] = qpos[i]!;
    if (this.clipVelocity) for (let i = 0; i < qvel.length; i++) o[k++] = Math.min(Math.max(qvel[i]!, -10), 10);
    else for (let i = 0; i < qvel.length; i++) o[k++] = qvel[i]!;
  }
}

/** The health options of Hopper and Walker2d. */
export interface HealthOptions {
  /** The reward on every healthy step (`healthy_reward`); default 1. */
  healthyReward?: number;
  /** End the episode when unhealthy (`terminate_when_unhealthy`); default true. */
  terminateWhenUnhealthy?: boolean;
  /** The open interval the torso's height qpos[1] must lie in (`healthy_z_range`). */
  healthyZRange?: readonly [number, number];
  /** The open interval the torso's angle qpos[2] must lie in (`healthy_angle_range`). */
  healthyAngleRange?: readonly [number, number];
}

/** A planar walker with Gymnasium's health test: reward = (forward + healthy) − ctrl; terminated when unhealthy (if asked). */
export abstract class HealthyPlanarLocomotionEnv extends PlanarLocomotionEnv {
  readonly healthyReward: number;
  readonly terminateWhenUnhealthy: boolean;
  /** Gymnasium's `info["reward_survive"]` of the latest step. */
  rewardSurvive = 0;

  constructor(mujoco: MujocoModule, spec: PlanarLocomotionSpec, options: Record<string, unknown>, nq: number, nv: number) {
    super(mujoco, spec, options, nq, nv);
    this.healthyReward = numberOption(options, 'healthyReward', 1, spec.id);
    this.terminateWhenUnhealthy = booleanOption(options, 'terminateWhenUnhealthy', true, spec.id);
  }

  /** Gymnasium's `is_healthy` on the current state. */
  abstract isHealthy(): boolean;

  override stepInPlace(action: ArrayLike<number>): void {
    const ctrlCost = this.locomotionStep(action);
    const healthy = this.isHealthy();
    // Gymnasium's `is_healthy * healthy_reward`: a bool times a float.
    this.rewardSurvive = (healthy ? 1 : 0) * this.healthyReward;
    this.reward = this.rewardForward + this.rewardSurvive - ctrlCost;
    this.terminated = !healthy && this.terminateWhenUnhealthy;
  }

  override info(): Info {
    return { ...super.info(), reward_survive: this.rewardSurvive, z_distance_from_origin: this.qpos[1]! - this.initQpos[1]! };
  }

  override resetInfo(): Info {
    return { ...super.resetInfo(), z_distance_from_origin: this.qpos[1]! - this.initQpos[1]! };
  }
}
