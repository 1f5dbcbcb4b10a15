// InvertedPendulum-v5 with Gymnasium's semantics (gymnasium/envs/mujoco/inverted_pendulum_v5.py):
// a cart balancing a pole, the MuJoCo counterpart of CartPole.
import { assertKnownKeys } from '../../util/validate.js';
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv } from './mujoco-env.js';
import { booleanOption, countOption, scaleOption } from './mujoco-options.js';
import { INVERTED_PENDULUM_XML } from './models/inverted-pendulum-model.js';

const ID = 'InvertedPendulum-v5';

/** Gymnasium's keyword arguments of InvertedPendulum-v5, in camelCase. */
export interface InvertedPendulumOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`); default 2, so dt = 2 × 0.02 s = 0.04 s. */
  frameSkip?: number;
  /** Half-width of the uniform noise on the initial qpos and qvel (`reset_noise_scale`); default 0.01. */
  resetNoiseScale?: number;
}

/**
 * Observation [cart x, pole angle, cart velocity, pole angular velocity] (qpos then qvel, float32,
 * unbounded); action Box(−3, 3, (1,)), the force on the cart (gear 100). Reward 1 on every step
 * that does not terminate, else 0; terminates when a state value is not finite or |angle| > 0.2
 * rad; truncated at 1000 steps. Reset: qpos and qvel each plus U(−0.01, 0.01).
 */
export class InvertedPendulum extends MujocoEnv {
  readonly resetNoiseScale: number;
  /** Gymnasium's `info["reward_survive"]` of the latest step. */
  rewardSurvive = 0;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: InvertedPendulumOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, ['frameSkip', 'resetNoiseScale', 'maxEpisodeSteps', 'strictActions'], `${ID} options`);
    const o = options as Record<string, unknown>;
    super(mujoco, {
      id: ID,
      xml: INVERTED_PENDULUM_XML,
      modelName: 'inverted_pendulum',
      observationSize: 4,
      frameSkip: countOption(o, 'frameSkip', 2, ID),
      strictActions: booleanOption(o, 'strictActions', false, ID),
      maxEpisodeSteps: countOption(o, 'maxEpisodeSteps', 1000, ID),
    });
    this.resetNoiseScale = scaleOption(o, 'resetNoiseScale', 0.01, ID);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.beginStep(action);
    this.advance();
    this.terminated = !this.isHealthy();
    this.reward = this.terminated ? 0 : 1;
    this.rewardSurvive = this.reward;
    this.writeObservation();
  }

  /** Whether the current state continues the episode: every value finite and |pole angle| ≤ 0.2 rad (Gymnasium terminates at > 0.2). */
  isHealthy(): boolean {
    const qpos = this.qpos;
    const qvel = this.qvel;
    // Gymnasium tests the float64 observation, which is qpos and qvel themselves.
    const finite = Number.isFinite(qpos[0]!) && Number.isFinite(qpos[1]!) && Number.isFinite(qvel[0]!) && Number.isFinite(qvel[1]!);
    return finite && !(Math.abs(qpos[1]!) > 0.2);
  }

  info(): Info {
    return { reward_survive: this.rewardSurvive };
  }

  protected resetModel(): void {
    this.uniformResetNoise(this.resetNoiseScale);
  }

  protected writeObservation(): void {
    const o = this.observation;
    o[0] = this.qpos[0]!;
    o[1] = this.qpos[1]!;
    o[2] = this.qvel[0]!;
    o[3] = this.qvel[1]!;
  }
}
