// Walker2d-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/walker2d_v5.py): a planar biped
// that should walk forward without falling.
import { assertKnownKeys } from '../../util/validate.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { rangeOption } from './mujoco-options.js';
import { HealthyPlanarLocomotionEnv, PLANAR_LOCOMOTION_KEYS, type HealthOptions, type PlanarLocomotionOptions } from './planar-locomotion-env.js';
import { WALKER2D_XML } from './models/walker2d-model.js';

const ID = 'Walker2d-v5';

/** Gymnasium's keyword arguments of Walker2d-v5, in camelCase; defaults in the class doc. */
export interface Walker2dOptions extends PlanarLocomotionOptions, HealthOptions {}

/**
 * qpos = [rootx, rootz, rooty, thigh, leg, foot, thigh_left, leg_left, foot_left], qvel likewise.
 * Observation (17, float32): qpos[1:] then clip(qvel, ±10) (18 with rootx); action Box(−1, 1,
 * (6,)), the joint torques (gear 100). dt = 4 × 0.002 s = 0.008 s. Reward = (forwardRewardWeight
 * · Δx/dt + healthyReward · [healthy]) − ctrlCostWeight · Σa², defaults 1, 1, 10⁻³. Healthy:
 * rootz in (0.8, 2) and rooty in (−1, 1), open intervals; terminates when unhealthy (if
 * `terminateWhenUnhealthy`); truncated at 1000 steps. Reset: qpos and qvel each plus
 * U(−5·10⁻³, 5·10⁻³). Info: reward_forward, reward_ctrl, reward_survive, x_position,
 * z_distance_from_origin, x_velocity.
 */
export class Walker2d extends HealthyPlanarLocomotionEnv {
  readonly healthyZRange: readonly [number, number];
  readonly healthyAngleRange: readonly [number, number];

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: Walker2dOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, [...PLANAR_LOCOMOTION_KEYS, 'healthyReward', 'terminateWhenUnhealthy', 'healthyZRange', 'healthyAngleRange'], `${ID} options`);
    const o = options as Record<string, unknown>;
    super(mujoco, { id: ID, xml: WALKER2D_XML, modelName: 'walker2d_v5', defaults: { frameSkip: 4, ctrlCostWeight: 1e-3, resetNoiseScale: 5e-3 }, clipVelocity: true, normalVelocityNoise: false, rootPositions: 1 }, o, 9, 9);
    this.healthyZRange = rangeOption(o, 'healthyZRange', [0.8, 2], ID);
    this.healthyAngleRange = rangeOption(o, 'healthyAngleRange', [-1, 1], ID);
  }

  isHealthy(): boolean {
    const z = this.qpos[1]!;
    const angle = this.qpos[2]!;
    return this.healthyZRange[0] < z && z < this.healthyZRange[1] && this.healthyAngleRange[0] < angle && angle < this.healthyAngleRange[1];
  }
}
