// The browser demo: the controls, the environment animated by the current policy, the learning
// curve. Training happens in train-worker.js (one module worker per run); this page receives each
// iteration's metrics, the actor's parameters and the observation statistics, and runs its own
// copy of the actor on the chosen backend to drive an environment of its own: CartPole drawn by
// cartpole-view.js, a MuJoCo task in side view by mujoco-view.js.
import {
  ALGORITHMS, Categorical, DiagonalGaussian, SyncVectorEnv, WebGPUUnavailableError, createEngine, learningCurveSvg, make, normalizeVectorEnv,
  observationTransform, restoreNormalization, rewardThreshold,
} from '../../dist/src/index.js';
import { CartPoleView } from './cartpole-view.js';
import { ENVIRONMENTS, prepareDemoEnv } from './environments.js';
import { MujocoView } from './mujoco-view.js';

/** Milliseconds between redraws of the learning curve. */
const CURVE_INTERVAL = 250;
/** Seconds of history behind the steps/s figure. */
const RATE_WINDOW = 2;
/** The most steps an environment takes in one animation frame (after the tab was hidden, say). */
const MAX_STEPS_PER_FRAME = 8;

const element = (id) => document.getElementById(id);
const ui = {
  start: element('start'), env: element('env'), algo: element('algo'), backend: element('backend'), threads: element('threads'), seed: element('seed'),
  status: element('status'), notice: element('notice'), animation: element('animation'), curve: element('curve'),
};
for (const id of Object.keys(ENVIRONMENTS)) ui.env.append(new Option(id, id));
for (const algo of ALGORITHMS) ui.algo.append(new Option(algo, algo));
const controls = [ui.env, ui.algo, ui.backend, ui.threads, ui.seed];

/**
 * What the page shows, readable from the console or a test: `state` is 'idle', 'starting',
 * 'training', 'paused', 'done' or 'error'; `metrics` holds this run's metrics, one entry per
 * iteration, exactly as the trainer returned them; `animationSteps` counts the steps the page's
 * own environment has taken since the page loaded, driven by the current policy.
 */
const demo = { state: 'idle', metrics: [], error: undefined, animationSteps: 0 };
window.demo = demo;

/** Finished (or abandoned) runs' curves, kept on the plot of their environment. */
const previousCurves = [];
/** The run in progress: its worker, its curve, the page's copy of its actor and its environment. */
let run;
/** The environment on the canvas: the chosen one, once loaded. */
let shown;

ui.start.addEventListener('click', () => {
  if (demo.state === 'training') {
    run.worker.postMessage({ type: 'pause' });
  } else if (demo.state === 'paused') {
    run.worker.postMessage({ type: 'resume' });
    setState('training');
  } else if (demo.state !== 'starting') {
    startRun();
  }
});
// A new choice ends the paused or finished run; the next Start begins a new one.
for (const control of controls) control.addEventListener('change', endRun);
ui.env.addEventListener('change', () => show(ui.env.value));

async function startRun() {
  endRun();
  const env = ui.env.value;
  const algo = ui.algo.value;
  const seed = Number(ui.seed.value);
  const backend = ui.backend.value;
  demo.metrics = [];
  demo.error = undefined;
  setState('starting');
  let engine, notices, scene;
  try {
    ({ engine, notices } = await engineFor(backend));
  } catch (error) {
    fail(error instanceof WebGPUUnavailableError
      ? `Backend '${backend}' cannot run here: ${error.message.replace(/\.$/, '')}. Choose wasm (or auto, which falls back to it).`
      : `Backend '${backend}' failed to start: ${error.message}`);
    return;
  }
  try {
    scene = await sceneFor(env);
  } catch (error) {
    fail(`${env} could not be loaded: ${error.message}`);
    return;
  }
  const drives = ENVIRONMENTS[env].mujoco ? 'the animated model' : 'the cart';
  // Two threads share memory, which only a cross-origin isolated page has; elsewhere, one thread.
  const threads = engine.name === 'wasm' && ui.threads.value === '2' ? (crossOriginIsolated ? 2 : 1) : 1;
  const threadNotice = ui.threads.value === '2' && threads === 1
    ? (engine.name === 'wasm' ? ' Two threads need a cross-origin isolated page (COOP and COEP headers), so training runs on one.' : ' Two threads are for the wasm backend; this run uses one.')
    : threads === 2 ? ' The critic trains on a second thread, beside the actor.' : '';
  showNotice(engine.name === 'webgpu'
    ? `The learner's networks train on WebGPU (${engine.adapterDescription}); rollouts run on wasm copies, and WebGPU runs the copy of the policy that drives ${drives}.${threadNotice}`
    : `Training and the policy that drives ${drives} run on the wasm backend.${threadNotice}${notices.length > 0 ? ` (${notices.join(' ')})` : ''}`);
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
  const current = {
    worker, engine, scene, env, label: `${algo}, seed ${seed}`, solved: rewardThreshold(env),
    steps: [], returns: [], rate: [], totalSteps: 0, solvedAt: undefined, actor: undefined, normalization: undefined, observe: undefined,
  };
  run = current;
  worker.addEventListener('message', ({ data }) => receive(current, data));
  worker.addEventListener('error', (event) => receive(current, { type: 'error', message: `the training worker failed: ${event.message}` }));
  worker.postMessage({ type: 'train', env, algo, seed, backend: engine.name, threads });
}

