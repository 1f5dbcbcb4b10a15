// A MuJoCo environment in side view on a 2D canvas: the x–z plane seen from −y (x to the right, z
// up, as Gymnasium's cameras show the planar tasks), drawn each frame from the env's MjData. Every
// geom is drawn at its world position and orientation (data.geom_xpos, data.geom_xmat) with its
// shape and size from the model (geom_type, geom_size): a capsule or cylinder as a thick segment
// between its two end points — its centre ± the half-length along its local z axis, column 2 of
// geom_xmat — with round ends for a capsule; a sphere as a disc; a plane whose normal is vertical
// (the floor) as a line with a tick every metre. Other shapes (none in the demo's models) are not
// drawn. The scale fits the pose the view starts from; the camera stays on that pose's centre, or
// follows the root body's x.
//
// MjData's arrays are embind getters that make a new view into the wasm heap on every read; the
// view reads them once and again only after the heap has grown (a grown memory detaches the old
// views, which then have length 0), as MujocoEnv does.

/** MuJoCo's mjtGeom values of the shapes drawn. */
const PLANE = 0;
const SPHERE = 2;
const CAPSULE = 3;
const CYLINDER = 5;
/** Room around the first pose, as a fraction of its extent on each side. */
const MARGIN = 0.3;
/** The world's own geoms (floor, rail); each body's geoms in the next colour of Okabe and Ito's palette. */
const WORLD_COLOUR = '#999999';
const BODY_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
/** Pixels: the floor's line width and the length of its metre ticks. */
const FLOOR_WIDTH = 2;
const TICK = 6;

/** Draws a MuJoCo environment's geoms in side view (see the file's header). */
export class MujocoView {
  /**
   * @param {import('../../dist/src/index.js').MujocoEnv} env the environment drawn, reset (its
   *   data holds a pose: the scale is fitted to this one)
   * @param {{ follow: boolean }} options `follow`: whether the camera follows the root body
   *   (body 1, the torso) along x; otherwise it stays where the first pose was
   */
  constructor(env, { follow }) {
    if (typeof follow !== 'boolean') throw new TypeError(`MujocoView: options.follow must be a boolean, got ${follow}`);
    this.env = env;
    this.follow = follow;
    // The model never changes: copies, which a grown heap cannot detach.
    this.types = env.model.geom_type.slice();
    this.bodies = env.model.geom_bodyid.slice();
    this.sizes = env.model.geom_size.slice();
    this.positions = new Float64Array(0);
    this.orientations = new Float64Array(0);
    this.bodyPositions = new Float64Array(0);
    this.extent = this.poseExtent();
  }

  /** Clears `canvas` and draws the current pose. */
  draw(canvas) {
    const context = canvas.getContext('2d');
    const { width, height } = canvas;
    const { types, bodies, sizes } = this;
    const { positions, orientations } = this.refreshViews();
    const { left, right, bottom, top } = this.extent;
    const scale = Math.min(width / ((right - left) * (1 + 2 * MARGIN)), height / ((top - bottom) * (1 + 2 * MARGIN)));
    const centreX = this.follow ? this.bodyPositions[3] : (left + right) / 2;
    const centreZ = (bottom + top) / 2;
    const px = (x) => width / 2 + (x - centreX) * scale;
    const py = (z) => height / 2 - (z - centreZ) * scale;
    context.clearRect(0, 0, width, height);
    for (let g = 0; g < types.length; g++) {
      const [x, z] = [positions[3 * g], positions[3 * g + 2]];
      const colour = bodies[g] === 0 ? WORLD_COLOUR : BODY_COLOURS[(bodies[g] - 1) % BODY_COLOURS.length];
      context.strokeStyle = colour;
      context.fillStyle = colour;
      if (types[g] === PLANE) {
        if (Math.abs(orientations[9 * g + 8]) < 1 - 1e-9) continue; // only a horizontal plane, the floor, is a line in this view
        const y = py(z);
        const first = Math.ceil(centreX - width / 2 / scale);
        context.lineWidth = FLOOR_WIDTH;
        context.lineCap = 'butt';
        context.beginPath();
        context.moveTo(0, y);
        context.lineTo(width, y);
        for (let metre = first; px(metre) <= width; metre++) {
          context.moveTo(px(metre), y);
          context.lineTo(px(metre), y + TICK);
        }
        context.stroke();
      } else if (types[g] === SPHERE) {
        context.beginPath();
        context.arc(px(x), py(z), sizes[3 * g] * scale, 0, 2 * Math.PI);
        context.fill();
      } else if (types[g] === CAPSULE || types[g] === CYLINDER) {
        const [ax, az] = this.halfAxis(g);
        context.lineWidth = 2 * sizes[3 * g] * scale;
        context.lineCap = types[g] === CAPSULE ? 'round' : 'butt';
        context.beginPath();
        context.moveTo(px(x - ax), py(z - az));
        context.lineTo(px(x + ax), py(z + az));
        context.stroke();
      }
    }
  }

  /** The x–z box, metres, around the drawn geoms (planes aside) of the current pose. */
  poseExtent() {
    const { types, sizes } = this;
    const { positions } = this.refreshViews();
    const extent = { left: Infinity, right: -Infinity, bottom: Infinity, top: -Infinity };
    const include = (x, z, radius) => {
      extent.left = Math.min(extent.left, x - radius);
      extent.right = Math.max(extent.right, x + radius);
      extent.bottom = Math.min(extent.bottom, z - radius);
      extent.top = Math.max(extent.top, z + radius);
    };
    for (let g = 0; g < types.length; g++) {
      const [x, z, radius] = [positions[3 * g], positions[3 * g + 2], sizes[3 * g]];
      if (types[g] === SPHERE) include(x, z, radius);
      if (types[g] === CAPSULE || types[g] === CYLINDER) {
        const [ax, az] = this.halfAxis(g);
        include(x - ax, z - az, radius);
        include(x + ax, z + az, radius);
      }
    }
    if (!(extent.right > extent.left && extent.top > extent.bottom)) throw new RangeError(`MujocoView: ${this.env.id} has no sphere, capsule or cylinder to draw`);
    return extent;
  }

  /** A capsule's or cylinder's half-length along its axis, projected on x and z: its end points are its centre ± this. */
  halfAxis(g) {
    const half = this.sizes[3 * g + 1];
    return [this.orientations[9 * g + 2] * half, this.orientations[9 * g + 8] * half];
  }

  /** The views of MjData's geom poses and body positions, re-made if there are none yet or the heap grew. */
  refreshViews() {
    if (this.positions.length === 0) {
      const { data } = this.env;
      this.positions = data.geom_xpos;
      this.orientations = data.geom_xmat;
      this.bodyPositions = data.xpos;
    }
    return this;
  }
}
