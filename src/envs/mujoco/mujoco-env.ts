// The base of the MuJoCo environments, after Gymnasium's MujocoEnv (gymnasium/envs/mujoco/
// mujoco_env.py): the model and its data, `frame_skip` MuJoCo steps per environment step followed
// by `mj_rnePostConstraint` (so that contact forces are current), `reset` as `mj_resetData`,
// the environment's `reset_model` and `mj_forward`, numpy's generator for the reset noise (so a
// seed gives Gymnasium's initial state), the time limit as truncation, and exact snapshots.
//
// MjData's arrays are read and written through typed-array views into the wasm heap, made once
// and re-made only when the heap has grown (a grown WebAssembly memory detaches the old buffer,
// so a view of length 0 is the sign); a step crosses into wasm `frameSkip + 1` times and
// allocates nothing.
import { assertFiniteArray, assertInteger, assertKnownKeys, describe } from '../../util/validate.js';
import { assertSeed, NumpyGenerator } from '../../random/numpy-generator.js';
import type { BoxActionOptions, Info, InPlaceEnv, ResetArgs, ResetResult, StepResult, EnvSnapshot } from '../env.js';
import { Box, entropySeed } from '../spaces.js';
import { compiledModel } from './load-mujoco.js';
import type { MjData, MjModel, MujocoModule } from './mujoco-api.js';

/** A view of length 0: what a detached view reads as, and the state before the first views. */
export const NO_VIEW: Float64Array = new Float64Array(0);

/** What every MuJoCo environment's constructor passes to the base. */
export interface MujocoEnvSpec {
  /** The registered id, e.g. `'Hopper-v5'`. */
  id: string;
  /** The MJCF model's text and a file name for it in MuJoCo's in-memory file system. */
  xml: string;
  modelName: string;
  /** Floats per observation. */
  observationSize: number;
  /** MuJoCo steps per environment step (Gymnasium's `frame_skip`). */
  frameSkip: number;
  /** The time limit in steps (Gymnasium's `max_episode_steps`). */
  maxEpisodeSteps: number;
  /** Throw on an action outside the Box (see {@link BoxActionOptions}); otherwise MuJoCo clamps the control to ctrlrange, as in Gymnasium. */
  strictActions: boolean;
}

// MjData lives in the wasm heap, outside the JavaScript collector: free it with the environment
// if close() was never called.
const finalizer = new FinalizationRegistry<MjData>((data) => data.delete());

/**
 * A Gymnasium MuJoCo environment: float64 physics in MuJoCo, float32 observations. An action
 * outside the actuators' control range is accepted as in Gymnasium — MuJoCo clamps the control to
 * ctrlrange, and the control cost is charged on the action as given — unless `strictActions` makes
 * it throw; non-finite and misshapen actions throw either way. `reset` and
 * `step` return fresh arrays and Gymnasium's `info`; the `*InPlace` methods reuse `observation`
 * and allocate nothing (their `info` is {@link info}, built only when asked for).
 */
export abstract class MujocoEnv implements InPlaceEnv<ArrayLike<number>> {
  readonly id: string;
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  readonly observation: Float32Array;
  reward = 0;
  terminated = false;
  truncated = false;
  /** Steps since the last reset. */
  elapsedSteps = 0;
  /** MuJoCo steps per environment step (Gymnasium's `frame_skip`). */
  readonly frameSkip: number;
  readonly maxEpisodeSteps: number;
  /** Whether an action outside the action space's bounds throws (the `strictActions` option). */
  readonly strictActions: boolean;
  /** Seconds per environment step: the model's timestep × frameSkip (Gymnasium's `dt`). */
  readonly dt: number;
  readonly mujoco: MujocoModule;
  /** The compiled model, shared by the environments of this id. */
  readonly model: MjModel;
  /** This environment's simulation data (positions for drawing: `data.xpos`, `data.geom_xpos`, …). */
  readonly data: MjData;
  /** The initial joint positions, the model's qpos0 (Gymnasium's `init_qpos`). */
  readonly initQpos: Float64Array;
  /** The initial joint velocities, zeros (Gymnasium's `init_qvel`). */
  readonly initQvel: Float64Array;
  /** numpy's `Generator(PCG64(seed))`, Gymnasium's `np_random`: it draws the reset noise. */
  protected random = new NumpyGenerator(entropySeed());
  protected qpos = NO_VIEW;
  protected qvel = NO_VIEW;
  protected ctrl = NO_VIEW;
  protected act = NO_VIEW;
  protected qaccWarmstart = NO_VIEW;
  private ready = false;
  private closed = false;

