// Humanoid-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/humanoid_v5.py): a 3D biped with a
// free root, rewarded for the speed of its centre of mass along x and for staying upright, charged
// for control and for contact forces.
import { assertKnownKeys } from '../../util/validate.js';
import type { Info } from '../env.js';
import { FREE_LOCOMOTION_KEYS, FreeLocomotionEnv, type FreeLocomotionOptions } from './free-locomotion-env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { NO_VIEW } from './mujoco-env.js';
import { booleanOption, rangeOption } from './mujoco-options.js';
import { sum, sumOfSquares } from './pairwise-sum.js';
import { HUMANOID_XML } from './models/humanoid-model.js';

const ID = 'Humanoid-v5';
const NV = 23;
const NBODY = 14;
/** The free root's degrees of freedom, left out of qfrc_actuator in the observation. */
const ROOT_DOFS = 6;

/** Gymnasium's keyword arguments of Humanoid-v5, in camelCase; defaults in the class doc. */
export interface HumanoidOptions extends FreeLocomotionOptions {
  /** The range the weighted contact cost is clipped to (`contact_cost_range`); default [−∞, 10]. */
  contactCostRange?: readonly [number, number];
  /** Append the bodies' com-based inertia cinert[1:] (130 numbers); default true. */
  includeCinertInObservation?: boolean;
  /** Append the bodies' com-based velocities cvel[1:] (78 numbers); default true. */
  includeCvelInObservation?: boolean;
  /** Append the hinges' actuator forces qfrc_actuator[6:] (17 numbers); default true. */
  includeQfrcActuatorInObservation?: boolean;
}

/**
 * qpos = [x, y, z, quaternion (4), abdomen, hip, knee, shoulder and elbow angles (17)], qvel =
 * [linear (3), angular (3), hinges (17)]. Observation (348, float32): qpos[2:] (22), qvel (23),
 * cinert[1:] (130), cvel[1:] (78), qfrc_actuator[6:] (17), cfrc_ext[1:] (78), each of the last four
 * optional (Gymnasium leaves out the world body's rows and the root's actuator forces, always 0);
 * action Box(−0.4, 0.4, (17,)). dt = 5 × 0.003 s = 0.015 s. Reward = (forwardRewardWeight · Δx/dt
 * + healthyReward · [healthy]) − (ctrlCostWeight · Σ ctrl² + clip(contactCostWeight · Σ cfrc_ext²,
 * contactCostRange)), defaults 1.25, 5, 0.1, 5·10⁻⁷, [−∞, 10], Δx of the centre of mass
 * (Gymnasium's mass_center over the bodies' xipos). Healthy: z = qpos[2] in healthyZRange, default
 * (1, 2), an open interval; terminates when unhealthy (if `terminateWhenUnhealthy`); truncated at
 * 1000 steps. Reset: qpos and qvel each plus U(−s, s), resetNoiseScale s = 0.01. Info: x_position,
 * y_position, tendon_length, tendon_velocity (the two hip–knee tendons), distance_from_origin,
 * x_velocity, y_velocity, reward_survive, reward_forward, reward_ctrl, reward_contact.
 */