/** One engine per backend for the page's lifetime (a run's actor is a few kB on it). */
const engines = new Map();
function engineFor(backend) {
  return once(engines, backend, () => {
    const notices = [];
    return createEngine({ backend, onNotice: (message) => notices.push(message) }).then((engine) => ({ engine, notices }));
  });
}

/**
 * The page's own copy of each environment, made once (a MuJoCo task after its module has loaded)
 * and reset with seed 0: the env, its view, and the policy's most likely action for it (the argmax
 * of the logits, or the Gaussian's mean).
 */
const scenes = new Map();
function sceneFor(id) {
  return once(scenes, id, async () => {
    await prepareDemoEnv(id);
    const env = make(id);
    const [observation] = env.reset({ seed: 0 });
    const space = env.actionSpace;
    const discrete = 'n' in space;
    return {
      id, env, observation, step: 0, episode: 0, pending: 0, discrete,
      view: ENVIRONMENTS[id].mujoco ? new MujocoView(env, ENVIRONMENTS[id]) : new CartPoleView(env),
      distribution: discrete ? new Categorical(space.n) : new DiagonalGaussian(space.size),
      action: discrete ? new Int32Array(1) : new Float32Array(space.size),
    };
  });
}

/** The promise that `create` makes for `key`, made once; a failed one is forgotten, so that the next call tries again. */
function once(cache, key, create) {
  if (!cache.has(key)) {
    const created = create();
    created.catch(() => cache.delete(key));
    cache.set(key, created);
  }
  return cache.get(key);
}

/** Puts environment `id` on the canvas once it has loaded (unless another was chosen meanwhile). */
async function show(id) {
  shown = undefined;
  try {
    const scene = await sceneFor(id);
    if (ui.env.value === id) shown = scene;
  } catch (error) {
    if (ui.env.value === id) fail(`${id} could not be loaded: ${error.message}`);
  }
}

function receive(current, message) {
  if (current !== run) return;
  switch (message.type) {
    case 'created': {
      current.actor = current.engine.createMLP(message.actor, { maxBatch: 1 });
      // The training stack's observation wrappers over the page's env, with the worker's statistics
      // once they arrive: the policy sees observations as in training (identity without normalisation).
      const { settings } = message;
      current.normalization = normalizeVectorEnv(new SyncVectorEnv([current.scene.env]), { observations: settings.normalizeObservations, rewards: false, gamma: settings.gamma });
      current.observe = observationTransform(current.normalization);
      current.totalSteps = message.totalSteps;
      setState('training');
      break;
    }
    case 'iteration': {
      const { metrics } = message;
      demo.metrics.push(metrics);
      current.actor.setParameters(message.parameters);
      if (message.normalization) restoreNormalization(current.normalization, message.normalization);
      if (Number.isFinite(metrics.episodic_return)) {
        current.steps.push(metrics.global_step);
        current.returns.push(metrics.episodic_return);
        if (current.solved !== undefined && current.solvedAt === undefined && metrics.episodic_return >= current.solved) current.solvedAt = metrics.global_step;
      }
      const now = performance.now() / 1000;
      current.rate.push([now, metrics.global_step]);
      while (current.rate.length > 2 && now - current.rate[0][0] > RATE_WINDOW) current.rate.shift();
      break;
    }
    case 'paused':
      setState('paused');
      break;
    case 'done':
      setState('done');
      break;
    case 'error':
      fail(message.message);
      break;
  }
}

/** Terminates the run's worker; its curve stays on the plot. */
function endRun() {
  if (!run) return;
  run.worker.terminate();
  if (run.steps.length > 0) previousCurves.push({ env: run.env, label: run.label, steps: run.steps, values: run.returns });
  run = undefined;
  setState('idle');
}