  constructor(mujoco: MujocoModule, spec: MujocoEnvSpec) {
    this.id = spec.id;
    assertInteger(spec.frameSkip, `${spec.id}: frameSkip`, 1);
    assertInteger(spec.maxEpisodeSteps, `${spec.id}: maxEpisodeSteps`, 1);
    this.mujoco = mujoco;
    this.frameSkip = spec.frameSkip;
    this.maxEpisodeSteps = spec.maxEpisodeSteps;
    this.strictActions = spec.strictActions;
    this.model = compiledModel(mujoco, spec.modelName, spec.xml);
    this.data = new mujoco.MjData(this.model);
    finalizer.register(this, this.data, this);
    this.dt = this.model.opt.timestep * this.frameSkip;
    this.initQpos = this.model.qpos0.slice();
    this.initQvel = this.data.qvel.slice();
    // Gymnasium's _set_action_space: the actuators' ctrlrange as a float32 Box.
    const range = this.model.actuator_ctrlrange;
    const nu = this.model.nu;
    this.actionSpace = new Box(Array.from({ length: nu }, (_, i) => range[2 * i]!), Array.from({ length: nu }, (_, i) => range[2 * i + 1]!));
    this.observationSpace = new Box(-Infinity, Infinity, [spec.observationSize]);
    this.observation = new Float32Array(spec.observationSize);
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (typeof args !== 'object' || args === null) throw new TypeError(`${this.id}.reset: expected an object { seed?, options? }, got ${describe(args)}`);
    assertKnownKeys(args, ['seed', 'options'], `${this.id}.reset`);
    this.resetInPlace(args.seed, args.options);
    return [this.observation.slice(), this.resetInfo()];
  }

