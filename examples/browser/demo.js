// The browser demo: the controls, the cart animated by the current policy, the learning curve.
// Training happens in train-worker.js (one module worker per run); this page receives each
// iteration's metrics and the actor's parameters, and runs its own copy of the actor on the chosen
// backend to drive a CartPole of its own, one step per animation frame.
import { ALGORITHMS, WebGPUUnavailableError, createEngine, learningCurveSvg, make, rewardThreshold } from '../../dist/src/index.js';

const ENV = 'CartPole-v1';
const SOLVED = rewardThreshold(ENV);
/** Milliseconds between redraws of the learning curve. */
const CURVE_INTERVAL = 250;
/** Seconds of history behind the steps/s figure. */
const RATE_WINDOW = 2;
/** CartPole's geometry (Gymnasium): the episode ends at |x| > 2.4 m; the pole is 1 m long. */
const X_THRESHOLD = 2.4;
const POLE_LENGTH = 1;

const element = (id) => document.getElementById(id);
const ui = {
  start: element('start'), algo: element('algo'), backend: element('backend'), seed: element('seed'),
  status: element('status'), notice: element('notice'), cart: element('cart'), curve: element('curve'),
};
for (const algo of ALGORITHMS) ui.algo.append(new Option(algo, algo));

/**
 * What the page shows, readable from the console or a test: `state` is 'idle', 'starting',
 * 'training', 'paused', 'done' or 'error'; `metrics` holds this run's metrics, one entry per
 * iteration, exactly as the trainer returned them; `cartSteps` counts the steps the page's own
 * cart has taken, one per animation frame once a policy drives it.
 */
const demo = { state: 'idle', metrics: [], error: undefined, cartSteps: 0 };
window.demo = demo;

/** Finished (or abandoned) runs' curves, kept on the plot. */
const previousCurves = [];
/** The run in progress: its worker, its curve, and the page's copy of its actor. */
let run;

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
for (const control of [ui.algo, ui.backend, ui.seed]) control.addEventListener('change', endRun);

async function startRun() {
  endRun();
  const algo = ui.algo.value;
  const seed = Number(ui.seed.value);
  const backend = ui.backend.value;
  demo.metrics = [];
  demo.error = undefined;
  setState('starting');
  let engine, notices;
  try {
    ({ engine, notices } = await engineFor(backend));
  } catch (error) {
    fail(error instanceof WebGPUUnavailableError
      ? `Backend '${backend}' cannot run here: ${error.message.replace(/\.$/, '')}. Choose wasm (or auto, which falls back to it).`
      : `Backend '${backend}' failed to start: ${error.message}`);
    return;
  }
  showNotice(engine.name === 'webgpu'
    ? `The learner's networks train on WebGPU (${engine.adapterDescription}); rollouts run on wasm copies, and WebGPU runs the copy of the policy that drives the cart.`
    : `Training and the cart's policy run on the wasm backend.${notices.length > 0 ? ` (${notices.join(' ')})` : ''}`);
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
  const current = { worker, engine, label: `${algo}, seed ${seed}`, steps: [], returns: [], rate: [], totalSteps: 0, solvedAt: undefined, actor: undefined };
  run = current;
  worker.addEventListener('message', ({ data }) => receive(current, data));
  worker.addEventListener('error', (event) => receive(current, { type: 'error', message: `the training worker failed: ${event.message}` }));
  worker.postMessage({ type: 'train', algo, seed, backend: engine.name });
}

/** One engine per backend for the page's lifetime (a run's actor is a few kB on it). */
const engines = new Map();
function engineFor(backend) {
  if (!engines.has(backend)) {
    const notices = [];
    const created = createEngine({ backend, onNotice: (message) => notices.push(message) }).then((engine) => ({ engine, notices }));
    created.catch(() => engines.delete(backend));
    engines.set(backend, created);
  }
  return engines.get(backend);
}