function setState(state) {
  demo.state = state;
  ui.start.textContent = state === 'training' ? 'Pause' : state === 'paused' ? 'Resume' : 'Start';
  ui.start.disabled = state === 'starting';
  for (const control of controls) control.disabled = state === 'training' || state === 'starting';
}

function fail(message) {
  demo.error = message;
  run?.worker.terminate();
  setState('error');
  showNotice(message, true);
}

function showNotice(text, problem = false) {
  ui.notice.textContent = text;
  ui.notice.classList.toggle('problem', problem);
}

function statusLine() {
  if (!run) {
    if (demo.state === 'error') return 'stopped: see the message below';
    return shown ? 'idle: choose an environment, an algorithm and a seed, then Start' : `loading ${ui.env.value}…`;
  }
  const last = demo.metrics.at(-1);
  if (!last) return `${demo.state}: ${run.env}, ${run.label}`;
  const [[t0, s0], [t1, s1]] = [run.rate[0], run.rate.at(-1)];
  const rate = demo.state === 'training' && t1 > t0 ? Math.round((s1 - s0) / (t1 - t0)).toLocaleString('en') : '–';
  const mean = Number.isFinite(last.episodic_return) ? last.episodic_return.toFixed(1) : '–';
  const solved = run.solvedAt === undefined ? '' : ` · solved (≥ ${run.solved}) at ${run.solvedAt.toLocaleString('en')} steps`;
  return `${demo.state}: ${run.env}, ${run.label} · step ${last.global_step.toLocaleString('en')} / ${run.totalSteps.toLocaleString('en')} · ${rate} steps/s · return ${mean} (mean of the last 100 episodes)${solved}`;
}

/** The chosen environment's curves: earlier runs on it, and the run in progress; Gymnasium's "solved" line where it has one. */
function drawCurve() {
  const env = ui.env.value;
  const curves = previousCurves.filter((curve) => curve.env === env);
  if (run && run.steps.length > 0) curves.push({ label: run.label, steps: run.steps, values: run.returns });
  const solved = rewardThreshold(env);
  const threshold = solved === undefined ? undefined : { value: solved, label: `solved: ${solved}` };
  ui.curve.innerHTML = learningCurveSvg([{ title: env, runs: curves, threshold }], {
    title: `${env}: return while training`, yLabel: 'mean return, last 100 episodes', width: 640, plotHeight: 272,
  });
}

/**
 * Steps the run's environment with the page's copy of the actor: the most likely action for the
 * observation as the policy sees it. A Box action goes to the env as it is: MuJoCo clamps the
 * control to ctrlrange, as the training stack's ClipAction does.
 */
async function stepScene(current) {
  const { scene } = current;
  const outputs = await current.actor.forward(current.observe(scene.observation), 1);
  scene.distribution.mode(outputs, 1, scene.action);
  const [observation, , terminated, truncated] = scene.env.step(scene.discrete ? scene.action[0] : scene.action);
  scene.observation = observation;
  scene.step++;
  demo.animationSteps++;
  if (terminated || truncated) {
    scene.observation = scene.env.reset()[0];
    scene.step = 0;
    scene.episode++;
  }
}

/**
 * The steps due this frame: an environment that states its step's duration (a MuJoCo task's `dt`,
 * Gymnasium's 1 / render_fps) advances in real time; one that does not, one step per frame.
 */
function stepsDue(scene, seconds) {
  if (scene.env.dt === undefined) return 1;
  scene.pending = Math.min(scene.pending + seconds / scene.env.dt, MAX_STEPS_PER_FRAME);
  const steps = Math.floor(scene.pending);
  scene.pending -= steps;
  return steps;
}

function drawScene(scene) {
  scene.view.draw(ui.animation);
  const context = ui.animation.getContext('2d');
  context.fillStyle = '#555';
  context.font = '14px system-ui, sans-serif';
  context.fillText(`episode ${scene.episode + 1}, step ${scene.step}`, 12, 22);
}

let lastFrame;
let lastCurve = 0;
async function frame(now) {
  const seconds = lastFrame === undefined ? 0 : (now - lastFrame) / 1000;
  lastFrame = now;
  const current = run;
  if (current?.actor) {
    for (let steps = stepsDue(current.scene, seconds); steps > 0; steps--) await stepScene(current);
  }
  const scene = run?.scene ?? shown;
  if (scene) drawScene(scene);
  if (now - lastCurve >= CURVE_INTERVAL) {
    drawCurve();
    lastCurve = now;
  }
  ui.status.textContent = statusLine();
  requestAnimationFrame(frame);
}

show(ui.env.value);
setState('idle');
requestAnimationFrame(frame);
