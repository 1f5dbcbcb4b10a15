// The training loop of the demo, in a module worker so that the page stays smooth: one worker per
// run. It trains in slices of about SLICE_MS and yields between them, so that a 'pause' message
// gets through; after every iteration it posts the metrics, the actor's parameters and the
// normalisation statistics (undefined when the run does not normalise).
//   page → worker: { type: 'train', env, algo, seed, backend, threads }, { type: 'pause' }, { type: 'resume' }
//   worker → page: { type: 'created', actor, settings, batchSize, totalSteps },
//                  { type: 'iteration', metrics, parameters, normalization },
//                  { type: 'paused' }, { type: 'done' }, { type: 'error', message }
import { Trainer, normalizationState, resolveTrainingSettings } from '../../dist/src/index.js';
import { prepareDemoEnv } from './environments.js';

/** Milliseconds of training between two looks at the message queue. */
const SLICE_MS = 25;

/** @type {Trainer | undefined} */
let trainer;
let running = false;
let looping = false;

self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'train') {
      running = true;
      // A MuJoCo task's module first: resolving the settings makes an env (PPO's preset reads its action space).
      await prepareDemoEnv(data.env);
      // The learner's networks on the chosen backend (with two threads, the critic's in a worker of its own, and a MuJoCo task's second half of environments in another); acting, and the parameters sent out, on wasm.
      trainer = await Trainer.create(resolveTrainingSettings(data.algo, data.env, { seed: data.seed }), { backend: data.backend, threads: data.threads });
      self.postMessage({
        type: 'created',
        actor: trainer.agent.actorCritic.actor.layout.spec,
        settings: trainer.resolved.settings,
        batchSize: trainer.agent.batchSize,
        totalSteps: trainer.totalIterations * trainer.agent.batchSize,
      });
    } else if (data.type === 'pause') running = false;
    else if (data.type === 'resume') running = true;
    if (running && trainer && !looping) await train(trainer);
  } catch (error) {
    running = false;
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

/** Iterates while running, yielding to the message queue every SLICE_MS. */
async function train(trainer) {
  looping = true;
  try {
    while (running && !trainer.done) {
      const end = performance.now() + SLICE_MS;
      do {
        const metrics = await trainer.step();
        // A copy: the live view's buffer is the whole wasm memory.
        const parameters = trainer.agent.actorCritic.actor.parameters.slice();
        self.postMessage({ type: 'iteration', metrics, parameters, normalization: normalizationState(trainer.agent.envs) }, [parameters.buffer]);
      } while (running && !trainer.done && performance.now() < end);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    looping = false;
  }
  self.postMessage({ type: trainer.done ? 'done' : 'paused' });
}