function receive(current, message) {
  if (current !== run) return;
  switch (message.type) {
    case 'created':
      current.actor = current.engine.createMLP(message.actor, { maxBatch: 1 });
      current.totalSteps = message.totalSteps;
      setState('training');
      break;
    case 'iteration': {
      const { metrics } = message;
      demo.metrics.push(metrics);
      current.actor.setParameters(message.parameters);
      if (Number.isFinite(metrics.episodic_return)) {
        current.steps.push(metrics.global_step);
        current.returns.push(metrics.episodic_return);
        if (current.solvedAt === undefined && metrics.episodic_return >= SOLVED) current.solvedAt = metrics.global_step;
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
  if (run.steps.length > 0) previousCurves.push({ label: run.label, steps: run.steps, values: run.returns });
  run = undefined;
  setState('idle');
}

function setState(state) {
  demo.state = state;
  ui.start.textContent = state === 'training' ? 'Pause' : state === 'paused' ? 'Resume' : 'Start';
  ui.start.disabled = state === 'starting';
  for (const control of [ui.algo, ui.backend, ui.seed]) control.disabled = state === 'training' || state === 'starting';
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
  if (!run) return demo.state === 'error' ? 'stopped: see the message below' : 'idle: choose an algorithm and a seed, then Start';
  const last = demo.metrics.at(-1);
  if (!last) return `${demo.state}: ${run.label}`;
  const [[t0, s0], [t1, s1]] = [run.rate[0], run.rate.at(-1)];
  const rate = demo.state === 'training' && t1 > t0 ? Math.round((s1 - s0) / (t1 - t0)).toLocaleString('en') : '–';
  const mean = Number.isFinite(last.episodic_return) ? last.episodic_return.toFixed(1) : '–';
  const solved = run.solvedAt === undefined ? '' : ` · solved (≥ ${SOLVED}) at ${run.solvedAt.toLocaleString('en')} steps`;
  return `${demo.state}: ${run.label} · step ${last.global_step.toLocaleString('en')} / ${run.totalSteps.toLocaleString('en')} · ${rate} steps/s · return ${mean} (mean of the last 100 episodes)${solved}`;
}

function drawCurve() {
  const curves = run && run.steps.length > 0 ? [...previousCurves, { label: run.label, steps: run.steps, values: run.returns }] : previousCurves;
  ui.curve.innerHTML = learningCurveSvg([{ title: ENV, runs: curves, threshold: { value: SOLVED, label: `solved: ${SOLVED}` } }], {
    title: `${ENV}: return while training`, yLabel: 'mean return, last 100 episodes', width: 640, plotHeight: 272,
  });
}

/** The page's own CartPole, stepped by the page's copy of the actor, one step per frame. */
const cart = { env: make(ENV), observation: undefined, step: 0, episode: 0 };
cart.observation = cart.env.reset({ seed: 0 })[0];

async function stepCart(actor) {
  const logits = await actor.forward(cart.observation, 1);
  const [observation, , terminated, truncated] = cart.env.step(logits[1] > logits[0] ? 1 : 0);
  cart.observation = observation;
  cart.step++;
  demo.cartSteps++;
  if (terminated || truncated) {
    cart.observation = cart.env.reset()[0];
    cart.step = 0;
    cart.episode++;
  }
}

/** Cart, pole at angle θ from upright (clockwise positive, as in Gymnasium), track with its limits. */
function drawCart() {
  const canvas = ui.cart;
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  const scale = width / (2 * X_THRESHOLD + 0.6);
  const trackY = height * 0.72;
  const [x, , theta] = cart.env.getState();
  context.clearRect(0, 0, width, height);
  context.strokeStyle = '#333';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(0, trackY);
  context.lineTo(width, trackY);
  for (const limit of [-X_THRESHOLD, X_THRESHOLD]) {
    const px = width / 2 + limit * scale;
    context.moveTo(px, trackY - 10);
    context.lineTo(px, trackY + 10);
  }
  context.stroke();
  const cartX = width / 2 + x * scale;
  const [cartWidth, cartHeight] = [50, 30];
  context.fillStyle = '#333';
  context.fillRect(cartX - cartWidth / 2, trackY - cartHeight / 2, cartWidth, cartHeight);
  const axleY = trackY - cartHeight / 4;
  context.strokeStyle = '#CA9865';
  context.lineWidth = 10;
  context.lineCap = 'butt';
  context.beginPath();
  context.moveTo(cartX, axleY);
  context.lineTo(cartX + POLE_LENGTH * scale * Math.sin(theta), axleY - POLE_LENGTH * scale * Math.cos(theta));
  context.stroke();
  context.fillStyle = '#8184CB';
  context.beginPath();
  context.arc(cartX, axleY, 5, 0, 2 * Math.PI);
  context.fill();
  context.fillStyle = '#555';
  context.font = '14px system-ui, sans-serif';
  context.fillText(`episode ${cart.episode + 1}, step ${cart.step}`, 12, 22);
}

let lastCurve = 0;
async function frame(now) {
  if (run?.actor) {
    await stepCart(run.actor);
    drawCart();
  }
  if (now - lastCurve >= CURVE_INTERVAL) {
    drawCurve();
    lastCurve = now;
  }
  ui.status.textContent = statusLine();
  requestAnimationFrame(frame);
}

drawCart();
setState('idle');
requestAnimationFrame(frame);
