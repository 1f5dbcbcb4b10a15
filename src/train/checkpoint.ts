// A training checkpoint as one safetensors file. The networks are stored under PyTorch state_dict
// names — `actor.0.weight`, …, `actor.log_std`, `critic.0.weight`, … — from which PyTorch loads
// the policy (examples/pytorch/load_policy.py). So are a normalised run's running statistics,
// which acting needs too: `obs_rms.mean`, `obs_rms.var` and `obs_rms.count` of the observations,
// `return_rms.*` of the discounted return that scales the rewards (float64; the names of
// Gymnasium's NormalizeObservation and NormalizeReward), with the metadata `normalization` giving
// the ε and the clip that the normalisation wrappers apply with them; a Gaussian policy's checkpoint
// gives its action bounds as the metadata `action_space`. Both metadata entries are written for
// readers outside policygrad, which takes them from its code and the environment. Everything else
// needed to resume exactly (optimiser moments, PRNG states, counters, environment states, a
// sample-reuse buffer) travels alongside: long numeric arrays as float64 tensors under
// `state.<path>`, the rest as JSON in the metadata. The command line adds its run record (wall
// time, first solved, evaluation: run-record.ts) as the metadata `run`, outside the trainer's state,
// whose bytes depend on the seed alone. Loading validates every network tensor's and statistic's
// name, dtype and shape against the configuration before anything is used.
import { checkExpectedTensors, decodeSafetensors, encodeSafetensors, SafetensorsError, type SafetensorsDtype, type Tensor } from '../io/safetensors.js';
import { parseJsonWithin } from '../util/json-limits.js';
import { preview, quote } from '../util/validate.js';
import { layoutMLP, type MLPLayout } from '../nn/mlp-layout.js';
import { NORMALIZATION_CLIP, NORMALIZATION_EPSILON, type NormalizationState } from '../envs/vector-wrappers/normalize-vector-env.js';
import type { RunningMeanStdState } from '../envs/running-mean-std.js';
import type { TrainerState } from './trainer.js';

/** The metadata `format` of the checkpoints this version writes and reads. */
export const CHECKPOINT_FORMAT = 'policygrad-checkpoint-2';

/**
 * Older formats, each with why it is refused. Format 1 holds the classic-control environments'
 * generators as xoshiro128** states, from before they seeded as Gymnasium does (numpy's PCG64):
 * no PCG64 state continues those streams, so its runs cannot be resumed exactly.
 */
const OLDER_FORMATS = new Map([
  ['policygrad-checkpoint-1', "its classic-control environments' generators are xoshiro128** states, from before they seeded as Gymnasium does (numpy's PCG64), and cannot be resumed; train the run again, or resume or evaluate it with the policygrad that wrote it"],
]);

/** Arrays at least this long become tensors; shorter ones stay in the JSON. */
const TENSOR_THRESHOLD = 16;

/**
 * The running statistics stored as tensors: their key in the agent's normalisation state, the
 * tensors' prefix, and the setting that turns them on.
 */
const RUNNING_STATISTICS = [
  { key: 'observations', prefix: 'obs_rms', setting: 'normalizeObservations' },
  { key: 'rewards', prefix: 'return_rms', setting: 'normalizeRewards' },
] as const;

export interface CheckpointNetworks {
  actor: MLPLayout;
  critic: MLPLayout;
  /** Entries of the distribution's own parameters (the log-std); 0 for a categorical policy. */
  extraCount: number;
  /**
   * A Gaussian policy's action bounds, to which its actions are clipped (written as the metadata
   * `action_space`); absent for a categorical policy.
   */
  actionBounds?: { low: readonly number[]; high: readonly number[] };
}

/**
 * The network layouts a configuration implies (observation and action sizes from its env), and
 * the bounds of a Box action space if given.
 */
export function checkpointNetworks(
  observationSize: number, actorOutputs: number, extraCount: number, hiddenSizes: readonly number[], activation: 'tanh' | 'relu',
  actionBounds?: CheckpointNetworks['actionBounds'],
): CheckpointNetworks {
  const spec = (outputs: number) => ({ sizes: [observationSize, ...hiddenSizes, outputs], activations: [...hiddenSizes.map(() => activation), 'identity' as const] });
  return { actor: layoutMLP(spec(actorOutputs)), critic: layoutMLP(spec(1)), extraCount, ...(actionBounds === undefined ? {} : { actionBounds }) };
}

/**
 * Encodes a trainer state and its configuration (JSON of the resolved settings), and the run's
 * record if given (a JSON object, stored as the metadata `run`).
 */
