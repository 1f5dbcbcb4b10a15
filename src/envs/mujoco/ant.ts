// Ant-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/ant_v5.py): a four-legged body with a
// free root, rewarded for speed along x, charged for control and for contact forces.
import { assertInteger, assertKnownKeys } from '../../util/validate.js';
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv, NO_VIEW } from './mujoco-env.js';
import { booleanOption, countOption, numberOption, rangeOption, scaleOption } from './mujoco-options.js';
import { sumOfSquares } from './pairwise-sum.js';
import { ANT_XML } from './models/ant-model.js';

const ID = 'Ant-v5';
const NQ = 15;
const NV = 14;
const NBODY = 14;

/** Gymnasium's keyword arguments of Ant-v5, in camelCase; defaults in the class doc. */
export interface AntOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`); default 5, so dt = 5 × 0.01 s = 0.05 s. */
  frameSkip?: number;
  /** Weight of the forward reward Δx / dt (`forward_reward_weight`); default 1. */
  forwardRewardWeight?: number;
  /** Weight of the control cost Σa² (`ctrl_cost_weight`); default 0.5. */
  ctrlCostWeight?: number;
  /** Weight of the contact cost Σ clip(cfrc_ext)² (`contact_cost_weight`); default 5·10⁻⁴. */
  contactCostWeight?: number;
  /** The reward on every healthy step (`healthy_reward`); default 1. */
  healthyReward?: number;
  /** The body whose x, y displacement is the forward motion (`main_body`), as a body index; default 1, the torso. */
  mainBody?: number;
  /** End the episode when unhealthy (`terminate_when_unhealthy`); default true. */
  terminateWhenUnhealthy?: boolean;
  /** The closed interval the torso's height qpos[2] must lie in (`healthy_z_range`); default [0.2, 1]. */
  healthyZRange?: readonly [number, number];
  /** The range contact forces are clipped to, in the cost and the observation (`contact_force_range`); default [−1, 1]. */
  contactForceRange?: readonly [number, number];
  /** Half-width of the uniform qpos noise and the standard deviation of the normal qvel noise (`reset_noise_scale`); default 0.1. */
  resetNoiseScale?: number;
  /** Leave the torso's x and y out of the observation; default true. */
  excludeCurrentPositionsFromObservation?: boolean;
  /** Append the clipped external contact forces of bodies 1 to 13 (78 numbers); default true. */
  includeCfrcExtInObservation?: boolean;
}

/**
 * qpos = [x, y, z, quaternion (4), hip and ankle angles (8)], qvel = [linear (3), angular (3),
 * joints (8)]. Observation (105, float32): qpos[2:] (13), qvel (14), clip(cfrc_ext[1:],
 * contactForceRange) (78); action Box(−1, 1, (8,)) (gear 150). Reward = (Δx/dt · forwardRewardWeight
 * + healthyReward · [healthy]) − (ctrlCostWeight · Σa² + contactCostWeight · Σ clip(cfrc_ext)²),
 * defaults 1, 1, 0.5, 5·10⁻⁴, Δx of the main body's frame position. Healthy: every qpos and qvel
 * finite and z in [0.2, 1], a closed interval; terminates when unhealthy (if
 * `terminateWhenUnhealthy`); truncated at 1000 steps. Reset: qpos plus U(−0.1, 0.1), qvel plus
 * 0.1 · N(0, 1). Info: reward_forward, reward_ctrl, reward_contact, reward_survive, x_position,
 * y_position, distance_from_origin, x_velocity, y_velocity.
 */
export class Ant extends MujocoEnv {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly contactCostWeight: number;
  readonly healthyReward: number;
  readonly mainBody: number;
  readonly terminateWhenUnhealthy: boolean;
  readonly healthyZRange: readonly [number, number];
  readonly contactForceRange: readonly [number, number];
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
  /** cfrc_ext clipped to contactForceRange, [nbody][6] (body 0, the world, included as Gymnasium's cost includes it). */
  private readonly contactForces = new Float64Array(NBODY * 6);
  private xpos = NO_VIEW;
  private cfrcExt = NO_VIEW;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: AntOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    const keys = ['frameSkip', 'forwardRewardWeight', 'ctrlCostWeight', 'contactCostWeight', 'healthyReward', 'mainBody', 'terminateWhenUnhealthy', 'healthyZRange', 'contactForceRange', 'resetNoiseScale', 'excludeCurrentPositionsFromObservation', 'includeCfrcExtInObservation', 'maxEpisodeSteps', 'strictActions'];
    assertKnownKeys(options, keys, `${ID} options`);
    const o = options as Record<string, unknown>;
    const exclude = booleanOption(o, 'excludeCurrentPositionsFromObservation', true, ID);
    const includeCfrcExt = booleanOption(o, 'includeCfrcExtInObservation', true, ID);
    super(mujoco, {
      id: ID,
      xml: ANT_XML,
      modelName: 'ant',
      observationSize: NQ + NV - (exclude ? 2 : 0) + (includeCfrcExt ? (NBODY - 1) * 6 : 0),
      frameSkip: countOption(o, 'frameSkip', 5, ID),
      maxEpisodeSteps: countOption(o, 'maxEpisodeSteps', 1000, ID),
      strictActions: booleanOption(o, 'strictActions', false, ID),
    });
    this.excludeCurrentPositionsFromObservation = exclude;
    this.includeCfrcExtInObservation = includeCfrcExt;
    this.forwardRewardWeight = numberOption(o, 'forwardRewardWeight', 1, ID);
    this.ctrlCostWeight = numberOption(o, 'ctrlCostWeight', 0.5, ID);
    this.contactCostWeight = numberOption(o, 'contactCostWeight', 5e-4, ID);
    this.healthyReward = numberOption(o, 'healthyReward', 1, ID);
    const mainBody = o.mainBody ?? 1;
    assertInteger(mainBody, `${ID} options.mainBody`, 0, NBODY - 1);
    this.mainBody = mainBody;
    this.terminateWhenUnhealthy = booleanOption(o, 'terminateWhenUnhealthy', true, ID);
    this.healthyZRange = rangeOption(o, 'healthyZRange', [0.2, 1], ID);
    this.contactForceRange = rangeOption(o, 'contactForceRange', [-1, 1], ID);
    this.resetNoiseScale = scaleOption(o, 'resetNoiseScale', 0.1, ID);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.beginStep(action);
    const body = 3 * this.mainBody;
    const xBefore = this.xpos[body]!;
    const yBefore = this.xpos[body + 1]!;
    this.advance();
    this.xVelocity = (this.xpos[body]! - xBefore) / this.dt;
    this.yVelocity = (this.xpos[body + 1]! - yBefore) / this.dt;
    this.rewardForward = this.xVelocity * this.forwardRewardWeight;
    const healthy = this.isHealthy();
    this.rewardSurvive = (healthy ? 1 : 0) * this.healthyReward;
    const ctrlCost = this.ctrlCostWeight * sumOfSquares(action);
    const low = this.contactForceRange[0];
    const high = this.contactForceRange[1];
    const forces = this.contactForces;
    for (let i = 0; i < forces.length; i++) forces[i] = Math.min(Math.max(this.cfrcExt[i]!, low), high);
    const contactCost = this.contactCostWeight * sumOfSquares(forces);
    this.rewardCtrl = -ctrlCost;
    this.rewardContact = -contactCost;
    this.terminated = !healthy && this.terminateWhenUnhealthy;
    this.writeObservation();
    this.reward = this.rewardForward + this.rewardSurvive - (ctrlCost + contactCost);
  }

  /** Gymnasium's `is_healthy`: qpos and qvel finite and the torso's z in the closed healthyZRange. */
  isHealthy(): boolean {
    for (let i = 0; i < this.qpos.length; i++) if (!Number.isFinite(this.qpos[i]!)) return false;
    for (let i = 0; i < this.qvel.length; i++) if (!Number.isFinite(this.qvel[i]!)) return false;
    const z = this.qpos[2]!;
    return this.healthyZRange[0] <= z && z <= this.healthyZRange[1];
  }

  info(): Info {
    const x = this.qpos[0]!;
    const y = this.qpos[1]!;
    return {
      reward_forward: this.rewardForward,
      reward_ctrl: this.rewardCtrl,
      reward_contact: this.rewardContact,
      reward_survive: this.rewardSurvive,
      x_position: x,
      y_position: y,
      distance_from_origin: Math.sqrt(x * x + y * y),
      x_velocity: this.xVelocity,
      y_velocity: this.yVelocity,
    };
  }

  override resetInfo(): Info {
    const x = this.qpos[0]!;
    const y = this.qpos[1]!;
    return { x_position: x, y_position: y, distance_from_origin: Math.sqrt(x * x + y * y) };
  }

  /** The body positions: a step's Δx starts from xpos as the previous step left it, one substep stale, as in Gymnasium. */
  protected override carriedData(): readonly Float64Array[] {
    return [this.xpos];
  }

  protected override makeViews(): void {
    this.xpos = this.data.xpos;
    this.cfrcExt = this.data.cfrc_ext;
  }

  protected resetModel(): void {
    this.uniformNormalResetNoise(this.resetNoiseScale);
  }

  protected writeObservation(): void {
    const o = this.observation;
    let k = 0;
    for (let i = this.excludeCurrentPositionsFromObservation ? 2 : 0; i < this.qpos.length; i++) o[k++] = this.qpos[i]!;
    for (let i = 0; i < this.qvel.length; i++) o[k++] = this.qvel[i]!;
    if (!this.includeCfrcExtInObservation) return;
    const low = this.contactForceRange[0];
    const high = this.contactForceRange[1];
    for (let i = 6; i < this.cfrcExt.length; i++) o[k++] = Math.min(Math.max(this.cfrcExt[i]!, low), high);
  }
}
