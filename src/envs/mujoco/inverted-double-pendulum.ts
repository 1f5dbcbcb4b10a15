// InvertedDoublePendulum-v5 with Gymnasium's semantics
// (gymnasium/envs/mujoco/inverted_double_pendulum_v5.py): a cart balancing two stacked poles.
import { cos, sin } from '../../math/index.js';
import { assertKnownKeys } from '../../util/validate.js';
import type { BoxActionOptions, Info, TimeLimitOptions } from '../env.js';
import { preparedMujoco } from './load-mujoco.js';
import type { MujocoModule } from './mujoco-api.js';
import { MujocoEnv, NO_VIEW } from './mujoco-env.js';
import { booleanOption, countOption, numberOption, scaleOption } from './mujoco-options.js';
import { INVERTED_DOUBLE_PENDULUM_XML } from './models/inverted-double-pendulum-model.js';

const ID = 'InvertedDoublePendulum-v5';

/** Gymnasium's keyword arguments of InvertedDoublePendulum-v5, in camelCase. */
export interface InvertedDoublePendulumOptions extends TimeLimitOptions, BoxActionOptions {
  /** MuJoCo steps per step (`frame_skip`); default 5, so dt = 5 × 0.01 s = 0.05 s. */
  frameSkip?: number;
  /** The reward on every step that does not terminate (`healthy_reward`); default 10. */
  healthyReward?: number;
  /** Half-width of the uniform qpos noise and the standard deviation of the normal qvel noise (`reset_noise_scale`); default 0.1. */
  resetNoiseScale?: number;
}

const clip10 = (x: number) => Math.min(Math.max(x, -10), 10);

/**
 * Observation (9, float32): [cart x, sin θ1, sin θ2, cos θ1, cos θ2, clip(qvel, ±10) (3),
 * clip(qfrc_constraint[0], ±10)], θ1 the lower pole's hinge angle and θ2 the upper's relative to
 * it; action Box(−1, 1, (1,)), the force on the cart (gear 500). With (x, y) the tip's position
 * (site "tip", x horizontal, y its height z) after the step: terminates when y ≤ 1; reward =
 * healthyReward · [not terminated] − (0.01 x² + (y − 2)²) − (10⁻³ ω1² + 5·10⁻³ ω2²) with ω the
 * hinges' angular velocities. Truncated at 1000 steps. Reset: qpos + U(−0.1, 0.1),
 * qvel + 0.1 · N(0, 1).
 */
export class InvertedDoublePendulum extends MujocoEnv {
  readonly healthyReward: number;
  readonly resetNoiseScale: number;
  /** Gymnasium's info terms of the latest step: `reward_survive`, `distance_penalty`, `velocity_penalty`. */
  rewardSurvive = 0;
  distancePenalty = 0;
  velocityPenalty = 0;
  private siteXpos = NO_VIEW;
  private qfrcConstraint = NO_VIEW;

  /** @param mujoco the loaded module; by default the one {@link prepareMujoco} loaded */
  constructor(options: InvertedDoublePendulumOptions = {}, mujoco: MujocoModule = preparedMujoco(ID)) {
    assertKnownKeys(options, ['frameSkip', 'healthyReward', 'resetNoiseScale', 'maxEpisodeSteps', 'strictActions'], `${ID} options`);
    const o = options as Record<string, unknown>;
    super(mujoco, {
      id: ID,
      xml: INVERTED_DOUBLE_PENDULUM_XML,
      modelName: 'inverted_double_pendulum',
      observationSize: 9,
      frameSkip: countOption(o, 'frameSkip', 5, ID),
      strictActions: booleanOption(o, 'strictActions', false, ID),
      maxEpisodeSteps: countOption(o, 'maxEpisodeSteps', 1000, ID),
    });
    this.healthyReward = numberOption(o, 'healthyReward', 10, ID);
    this.resetNoiseScale = scaleOption(o, 'resetNoiseScale', 0.1, ID);
  }

  stepInPlace(action: ArrayLike<number>): void {
    this.beginStep(action);
    this.advance();
    // site_xpos as MuJoCo left it after the last substep, exactly what Gymnasium reads.
    const x = this.siteXpos[0]!;
    const y = this.siteXpos[2]!;
    this.terminated = !this.isHealthy();
    const v1 = this.qvel[1]!;
    const v2 = this.qvel[2]!;
    const distancePenalty = 0.01 * (x * x) + (y - 2) * (y - 2);
    const velocityPenalty = 1e-3 * (v1 * v1) + 5e-3 * (v2 * v2);
    const aliveBonus = this.healthyReward * (this.terminated ? 0 : 1);
    this.reward = aliveBonus - distancePenalty - velocityPenalty;
    this.rewardSurvive = aliveBonus;
    this.distancePenalty = -distancePenalty;
    this.velocityPenalty = -velocityPenalty;
    this.writeObservation();
  }

  /** Whether the tip is above height 1 (Gymnasium terminates at y ≤ 1), from MuJoCo's latest site positions. */
  isHealthy(): boolean {
    return !(this.siteXpos[2]! <= 1);
  }

  info(): Info {
    return { reward_survive: this.rewardSurvive, distance_penalty: this.distancePenalty, velocity_penalty: this.velocityPenalty };
  }

  protected override makeViews(): void {
    this.siteXpos = this.data.site_xpos;
    this.qfrcConstraint = this.data.qfrc_constraint;
  }

  protected resetModel(): void {
    this.uniformNormalResetNoise(this.resetNoiseScale);
  }

  protected writeObservation(): void {
    const o = this.observation;
    const qpos = this.qpos;
    const qvel = this.qvel;
    o[0] = qpos[0]!;
    o[1] = sin(qpos[1]!);
    o[2] = sin(qpos[2]!);
    o[3] = cos(qpos[1]!);
    o[4] = cos(qpos[2]!);
    o[5] = clip10(qvel[0]!);
    o[6] = clip10(qvel[1]!);
    o[7] = clip10(qvel[2]!);
    o[8] = clip10(this.qfrcConstraint[0]!);
  }
}