export function encodeCheckpoint(state: TrainerState, config: object, networks: CheckpointNetworks, run?: object): Uint8Array<ArrayBuffer> {
  // A checkpoint of non-finite parameters could not be loaded again (decodeCheckpoint refuses it):
  // never write one — a diverged run keeps its last good checkpoint instead.
  for (const [what, values] of [['actor', state.policyParameters], ['critic', state.criticParameters]] as const) {
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new RangeError(`encodeCheckpoint: ${what} parameter ${bad} is ${values[bad]}; parameters must be finite`);
  }
  const tensors = new Map<string, Tensor>();
  const networkCount = networks.actor.parameterCount;
  addNetwork(tensors, 'actor', networks.actor, state.policyParameters.slice(0, networkCount));
  if (networks.extraCount > 0) {
    tensors.set('actor.log_std', { dtype: 'F64', shape: [networks.extraCount], data: Float64Array.from(state.policyParameters.slice(networkCount)) });
  }
  addNetwork(tensors, 'critic', networks.critic, state.criticParameters);
  const { policyParameters: _p, criticParameters: _c, ...rest } = state;
  const metadata: Record<string, string> = { format: CHECKPOINT_FORMAT, config: JSON.stringify(config) };
  const normalization = rest.agent.normalization;
  if (normalization !== undefined) {
    const { observations: _o, rewards: _r, ...remaining } = normalization;
    for (const { key, prefix } of RUNNING_STATISTICS) {
      const statistics = normalization[key];
      if (statistics === undefined) continue;
      tensors.set(`${prefix}.mean`, { dtype: 'F64', shape: [statistics.mean.length], data: Float64Array.from(statistics.mean) });
      tensors.set(`${prefix}.var`, { dtype: 'F64', shape: [statistics.variance.length], data: Float64Array.from(statistics.variance) });
      tensors.set(`${prefix}.count`, { dtype: 'F64', shape: [], data: Float64Array.of(statistics.count) });
    }
    rest.agent = { ...rest.agent, normalization: remaining };
    metadata.normalization = JSON.stringify({ epsilon: NORMALIZATION_EPSILON, clip: NORMALIZATION_CLIP });
  }
  if (networks.actionBounds !== undefined) metadata.action_space = JSON.stringify(networks.actionBounds);
  metadata.state = JSON.stringify(extractArrays(rest, 'state', tensors));
  if (run !== undefined) metadata.run = JSON.stringify(run);
  return encodeSafetensors(tensors, metadata);
}

export interface DecodedCheckpoint {
  state: TrainerState;
  config: Record<string, unknown>;
  /** The metadata `run`, if the checkpoint has one (a JSON object; its fields are the writer's to check). */
  run?: Record<string, unknown>;
}

/**
 * A checkpoint whose file has been decoded and whose configuration has been read, but whose
 * tensors and state are not checked yet: that needs the networks the configuration implies, which
 * depend on its environment (a user's may have to be registered or given first).
 */
export interface OpenedCheckpoint {
  /** The stored configuration (the metadata `config`), as JSON: its settings are not checked yet. */
  config: Record<string, unknown>;
  /** Checks every network tensor and statistic against `networks` and decodes the state. */
  decode(networks: CheckpointNetworks): DecodedCheckpoint;
}

/** Decodes a checkpoint's file and reads its format and configuration ({@link OpenedCheckpoint}). */
export function openCheckpoint(bytes: Uint8Array): OpenedCheckpoint {
  const { metadata, tensors } = decodeSafetensors(bytes);
  const older = metadata.format === undefined ? undefined : OLDER_FORMATS.get(metadata.format);
  if (older !== undefined) throw new SafetensorsError(`checkpoint format '${metadata.format}' is an older policygrad's (this one reads '${CHECKPOINT_FORMAT}'): ${older}`);
  if (metadata.format !== CHECKPOINT_FORMAT) throw new SafetensorsError(`not a policygrad checkpoint: metadata format is ${metadata.format === undefined ? 'missing' : preview(metadata.format)}, expected '${CHECKPOINT_FORMAT}'`);
  const config = parseJsonObject(metadata.config, 'config');
  return { config, decode: (networks) => decodeTensors(metadata, tensors, config, networks) };
}

/**
 * Decodes and validates a checkpoint. `networksFor` maps the stored configuration to the network
 * layouts it implies, so that every network tensor is checked against them.
 */
export function decodeCheckpoint(bytes: Uint8Array, networksFor: (config: Record<string, unknown>) => CheckpointNetworks): DecodedCheckpoint {
  const opened = openCheckpoint(bytes);
  return opened.decode(networksFor(opened.config));
}