  /**
   * Gymnasium's `MujocoEnv.reset`: reseeds numpy's generator if `seed` is given (otherwise it
   * continues), `mj_resetData`, the environment's noise on qpos and qvel, `mj_forward`, the
   * observation. There are no reset options (Gymnasium's MuJoCo environments ignore them; here an
   * unknown key throws).
   */
  resetInPlace(seed?: number, options?: Record<string, unknown>): void {
    this.assertOpen();
    if (seed !== undefined) {
      assertSeed(seed, `${this.id}.reset: seed`);
      this.random = new NumpyGenerator(seed);
    }
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) throw new TypeError(`${this.id}.reset: options must be an object, got ${describe(options)}`);
      assertKnownKeys(options, [], `${this.id}.reset options`);
    }
    this.mujoco.mj_resetData(this.model, this.data);
    this.refreshViews();
    this.resetModel();
    this.mujoco.mj_forward(this.model, this.data);
    this.refreshViews();
    this.elapsedSteps = 0;
    this.reward = 0;
    this.terminated = false;
    this.truncated = false;
    this.ready = true;
    this.writeObservation();
  }

  step(action: ArrayLike<number>): StepResult {
    this.stepInPlace(action);
    return [this.observation.slice(), this.reward, this.terminated, this.truncated, this.info()];
  }

  /**
   * Advances one step: validates the action, runs `frameSkip` MuJoCo steps with it as the
   * control, and sets `observation`, `reward`, `terminated`, `truncated` and the info terms.
   */
  abstract stepInPlace(action: ArrayLike<number>): void;

  /** Gymnasium's `info` of the latest step: its reward terms and state entries. */
  abstract info(): Info;

  /** Gymnasium's `info` of `reset` (`_get_reset_info`); empty unless the environment has one. */
  resetInfo(): Info {
    return {};
  }

  /**
   * Gymnasium's position entries of a free-moving body's info: x_position and y_position (qpos[0],
   * qpos[1]) and distance_from_origin, sqrt(x² + y²) (numpy's norm; its BLAS dot may round once less).
   */
  protected planarPositionInfo(): Info {
    const x = this.qpos[0]!;
    const y = this.qpos[1]!;
    return { x_position: x, y_position: y, distance_from_origin: Math.sqrt(x * x + y * y) };
  }

  /** A copy of the joint positions (MuJoCo's qpos, [nq]). */
  getQpos(): Float64Array {
    this.refreshViews();
    return this.qpos.slice();
  }

  /** A copy of the joint velocities (MuJoCo's qvel, [nv]). */
  getQvel(): Float64Array {
    this.refreshViews();
    return this.qvel.slice();
  }

  /**
   * Gymnasium's `set_state(qpos, qvel)`: writes the joint positions and velocities, runs
   * `mj_forward` and sets the observation from them, so that a state can be constructed and
   * checked. The step counter and the generator are unchanged.
   */
  setState(qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    this.assertOpen();
    assertFiniteArray(qpos, `${this.id}.setState: qpos`, this.model.nq);
    assertFiniteArray(qvel, `${this.id}.setState: qvel`, this.model.nv);
    this.refreshViews();
    this.qpos.set(qpos);
    this.qvel.set(qvel);
    this.mujoco.mj_forward(this.model, this.data);
    this.refreshViews();
    this.ready = true;
    this.writeObservation();
  }

  /**
   * Everything the next steps depend on, so that a checkpointed run resumes bit for bit: `state`
   * is [time, qpos, qvel, act, qacc_warmstart (MuJoCo's solver warm start), observation, the
   * data an env reads before stepping ({@link carriedData})], then the step count and numpy's
   * generator state (eight 32-bit words).
   */
  snapshot(): EnvSnapshot {
    this.assertOpen();
    this.refreshViews();
    const state = [this.data.time, ...this.qpos, ...this.qvel, ...this.act, ...this.qaccWarmstart, ...this.observation];
    for (const array of this.carriedData()) state.push(...array);
    return { state, elapsedSteps: this.elapsedSteps, random: this.random.getState() };
  }

  /** Restores a {@link snapshot}: the simulation state, the observation, the step count and the generator. */
  restore(snapshot: EnvSnapshot): void {
    this.assertOpen();
    const { nq, nv, na } = this.model;
    this.refreshViews();
    const carried = this.carriedData();
    const stateSize = 1 + nq + 2 * nv + na + this.observation.length;
    const size = carried.reduce((total, array) => total + array.length, stateSize);
    assertFiniteArray(snapshot.state, `${this.id}.restore: state`, size);
    assertInteger(snapshot.elapsedSteps, `${this.id}.restore: elapsedSteps`, 0, this.maxEpisodeSteps);
    this.random.setState(snapshot.random, `${this.id}.restore: random`);
    const s = snapshot.state;
    this.qpos.set(s.slice(1, 1 + nq));
    this.qvel.set(s.slice(1 + nq, 1 + nq + nv));
    this.act.set(s.slice(1 + nq + nv, 1 + nq + nv + na));
    this.data.time = s[0]!;
    // mj_forward makes the derived quantities (body positions, for drawing) current; the warm
    // start and the carried data are written after it, so that the next step starts where the
    // saved run's did.
    this.mujoco.mj_forward(this.model, this.data);
    this.refreshViews();
    this.qaccWarmstart.set(s.slice(1 + nq + nv + na, 1 + nq + 2 * nv + na));
    this.observation.set(s.slice(1 + nq + 2 * nv + na, stateSize));
    let offset = stateSize;
    for (const array of this.carriedData()) {
      array.set(s.slice(offset, offset + array.length));
      offset += array.length;
    }
    this.elapsedSteps = snapshot.elapsedSteps;
    this.reward = 0;
    this.terminated = false;
    this.truncated = false;
    this.ready = true;
  }

  /** Frees the simulation data in the wasm heap; the environment cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready = false;
    finalizer.unregister(this);
    this.data.delete();
  }

  /** Draws the initial qpos and qvel with `this.random` into the views (Gymnasium's `reset_model`, before its `set_state`). */
  protected abstract resetModel(): void;

  /** Writes `observation` (float32) from the current data (Gymnasium's `_get_obs`). */
  protected abstract writeObservation(): void;

  /**
   * Data arrays, derived from the state, that a step reads before MuJoCo recomputes them (Ant's
   * body positions, left by the last substep): a snapshot carries them, since `mj_forward` on
   * restore would give their values at the state instead. None by default.
   */
  protected carriedData(): readonly Float64Array[] {
    return [];
  }

  /** Views of the data arrays this environment reads besides qpos, qvel, ctrl, act and qacc_warmstart; called whenever views are (re-)made. */
  protected makeViews(): void {}

  /** Re-makes the views if there are none yet or the wasm heap grew since (its old buffer is then detached). */
  protected refreshViews(): void {
    if (this.qpos.length !== 0) return;
    const d = this.data;
    this.qpos = d.qpos;
    this.qvel = d.qvel;
    this.ctrl = d.ctrl;
    this.act = d.act;
    this.qaccWarmstart = d.qacc_warmstart;
    this.makeViews();
  }

  /** qpos ← init_qpos + U(−scale, scale) per element, then qvel likewise: the uniform noise of most of Gymnasium's reset_model. */
  protected uniformResetNoise(scale: number): void {
    for (let i = 0; i < this.qpos.length; i++) this.qpos[i] = this.initQpos[i]! + this.random.uniform(-scale, scale);
    for (let i = 0; i < this.qvel.length; i++) this.qvel[i] = this.initQvel[i]! + this.random.uniform(-scale, scale);
  }

  /** qpos ← init_qpos + U(−scale, scale), then qvel ← init_qvel + scale · N(0, 1): Gymnasium's reset_model with normal velocity noise. */
  protected uniformNormalResetNoise(scale: number): void {
    for (let i = 0; i < this.qpos.length; i++) this.qpos[i] = this.initQpos[i]! + this.random.uniform(-scale, scale);
    for (let i = 0; i < this.qvel.length; i++) this.qvel[i] = this.initQvel[i]! + scale * this.random.standardNormal();
  }

  /**
   * The first half of a step: the env must be reset and `action` finite numbers of the action
   * space's size (and within its bounds under `strictActions`); it becomes the control.
   */
  protected beginStep(action: ArrayLike<number>): void {
    if (!this.ready) throw new Error(this.closed ? `${this.id}: the environment is closed` : `${this.id}: call reset() before step()`);
    const shape = this.actionSpace.explainShape(action);
    if (shape !== undefined) throw new RangeError(`${this.id}: invalid action for action space ${this.actionSpace}: ${shape}`);
    if (this.strictActions && this.actionSpace.explain(action) !== undefined) {
      throw new RangeError(`${this.id}: invalid action for action space ${this.actionSpace}: ${this.actionSpace.explain(action)} (strictActions is on; without it MuJoCo clamps the control to ctrlrange, as in Gymnasium)`);
    }
    this.refreshViews();
    this.ctrl.set(action);
  }

  /** The second half: `frameSkip` MuJoCo steps, `mj_rnePostConstraint` (Gymnasium's, for cfrc_ext), the step count and time limit. */
  protected advance(): void {
    const { mujoco, model, data } = this;
    for (let i = 0; i < this.frameSkip; i++) mujoco.mj_step(model, data);
    mujoco.mj_rnePostConstraint(model, data);
    this.refreshViews();
    this.elapsedSteps++;
    this.truncated = this.elapsedSteps >= this.maxEpisodeSteps;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.id}: the environment is closed`);
  }
}
