// The shape of a multilayer perceptron and where each of its parameters lives in the one flat
// parameter vector: layer by layer, weight [out][in] row-major then bias — the order of a PyTorch
// nn.Sequential(Linear, act, Linear, act, …) state_dict, whose keys the blocks carry.
import { assertInteger, assertOneOf } from '../util/validate.js';

export const ACTIVATIONS = ['identity', 'tanh', 'relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Kernel codes of the activations (assembly/activation.ts). */
export const ACTIVATION_CODE: Readonly<Record<Activation, number>> = { identity: 0, tanh: 1, relu: 2 };

export interface MLPSpec {
  /** Layer widths from input to output, e.g. [4, 64, 64, 2]; at least two entries. */
  sizes: readonly number[];
  /** One activation per layer (sizes.length − 1 entries), e.g. ['tanh', 'tanh', 'identity']. */
  activations: readonly Activation[];
}

/** A named, contiguous range of the parameter vector. */
export interface ParameterBlock {
  /** The PyTorch state_dict key: `${2·layer}.weight` or `${2·layer}.bias`. */
  name: string;
  offset: number;
  length: number;
  shape: readonly number[];
}

export interface LayerLayout {
  inputSize: number;
  outputSize: number;
  activation: Activation;
  weightOffset: number;
  biasOffset: number;
}

export interface MLPLayout {
  readonly spec: MLPSpec;
  readonly layers: readonly LayerLayout[];
  readonly blocks: readonly ParameterBlock[];
  readonly parameterCount: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /** The widest layer output (the input excluded): the width of the backward pass's scratch. */
  readonly maxHiddenWidth: number;
}

/** Largest width accepted; keeps every buffer size well inside 32-bit pointer arithmetic. */
const MAX_WIDTH = 1 << 16;

/** Validates `spec` and lays out its parameters. */
export function layoutMLP(spec: MLPSpec): MLPLayout {
  if (spec === null || typeof spec !== 'object') throw new TypeError('spec must be an object with sizes and activations');
  const { sizes, activations } = spec;
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new RangeError('spec.sizes must be an array of at least two layer widths, e.g. [4, 64, 64, 2]');
  }
  sizes.forEach((size, i) => assertInteger(size, `spec.sizes[${i}]`, 1, MAX_WIDTH));
  if (!Array.isArray(activations) || activations.length !== sizes.length - 1) {
    throw new RangeError(`spec.activations must be an array of ${sizes.length - 1} activations (one per layer), got ${Array.isArray(activations) ? `length ${activations.length}` : typeof activations}`);
  }
  activations.forEach((activation, i) => assertOneOf(activation, ACTIVATIONS, `spec.activations[${i}]`));

  const layers: LayerLayout[] = [];
  const blocks: ParameterBlock[] = [];
  let offset = 0;
  for (let l = 0; l < sizes.length - 1; l++) {
    const inputSize = sizes[l]!;
    const outputSize = sizes[l + 1]!;
    const weightOffset = offset;
    const biasOffset = weightOffset + inputSize * outputSize;
    offset = biasOffset + outputSize;
    layers.push({ inputSize, outputSize, activation: activations[l]!, weightOffset, biasOffset });
    blocks.push({ name: `${2 * l}.weight`, offset: weightOffset, length: inputSize * outputSize, shape: [outputSize, inputSize] });
    blocks.push({ name: `${2 * l}.bias`, offset: biasOffset, length: outputSize, shape: [outputSize] });
  }
  return {
    spec: { sizes: [...sizes], activations: [...activations] },
    layers,
    blocks,
    parameterCount: offset,
    inputSize: sizes[0]!,
    outputSize: sizes[sizes.length - 1]!,
    maxHiddenWidth: Math.max(...sizes.slice(1)),
  };
}