function decodeTensors(metadata: Record<string, string>, tensors: Map<string, Tensor>, config: Record<string, unknown>, networks: CheckpointNetworks): DecodedCheckpoint {
  const stateJson = parseJsonObject(metadata.state, 'state');
  const expect: Record<string, { dtype: SafetensorsDtype; shape: readonly number[] }> = {};
  for (const [prefix, layout] of [['actor', networks.actor], ['critic', networks.critic]] as const) {
    for (const block of layout.blocks) expect[`${prefix}.${block.name}`] = { dtype: 'F32', shape: block.shape };
  }
  if (networks.extraCount > 0) expect['actor.log_std'] = { dtype: 'F64', shape: [networks.extraCount] };
  // A checkpoint written before the running statistics became tensors keeps them in its JSON state.
  const storedNormalization = (stateJson.agent as { normalization?: Partial<NormalizationState> } | undefined)?.normalization;
  const statisticsTensors = RUNNING_STATISTICS.filter(({ key, setting }) => config[setting] === true && storedNormalization?.[key] === undefined);
  for (const { key, prefix } of statisticsTensors) {
    const size = key === 'observations' ? networks.actor.inputSize : 1;
    Object.assign(expect, { [`${prefix}.mean`]: { dtype: 'F64', shape: [size] }, [`${prefix}.var`]: { dtype: 'F64', shape: [size] }, [`${prefix}.count`]: { dtype: 'F64', shape: [] } });
  }
  checkExpectedTensors(tensors, expect, true);
  const gather = (prefix: string, layout: MLPLayout) => layout.blocks.flatMap((block) => Array.from(tensors.get(`${prefix}.${block.name}`)!.data as Float32Array));
  const policyParameters = [...gather('actor', networks.actor), ...(networks.extraCount > 0 ? Array.from(tensors.get('actor.log_std')!.data as Float64Array) : [])];
  const criticParameters = gather('critic', networks.critic);
  for (const [what, values] of [['actor', policyParameters], ['critic', criticParameters]] as const) {
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new SafetensorsError(`checkpoint ${what} parameter ${bad} is ${values[bad]}; parameters must be finite`);
  }
  const rest = restoreArrays(stateJson, tensors) as Omit<TrainerState, 'policyParameters' | 'criticParameters'>;
  for (const { key, prefix, setting } of statisticsTensors) {
    // The JSON state keeps the rest of the normalisation state (the discounted returns) beside them.
    const normalization = rest.agent?.normalization;
    if (normalization === null || typeof normalization !== 'object') throw new SafetensorsError(`checkpoint configuration has ${setting} but its state has no agent.normalization`);
    const values = (name: string) => Array.from(tensors.get(`${prefix}.${name}`)!.data as Float64Array);
    const statistics: RunningMeanStdState = { mean: values('mean'), variance: values('var'), count: values('count')[0]! };
    normalization[key] = statistics;
  }
  const run = metadata.run === undefined ? {} : { run: parseJsonObject(metadata.run, 'run') };
  return { state: { ...rest, policyParameters, criticParameters }, config, ...run };
}

function addNetwork(tensors: Map<string, Tensor>, prefix: string, layout: MLPLayout, parameters: readonly number[]): void {
  for (const block of layout.blocks) {
    tensors.set(`${prefix}.${block.name}`, { dtype: 'F32', shape: block.shape, data: Float32Array.from(parameters.slice(block.offset, block.offset + block.length)) });
  }
}

/** Replaces long numeric arrays by `{ $tensor: name }`, storing them as float64 tensors. */
function extractArrays(value: unknown, path: string, tensors: Map<string, Tensor>): unknown {
  if (Array.isArray(value)) {
    if (value.length >= TENSOR_THRESHOLD && value.every((x) => typeof x === 'number')) {
      tensors.set(path, { dtype: 'F64', shape: [value.length], data: Float64Array.from(value as number[]) });
      return { $tensor: path };
    }
    return value.map((item, i) => extractArrays(item, `${path}.${i}`, tensors));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, extractArrays(item, `${path}.${key}`, tensors)]));
  }
  return value;
}

function restoreArrays(value: unknown, tensors: Map<string, Tensor>): unknown {
  if (Array.isArray(value)) return value.map((item) => restoreArrays(item, tensors));
  if (value !== null && typeof value === 'object') {
    const reference = (value as { $tensor?: unknown }).$tensor;
    if (typeof reference === 'string') {
      const tensor = tensors.get(reference);
      if (tensor === undefined || tensor.dtype !== 'F64' || tensor.shape.length !== 1) throw new SafetensorsError(`checkpoint state refers to tensor ${quote(reference)}, which is missing or not a float64 vector`);
      return Array.from(tensor.data as Float64Array);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restoreArrays(item, tensors)]));
  }
  return value;
}

function parseJsonObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined) throw new SafetensorsError(`checkpoint metadata has no '${what}'`);
  let value: unknown;
  try {
    value = parseJsonWithin(text);
  } catch (error) {
    throw new SafetensorsError(`checkpoint metadata '${what}' is not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SafetensorsError(`checkpoint metadata '${what}' must be a JSON object`);
  return value as Record<string, unknown>;
}
