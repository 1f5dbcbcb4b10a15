// Environments on a worker thread of their own (env-worker.ts), driven over a shared-memory channel
// (thread-channel.ts): each is a ThreadEnv here, a DeferredStepEnv that a SyncVectorEnv starts
// before stepping its other sub-envs, so that both threads step environments at once. Training
// puts half of a MuJoCo run's environments here with `threads: 2`; the results are the same bits.
// The ThreadEnvs of one worker step together, in one request: the request goes out when the last of
// them has started its step, and the first to finish waits for the answer and hands every one its
// results.
import { startWorker, type WorkerHandle } from '../../backends/thread/start-worker.js';
import { RequestChannel } from '../../backends/thread/thread-channel.js';
import { describe, isNumericArray } from '../../util/validate.js';
import type { Action, DeferredStepEnv, Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { mujocoModuleUrl } from '../mujoco/load-mujoco.js';
import { actionSizeOf, type Box, type Discrete } from '../spaces.js';
import { EnvRequest, TEXT_CHUNK, envRegions, type EnvRegion, type EnvWorkerInit } from './env-thread-protocol.js';

/** The environments of one worker thread. */
export class ThreadEnvs {
  /** The environments, in the worker's order. */
  readonly envs: readonly ThreadEnv[];
  private readonly observationSize: number;
  private readonly actionSize: number;
  /** The actions of the step being started, [count][actionSize], and how many envs have started it. */
  private readonly actions: Float64Array;
  private started = 0;
  private stepping: { take(): void } | undefined;

  private constructor(private readonly channel: RequestChannel<EnvRegion>, private readonly worker: WorkerHandle, probe: Env, count: number) {
    this.observationSize = probe.observationSpace.size;
    this.actionSize = actionSizeOf(probe.actionSpace);
    this.actions = new Float64Array(count * this.actionSize);
    this.envs = Array.from({ length: count }, (_, index) => new ThreadEnv(this, index, probe));
  }

  /**
   * Starts a worker and makes `count` environments `make(id)` there; `id` must be a built-in
   * environment's (the worker has the built-in registry only), `probe` one made here, whose spaces
   * the ThreadEnvs take.
   */
  static async create(id: string, count: number, probe: Env): Promise<ThreadEnvs> {
    const channel = new RequestChannel(envRegions(count, probe.observationSpace.size, actionSizeOf(probe.actionSpace)));
    const mujocoUrl = mujocoModuleUrl();
    const init: EnvWorkerInit = { memory: channel.memory, id, count, ...(mujocoUrl === undefined ? {} : { mujocoUrl }) };
    const worker = await startWorker(new URL('./env-worker.js', import.meta.url), init, (error) => channel.fail(error));
    return new ThreadEnvs(channel, worker, probe, count);
  }

  /** Env `index` starts a step with `action`; the request goes out once every env has started. */
  start(index: number, action: Action): void {
    if (this.stepping !== undefined) throw new Error('ThreadEnv.startStep: the step before has not been finished (finishStep)');
    this.setAction(index, action);
    if (++this.started < this.envs.length) return;
    this.started = 0;
    this.stepping = this.post(0, this.envs.length);
  }

  /** Waits for the step in flight, if any, and hands each env its results. */
  finish(): void {
    const stepping = this.stepping;
    if (stepping === undefined) return;
    this.stepping = undefined;
    stepping.take();
  }

  /** Steps env `index` alone, now (stepInPlace outside a vector env). */
  stepOne(index: number, action: Action): void {
    if (this.started > 0 || this.stepping !== undefined) throw new Error('ThreadEnv.stepInPlace: a step of all the environments is under way (startStep … finishStep)');
    this.setAction(index, action);
    this.post(index, 1).take();
  }

  reset(index: number, seed: number | undefined): void {
    this.channel.request(EnvRequest.reset, ({ scalars }) => void (scalars[0] = seed ?? 0), ({ regions }) => this.readObservation(index, regions.observations), [index, seed === undefined ? 0 : 1]).take();
  }

  snapshot(index: number): unknown {
    const length = this.channel.request(EnvRequest.snapshot, () => {}, ({ scalars }) => scalars[0]!, [index]).take();
    let text = '';
    for (let offset = 0; offset < length; offset += TEXT_CHUNK) {
      const size = Math.min(TEXT_CHUNK, length - offset);
      text += this.channel.request(EnvRequest.readText, () => {}, ({ regions }) => String.fromCharCode(...regions.text.subarray(0, size)), [offset]).take();
    }
    return JSON.parse(text);
  }

  restore(index: number, snapshot: unknown): void {
    const text = JSON.stringify(snapshot) ?? 'null';
    for (let offset = 0; offset === 0 || offset < text.length; offset += TEXT_CHUNK) {
      const piece = text.slice(offset, offset + TEXT_CHUNK);
      this.channel.request(EnvRequest.writeText, ({ regions }) => {
        for (let i = 0; i < piece.length; i++) regions.text[i] = piece.charCodeAt(i);
      }, () => {}, [offset === 0 ? 1 : 0, piece.length]).take();
    }
    this.channel.request(EnvRequest.restore, () => {}, ({ regions }) => this.readObservation(index, regions.observations), [index]).take();
  }

  /** Stops the worker; every later request fails. */
  async close(): Promise<void> {
    await this.channel.request(EnvRequest.stop, () => {}, () => {}).catch(() => {});
    this.channel.fail(new Error('the environments\' worker thread was closed'));
    await this.worker.terminate();
  }

  /** Env `index`'s row of the actions; a vector of the wrong length is refused here, since the worker's env sees only its row. */
  private setAction(index: number, action: Action): void {
    if (typeof action === 'number') this.actions[index * this.actionSize] = action;
    else if (isNumericArray(action) && action.length === this.actionSize) this.actions.set(action, index * this.actionSize);
    else throw new RangeError(`${this.envs[index]!.id} on a worker thread: the action must be ${this.actionSize} numbers, got ${describe(action)}${isNumericArray(action) ? ` of length ${action.length}` : ''}`);
  }

  /** Posts a step of envs first … first + count − 1; its answer hands them their results. */
  private post(first: number, count: number): { take(): void } {
    const { actionSize } = this;
    return this.channel.request(EnvRequest.step, ({ regions }) => regions.actions.set(this.actions.subarray(first * actionSize, (first + count) * actionSize), first * actionSize), ({ regions }) => {
      for (let index = first; index < first + count; index++) {
        const env = this.envs[index]!;
        this.readObservation(index, regions.observations);
        const flags = regions.flags[index]!;
        env.setResult(regions.rewards[index]!, (flags & 1) !== 0, (flags & 2) !== 0);
      }
    }, [first, count]);
  }

  private readObservation(index: number, observations: Float64Array): void {
    const size = this.observationSize;
    this.envs[index]!.observation.set(observations.subarray(index * size, (index + 1) * size));
  }
}

/** One environment on the worker thread, as a vector env steps it; see the file's header. */
export class ThreadEnv implements DeferredStepEnv {
  readonly id: string;
  readonly observationSpace: Box;
  readonly actionSpace: Discrete | Box;
  readonly observation: Float32Array;
  reward = 0;
  terminated = false;
  truncated = false;

  constructor(private readonly group: ThreadEnvs, private readonly index: number, probe: Env) {
    this.id = probe.id;
    this.observationSpace = probe.observationSpace;
    this.actionSpace = probe.actionSpace;
    this.observation = new Float32Array(probe.observationSpace.size);
  }

  startStep(action: Action): void {
    this.group.start(this.index, action);
  }

  finishStep(): void {
    this.group.finish();
  }

  stepInPlace(action: Action): void {
    this.group.stepOne(this.index, action);
  }

  resetInPlace(seed?: number, options?: Record<string, unknown>): void {
    if (options !== undefined && Object.keys(options).length > 0) throw new RangeError(`${this.id} on a worker thread: reset options are not passed to the worker, got ${describe(options)}`);
    this.group.reset(this.index, seed);
    this.setResult(0, false, false);
  }

  /** Gymnasium's reset, with the observation copied; the info stays on the worker ({}). */
  reset(args: ResetArgs = {}): ResetResult {
    this.resetInPlace(args.seed, args.options);
    return [this.observation.slice(), {}];
  }

  /** Gymnasium's step, with the observation copied; the info stays on the worker ({}). */
  step(action: Action): StepResult {
    this.stepInPlace(action);
    return [this.observation.slice(), this.reward, this.terminated, this.truncated, {}];
  }

  snapshot(): unknown {
    return this.group.snapshot(this.index);
  }

  restore(snapshot: unknown): void {
    this.group.restore(this.index, snapshot);
    this.setResult(0, false, false);
  }

  /** The latest step's results, as the worker's environment left them. */
  setResult(reward: number, terminated: boolean, truncated: boolean): void {
    this.reward = reward;
    this.terminated = terminated;
    this.truncated = truncated;
  }
}
