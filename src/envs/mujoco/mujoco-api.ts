// The part of MuJoCo's JavaScript bindings (the npm package mujoco-js, Emscripten and embind) that
// the environments use, typed here so that policygrad's published types do not name the optional
// package: a project without mujoco-js still compiles against them. Array members are embind
// getters that build a new typed-array view into the wasm heap on every read (about a microsecond
// each): read them once and keep the views (MujocoEnv does, and re-makes them when the heap grows).

/** A compiled model (`mjModel`). Only the members the environments read, and the geoms' for drawing. */
export interface MjModel {
  readonly nq: number;
  readonly nv: number;
  readonly nu: number;
  readonly na: number;
  readonly nbody: number;
  readonly ngeom: number;
  readonly ntendon: number;
  readonly opt: { readonly timestep: number };
  /** The reference configuration, [nq]: Gymnasium's `init_qpos`. */
  readonly qpos0: Float64Array;
  /** [nbody] body masses, kg (Gymnasium's `body_mass`, Humanoid's centre of mass). */
  readonly body_mass: Float64Array;
  /** [nu][2] control limits: the action space. */
  readonly actuator_ctrlrange: Float64Array;
  /** [ngeom] each geom's shape (mjtGeom: 0 plane, 2 sphere, 3 capsule, 5 cylinder, 6 box, …), for drawing. */
  readonly geom_type: Int32Array;
  /** [ngeom] the body each geom belongs to (0: the world). */
  readonly geom_bodyid: Int32Array;
  /** [ngeom][3] each geom's size parameters, metres: a sphere's radius; a capsule's or cylinder's radius and half-length. */
  readonly geom_size: Float64Array;
  delete(): void;
}

/** Simulation state and everything computed from it (`mjData`). */
export interface MjData {
  time: number;
  readonly qpos: Float64Array;
  readonly qvel: Float64Array;
  readonly act: Float64Array;
  readonly ctrl: Float64Array;
  readonly qacc_warmstart: Float64Array;
  readonly qfrc_constraint: Float64Array;
  /** [nsite][3] site positions in the world frame. */
  readonly site_xpos: Float64Array;
  /** [nbody][3] body frame positions in the world frame (Gymnasium's `get_body_com`). */
  readonly xpos: Float64Array;
  /** [nbody][3] body centres of mass in the world frame (Gymnasium's `xipos`). */
  readonly xipos: Float64Array;
  /** [nbody][10] each body's inertia and mass in MuJoCo's com-based frame (mj_comPos). */
  readonly cinert: Float64Array;
  /** [nbody][6] each body's velocity in the com-based frame, rotational then translational (mj_comVel). */
  readonly cvel: Float64Array;
  /** [nv] the actuators' generalised forces. */
  readonly qfrc_actuator: Float64Array;
  /** [ntendon] tendon lengths. */
  readonly ten_length: Float64Array;
  /** [ntendon] tendon velocities. */
  readonly ten_velocity: Float64Array;
  /** [ngeom][3] geom positions in the world frame (for drawing). */
  readonly geom_xpos: Float64Array;
  /** [ngeom][9] geom orientations in the world frame, row-major rotation matrices: column 2 is the geom's local z axis, a capsule's axis. */
  readonly geom_xmat: Float64Array;
  /** [nbody][6] external (contact) forces on each body, after `mj_rnePostConstraint`. */
  readonly cfrc_ext: Float64Array;
  delete(): void;
}

/** The loaded module (`await loadMujoco()` of mujoco-js). */
export interface MujocoModule {
  FS: { writeFile(path: string, data: string): void; mkdir(path: string): void; analyzePath(path: string): { exists: boolean } };
  MjModel: { loadFromXML(path: string): MjModel };
  MjData: new (model: MjModel) => MjData;
  mj_step(model: MjModel, data: MjData): void;
  mj_forward(model: MjModel, data: MjData): void;
  mj_resetData(model: MjModel, data: MjData): void;
  mj_rnePostConstraint(model: MjModel, data: MjData): void;
  mj_versionString(): string;
}