export class Humanoid extends FreeLocomotionEnv {
  readonly contactCostRange: readonly [number, number];
  readonly includeCinertInObservation: boolean;
  readonly includeCvelInObservation: boolean;
  readonly includeQfrcActuatorInObservation: boolean;
  /** The bodies' masses (model.body_mass, copied: a grown wasm heap detaches the model's views too). */
  private readonly bodyMass: Float64Array;
  /** np.sum(body_mass), pairwise as numpy adds it. */
  private readonly totalMass: number;
  private xipos = NO_VIEW;
  private cinert = NO_VIEW;
  private cvel = NO_VIEW;
  private qfrcActuator = NO_VIEW;
  private tenLength = NO_VIEW;
  private tenVelocity = NO_VIEW;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: HumanoidOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, [...FREE_LOCOMOTION_KEYS, 'contactCostRange', 'includeCinertInObservation', 'includeCvelInObservation', 'includeQfrcActuatorInObservation'], `${ID} options`);
    const o = options as Record<string, unknown>;
    const includeCinert = booleanOption(o, 'includeCinertInObservation', true, ID);
    const includeCvel = booleanOption(o, 'includeCvelInObservation', true, ID);
    const includeQfrcActuator = booleanOption(o, 'includeQfrcActuatorInObservation', true, ID);
    const extraObservation = (includeCinert ? (NBODY - 1) * 10 : 0) + (includeCvel ? (NBODY - 1) * 6 : 0) + (includeQfrcActuator ? NV - ROOT_DOFS : 0);
    const defaults = { forwardRewardWeight: 1.25, ctrlCostWeight: 0.1, contactCostWeight: 5e-7, healthyReward: 5, healthyZRange: [1, 2] as const, resetNoiseScale: 1e-2 };
    super(mujoco, { id: ID, xml: HUMANOID_XML, modelName: 'humanoid', defaults, nq: 24, nv: NV, nbody: NBODY, extraObservation }, o);
    this.includeCinertInObservation = includeCinert;
    this.includeCvelInObservation = includeCvel;
    this.includeQfrcActuatorInObservation = includeQfrcActuator;
    this.contactCostRange = rangeOption(o, 'contactCostRange', [-Infinity, 10], ID);
    this.bodyMass = this.model.body_mass.slice();
    this.totalMass = sum(this.bodyMass);
  }

  /** Gymnasium's `is_healthy`: the torso's z = qpos[2] strictly inside healthyZRange (no finiteness test). */
  isHealthy(): boolean {
    const z = this.qpos[2]!;
    return this.healthyZRange[0] < z && z < this.healthyZRange[1];
  }

  /** x_position, y_position, distance_from_origin, and the tendons' lengths and velocities (copies: Gymnasium's are views of MjData). */
  override resetInfo(): Info {
    return { ...this.planarPositionInfo(), tendon_length: this.tenLength.slice(), tendon_velocity: this.tenVelocity.slice() };
  }

  /**
   * Gymnasium's `mass_center` along `axis` (0: x, 1: y): Σ body_mass · xipos / Σ body_mass, the
   * bodies added in order (numpy sums axis 0 of the [nbody][3] products row after row, not
   * pairwise).
   */
  protected forwardPosition(axis: 0 | 1): number {
    let moment = 0;
    for (let b = 0; b < NBODY; b++) moment += this.bodyMass[b]! * this.xipos[3 * b + axis]!;
    return moment / this.totalMass;
  }

  /** clip(contactCostWeight · Σ cfrc_ext², contactCostRange), the world body's row included. */
  protected contactCost(): number {
    return Math.min(Math.max(this.contactCostWeight * sumOfSquares(this.cfrcExt), this.contactCostRange[0]), this.contactCostRange[1]);
  }

  /** The bodies' centres of mass: a step's Δx starts from xipos as the previous step's last substep left it (not recomputed at the state), as in Gymnasium. */
  protected override carriedData(): readonly Float64Array[] {
    return [this.xipos];
  }

  protected override makeViews(): void {
    super.makeViews();
    const d = this.data;
    this.xipos = d.xipos;
    this.cinert = d.cinert;
    this.cvel = d.cvel;
    this.qfrcActuator = d.qfrc_actuator;
    this.tenLength = d.ten_length;
    this.tenVelocity = d.ten_velocity;
  }

  protected resetModel(): void {
    this.uniformResetNoise(this.resetNoiseScale);
  }

  protected writeObservation(): void {
    let k = this.append(this.qpos, this.excludeCurrentPositionsFromObservation ? 2 : 0, 0);
    k = this.append(this.qvel, 0, k);
    if (this.includeCinertInObservation) k = this.append(this.cinert, 10, k);
    if (this.includeCvelInObservation) k = this.append(this.cvel, 6, k);
    if (this.includeQfrcActuatorInObservation) k = this.append(this.qfrcActuator, ROOT_DOFS, k);
    if (this.includeCfrcExtInObservation) this.append(this.cfrcExt, 6, k);
  }

  /** Writes array[from:] into the observation at k; returns the index after it. */
  private append(array: Float64Array, from: number, k: number): number {
    for (let i = from; i < array.length; i++) this.observation[k++] = array[i]!;
    return k;
  }
}
