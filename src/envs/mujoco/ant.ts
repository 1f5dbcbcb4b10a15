// Ant-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/ant_v5.py): a four-legged body with a
// free root, rewarded for speed along x, charged for control and for contact forces.
import { assertInteger, assertKnownKeys } from '../../util/validate.js';
import { FREE_LOCOMOTION_KEYS, FreeLocomotionEnv, type FreeLocomotionOptions } from './free-locomotion-env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { NO_VIEW } from './mujoco-env.js';
import { rangeOption } from './mujoco-options.js';
import { sumOfSquares } from './pairwise-sum.js';
import { ANT_XML } from './models/ant-model.js';

const ID = 'Ant-v5';
const NBODY = 14;

/** Gymnasium's keyword arguments of Ant-v5, in camelCase; defaults in the class doc. */
export interface AntOptions extends FreeLocomotionOptions {
  /** The body whose x, y displacement is the forward motion (`main_body`), as a body index; default 1, the torso. */
  mainBody?: number;
  /** The range contact forces are clipped to, in the cost and the observation (`contact_force_range`); default [−1, 1]. */
  contactForceRange?: readonly [number, number];
}

/**
 * qpos = [x, y, z, quaternion (4), hip and ankle angles (8)], qvel = [linear (3), angular (3),
 * joints (8)]. Observation (105, float32): qpos[2:] (13), qvel (14), clip(cfrc_ext[1:],
 * contactForceRange) (78); action Box(−1, 1, (8,)) (gear 150). dt = 5 × 0.01 s = 0.05 s. Reward =
 * (Δx/dt · forwardRewardWeight + healthyReward · [healthy]) − (ctrlCostWeight · Σa² +
 * contactCostWeight · Σ clip(cfrc_ext)²), defaults 1, 1, 0.5, 5·10⁻⁴, Δx of the main body's frame
 * position. Healthy: every qpos and qvel finite and z in healthyZRange, default [0.2, 1], a closed
 * interval; terminates when unhealthy (if `terminateWhenUnhealthy`); truncated at 1000 steps.
 * Reset: qpos plus U(−s, s), qvel plus s · N(0, 1), resetNoiseScale s = 0.1. Info: reward_forward,
 * reward_ctrl, reward_contact, reward_survive, x_position, y_position, distance_from_origin,
 * x_velocity, y_velocity.
 */
export class Ant extends FreeLocomotionEnv {
  readonly mainBody: number;
  readonly contactForceRange: readonly [number, number];
  /** cfrc_ext clipped to contactForceRange, [nbody][6] (body 0, the world, included as Gymnasium's cost includes it). */
  private readonly contactForces = new Float64Array(NBODY * 6);
  private xpos = NO_VIEW;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: AntOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, [...FREE_LOCOMOTION_KEYS, 'mainBody', 'contactForceRange'], `${ID} options`);
    const o = options as Record<string, unknown>;
    const defaults = { forwardRewardWeight: 1, ctrlCostWeight: 0.5, contactCostWeight: 5e-4, healthyReward: 1, healthyZRange: [0.2, 1] as const, resetNoiseScale: 0.1 };
    super(mujoco, { id: ID, xml: ANT_XML, modelName: 'ant', defaults, nq: 15, nv: 14, nbody: NBODY, extraObservation: 0 }, o);
    const mainBody = o.mainBody ?? 1;
    assertInteger(mainBody, `${ID} options.mainBody`, 0, NBODY - 1);
    this.mainBody = mainBody;
    this.contactForceRange = rangeOption(o, 'contactForceRange', [-1, 1], ID);
  }

  /** Gymnasium's `is_healthy`: qpos and qvel finite and the torso's z in the closed healthyZRange. */
  isHealthy(): boolean {
    for (let i = 0; i < this.qpos.length; i++) if (!Number.isFinite(this.qpos[i]!)) return false;
    for (let i = 0; i < this.qvel.length; i++) if (!Number.isFinite(this.qvel[i]!)) return false;
    const z = this.qpos[2]!;
    return this.healthyZRange[0] <= z && z <= this.healthyZRange[1];
  }

  /** The main body's frame position (Gymnasium's `get_body_com(main_body)`). */
  protected forwardPosition(axis: 0 | 1): number {
    return this.xpos[3 * this.mainBody + axis]!;
  }

  /** contactCostWeight · Σ clip(cfrc_ext, contactForceRange)², the world body's row included. */
  protected contactCost(): number {
    const low = this.contactForceRange[0];
    const high = this.contactForceRange[1];
    const forces = this.contactForces;
    for (let i = 0; i < forces.length; i++) forces[i] = Math.min(Math.max(this.cfrcExt[i]!, low), high);
    return this.contactCostWeight * sumOfSquares(forces);
  }

  /** The body positions: a step's Δx starts from xpos as the previous step left it, one substep stale, as in Gymnasium. */
  protected override carriedData(): readonly Float64Array[] {
    return [this.xpos];
  }

  protected override makeViews(): void {
    super.makeViews();
    this.xpos = this.data.xpos;
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
