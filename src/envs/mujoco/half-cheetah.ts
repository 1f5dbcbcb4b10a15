// HalfCheetah-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/half_cheetah_v5.py): a planar
// two-legged runner, rewarded for speed.
import { assertKnownKeys } from '../../util/validate.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { PlanarLocomotionEnv, PLANAR_LOCOMOTION_KEYS, type PlanarLocomotionOptions } from './planar-locomotion-env.js';
import { HALF_CHEETAH_XML } from './models/half-cheetah-model.js';

const ID = 'HalfCheetah-v5';

/** Gymnasium's keyword arguments of HalfCheetah-v5, in camelCase; defaults in the class doc. */
export type HalfCheetahOptions = PlanarLocomotionOptions;

/**
 * qpos = [rootx, rootz, rooty, bthigh, bshin, bfoot, fthigh, fshin, ffoot], qvel likewise.
 * Observation (17, float32): qpos[1:] then qvel, unclipped (18 with rootx); action Box(−1, 1,
 * (6,)), the joint torques. dt = 5 × 0.01 s = 0.05 s. Reward = forwardRewardWeight · Δx/dt −
 * ctrlCostWeight · Σa², defaults 1 and 0.1; never terminates; truncated at 1000 steps. Reset: qpos
 * plus U(−0.1, 0.1), qvel plus 0.1 · N(0, 1). Info: x_position, x_velocity, reward_forward,
 * reward_ctrl.
 */
export class HalfCheetah extends PlanarLocomotionEnv {
  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: HalfCheetahOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, PLANAR_LOCOMOTION_KEYS, `${ID} options`);
    super(mujoco, { id: ID, xml: HALF_CHEETAH_XML, modelName: 'half_cheetah', defaults: { frameSkip: 5, ctrlCostWeight: 0.1, resetNoiseScale: 0.1 }, clipVelocity: false, normalVelocityNoise: true, rootPositions: 1 }, options as Record<string, unknown>, 9, 9);
  }
}
