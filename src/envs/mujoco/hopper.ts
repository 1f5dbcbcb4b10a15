// Hopper-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/hopper_v5.py): a planar one-legged
// robot that should hop forward.
import { assertKnownKeys } from '../../util/validate.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { rangeOption } from './mujoco-options.js';
import { HealthyPlanarLocomotionEnv, PLANAR_LOCOMOTION_KEYS, type HealthOptions, type PlanarLocomotionOptions } from './planar-locomotion-env.js';
import { HOPPER_XML } from './models/hopper-model.js';

const ID = 'Hopper-v5';

/** Gymnasium's keyword arguments of Hopper-v5, in camelCase; defaults in the class doc. */
export interface HopperOptions extends PlanarLocomotionOptions, HealthOptions {
  /** The open interval every element of qpos[2:] and qvel must lie in (`healthy_state_range`); default (−100, 100). */
  healthyStateRange?: readonly [number, number];
}

/**
 * qpos = [rootx, rootz, rooty (torso angle), thigh, leg, foot], qvel likewise. Observation (11,
 * float32): qpos[1:] then clip(qvel, ±10) (12 with rootx when
 * `excludeCurrentPositionsFromObservation` is false); action Box(−1, 1, (3,)), the hinge torques
 * (gear 200). dt = 4 × 0.002 s = 0.008 s. Reward = (forwardRewardWeight · Δx/dt + healthyReward ·
 * [healthy]) − ctrlCostWeight · Σa², defaults 1, 1, 10⁻³. Healthy: every element of qpos[2:] and
 * qvel in (−100, 100), rootz in (0.7, ∞), rooty in (−0.2, 0.2), all open intervals; terminates
 * when unhealthy (if `terminateWhenUnhealthy`); truncated at 1000 steps. Reset: qpos and qvel each
 * plus U(−5·10⁻³, 5·10⁻³). Info: reward_forward, reward_ctrl, reward_survive, x_position,
 * z_distance_from_origin, x_velocity.
 */
export class Hopper extends HealthyPlanarLocomotionEnv {
  readonly healthyStateRange: readonly [number, number];
  readonly healthyZRange: readonly [number, number];
  readonly healthyAngleRange: readonly [number, number];

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: HopperOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, [...PLANAR_LOCOMOTION_KEYS, 'healthyReward', 'terminateWhenUnhealthy', 'healthyStateRange', 'healthyZRange', 'healthyAngleRange'], `${ID} options`);
    const o = options as Record<string, unknown>;
    super(mujoco, { id: ID, xml: HOPPER_XML, modelName: 'hopper_v5', defaults: { frameSkip: 4, ctrlCostWeight: 1e-3, resetNoiseScale: 5e-3 }, clipVelocity: true, normalVelocityNoise: false, rootPositions: 1 }, o, 6, 6);
    this.healthyStateRange = rangeOption(o, 'healthyStateRange', [-100, 100], ID);
    this.healthyZRange = rangeOption(o, 'healthyZRange', [0.7, Infinity], ID);
    this.healthyAngleRange = rangeOption(o, 'healthyAngleRange', [-0.2, 0.2], ID);
  }

  isHealthy(): boolean {
    const qpos = this.qpos;
    const qvel = this.qvel;
    const minState = this.healthyStateRange[0];
    const maxState = this.healthyStateRange[1];
    // Gymnasium's state_vector()[2:]: qpos from index 2, then all of qvel.
    for (let i = 2; i < qpos.length; i++) if (!(minState < qpos[i]! && qpos[i]! < maxState)) return false;
    for (let i = 0; i < qvel.length; i++) if (!(minState < qvel[i]! && qvel[i]! < maxState)) return false;
    const z = qpos[1]!;
    const angle = qpos[2]!;
    return this.healthyZRange[0] < z && z < this.healthyZRange[1] && this.healthyAngleRange[0] < angle && angle < this.healthyAngleRange[1];
  }
}
