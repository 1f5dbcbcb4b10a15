// The worker side of environments on another thread (thread-envs.ts): `count` built-in
// environments made here with `make(id)`, which answer the main thread's requests
// (env-thread-protocol.ts) over the shared channel. They compute exactly what the same
// environments on the main thread would: the same code and the same MuJoCo build on the same
// actions, so the same bits.
import { serveWorker } from '../../backends/thread/serve-worker.js';
import { isInPlaceEnv, type InPlaceEnv } from '../env.js';
import { prepareMujoco } from '../mujoco/load-mujoco.js';
import { make, prepareEnv } from '../registry.js';
import { actionSizeOf } from '../spaces.js';
import { EnvRequest, TEXT_CHUNK, type EnvRegion, type EnvWorkerInit } from './env-thread-protocol.js';

await serveWorker<EnvWorkerInit, EnvRegion>('the environments', async (init, channel) => {
  if (init.mujocoUrl !== undefined) await prepareMujoco(new URL(init.mujocoUrl));
  await prepareEnv(init.id);
  const envs = Array.from({ length: init.count }, () => make(init.id));
  if (!envs.every(isInPlaceEnv)) throw new Error(`${init.id} has no in-place stepping, which environments on a worker thread need`);
  const inPlace = envs as InPlaceEnv[];
  const { regions, scalars } = channel;
  const { observationSpace, actionSpace } = inPlace[0]!;
  const observationSize = observationSpace.size;
  const actionSize = actionSizeOf(actionSpace);
  const discrete = 'n' in actionSpace;
  const actions = inPlace.map(() => new Float64Array(actionSize));
  /** The JSON text of a snapshot being read out, or of one being written in. */
  let text = '';
  const writeObservation = (index: number): void => regions.observations.set(inPlace[index]!.observation, index * observationSize);
  return (request) => {
    switch (request) {
      case EnvRequest.stop:
        return false;
      case EnvRequest.reset: {
        // int 0: the env; int 1: 1 if seeded, with the seed in scalars[0].
        const index = channel.int(0);
        inPlace[index]!.resetInPlace(channel.int(1) === 1 ? scalars[0]! : undefined);
        writeObservation(index);
        break;
      }
      case EnvRequest.step:
        // ints 0, 1: the first env and how many, each with its row of `actions`.
        for (let index = channel.int(0), end = index + channel.int(1); index < end; index++) {
          const env = inPlace[index]!;
          const row = index * actionSize;
          if (discrete) env.stepInPlace(regions.actions[row]!);
          else {
            const action = actions[index]!;
            for (let j = 0; j < actionSize; j++) action[j] = regions.actions[row + j]!;
            env.stepInPlace(action);
          }
          writeObservation(index);
          regions.rewards[index] = env.reward;
          regions.flags[index] = (env.terminated ? 1 : 0) + (env.truncated ? 2 : 0);
        }
        break;
      case EnvRequest.snapshot:
        // int 0: the env. Keeps the snapshot's JSON for readText; scalars[0]: its length.
        text = JSON.stringify(inPlace[channel.int(0)]!.snapshot!());
        scalars[0] = text.length;
        break;
      case EnvRequest.readText: {
        // int 0: the offset into the kept text; the piece from there goes into `text`.
        const offset = channel.int(0);
        const end = Math.min(text.length, offset + TEXT_CHUNK);
        for (let i = offset; i < end; i++) regions.text[i - offset] = text.charCodeAt(i);
        break;
      }
      case EnvRequest.writeText: {
        // int 0: 1 to start a new text; int 1: the piece's length in `text`, appended.
        if (channel.int(0) === 1) text = '';
        const piece = regions.text.subarray(0, channel.int(1));
        text += String.fromCharCode(...piece);
        break;
      }
      case EnvRequest.restore: {
        // int 0: the env, restored from the text written in.
        const index = channel.int(0);
        inPlace[index]!.restore!(JSON.parse(text));
        text = '';
        writeObservation(index);
        break;
      }
      default:
        throw new Error(`environment worker: unknown request ${request}`);
    }
    return true;
  };
});
