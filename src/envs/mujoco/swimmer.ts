// Swimmer-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/swimmer_v5.py): a three-link
// swimmer in a viscous fluid, rewarded for speed along x.
import { assertKnownKeys } from '../../util/validate.js';
import type { Info } from '../env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { PlanarLocomotionEnv, PLANAR_LOCOMOTION_KEYS, type PlanarLocomotionOptions } from './planar-locomotion-env.js';
import { SWIMMER_XML } from './models/swimmer-model.js';

const ID = 'Swimmer-v5';

/** Gymnasium's keyword arguments of Swimmer-v5, in camelCase; defaults in the class doc. */
export type SwimmerOptions = PlanarLocomotionOptions;

/**
 * qpos = [slider1 (x), slider2 (y), free_body_rot, motor1_rot, motor2_rot], qvel likewise.
 * Observation (8, float32): qpos[2:] then qvel (10 with x and y); action Box(−1, 1, (2,)), the two
 * rotors' torques (gear 150). dt = 4 × 0.01 s = 0.04 s. Reward = forwardRewardWeight · Δx/dt −
 * ctrlCostWeight · Σa², defaults 1 and 10⁻⁴; never terminates; truncated at 1000 steps. Reset:
 * qpos and qvel each plus U(−0.1, 0.1). Info: x_position, y_position, distance_from_origin,
 * x_velocity, y_velocity, reward_forward, reward_ctrl.
 */
export class Swimmer extends PlanarLocomotionEnv {
  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: SwimmerOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, PLANAR_LOCOMOTION_KEYS, `${ID} options`);
    super(mujoco, { id: ID, xml: SWIMMER_XML, modelName: 'swimmer', defaults: { frameSkip: 4, ctrlCostWeight: 1e-4, resetNoiseScale: 0.1 }, clipVelocity: false, normalVelocityNoise: false, rootPositions: 2 }, options as Record<string, unknown>, 5, 5);
  }

  override info(): Info {
    return { ...super.info(), ...this.planarPositionInfo(), y_velocity: (this.qpos[1]! - this.qpos1Before) / this.dt };
  }

  override resetInfo(): Info {
    return this.planarPositionInfo();
  }
}
