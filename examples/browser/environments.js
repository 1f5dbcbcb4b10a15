// The demo's environments — CartPole-v1 and the planar MuJoCo tasks — and how the page and the
// training worker prepare one before `make`. MuJoCo's WebAssembly build (the package mujoco-js) is
// imported by URL: a browser resolves the bare name 'mujoco-js' only through an import map, and a
// module worker has none (Chromium applies a page's import map to the page alone). The file is the
// package's "main" (node_modules/mujoco-js/package.json), an ES module of about 11 MB with the wasm
// inside it, served as text/javascript like the rest.
import { prepareEnv, prepareMujoco } from '../../dist/src/index.js';

/**
 * The environments offered, by id: `mujoco` says whether it needs MuJoCo's module, `follow`
 * whether the side view's camera follows the root body along x — the walkers travel, while the
 * carts stay on their 2 m rail, where Gymnasium's default cameras keep still (trackbodyid 0).
 */
export const ENVIRONMENTS = {
  'CartPole-v1': { mujoco: false },
  'InvertedPendulum-v5': { mujoco: true, follow: false },
  'InvertedDoublePendulum-v5': { mujoco: true, follow: false },
  'Hopper-v5': { mujoco: true, follow: true },
  'Walker2d-v5': { mujoco: true, follow: true },
  'HalfCheetah-v5': { mujoco: true, follow: true },
};

// A URL, not an import function, so that a two-thread run's environment worker loads MuJoCo from it too.
const MUJOCO_URL = new URL('../../node_modules/mujoco-js/dist/mujoco_wasm.js', import.meta.url);

/**
 * Awaits what `make(id)` needs: for a MuJoCo task, MuJoCo's module, loaded once per page or worker.
 *
 * @param {string} id one of {@link ENVIRONMENTS}
 */
export async function prepareDemoEnv(id) {
  if (!(id in ENVIRONMENTS)) throw new RangeError(`prepareDemoEnv: the demo offers ${Object.keys(ENVIRONMENTS).join(', ')}, not '${id}'`);
  if (ENVIRONMENTS[id].mujoco) await prepareMujoco(MUJOCO_URL);
  await prepareEnv(id);
}
