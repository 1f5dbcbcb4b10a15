// The MLP's products as one programme: for each product, the list of kernel steps over the
// buffers of the plan (mlp-buffers.ts), built once per layout, with the batch left as a parameter.
// Every backend executes these lists — WasmMLP by calling its kernel on pointers, WebGPUMLP by
// dispatching the step's compute program — so the sequence of kernels is written once.
//
// Notation (layer l = 1..L, y₀ = X): z_l = y_{l−1} W_lᵀ + b_l, y_l = a_l(z_l).
//   backward   g_l = ∂L/∂y_l;  δ_l = g_l ⊙ a'_l;  ∂W_l = δ_lᵀ y_{l−1};  ∂b_l = Σ_rows δ_l;  g_{l−1} = δ_l W_l
//   jvp        ż_l = y_{l−1} V_lᵀ + v_bl + ẏ_{l−1} W_lᵀ;  ẏ_l = a'_l ⊙ ż_l   (ẏ₀ = 0)
//   hvp        the R-operator (dot) of the backward pass: δ̇_l = ġ_l ⊙ a'_l + g_l ⊙ a''_l ⊙ ż_l,
//              (Hv)_W_l = δ̇_lᵀ y_{l−1} + δ_lᵀ ẏ_{l−1},  (Hv)_b_l = Σ_rows δ̇_l,  ġ_{l−1} = δ̇_l W_l + δ_l V_l
//   Gauss–Newton   J v by jvp, then M·(J v), then backward with that as ∂L/∂Y
//
// The products, phase by phase (the loss and the metric are the caller's, and run on the CPU
// between phases, on the buffers named in MLPProgramme):
//   forward              X → inputs;  forward;  Y ← outputs
//   backward             ∂L/∂Y → outputGradients;  backward (or backwardWithInputGradients);  ∂L/∂θ ← gradients
//   jvp                  v → direction;  jvp;  J·v ← outputTangents
//   hvp                  jvp;  ∂ℓ/∂Y → outputGradients, ∇²ℓ·J·v → outputGradientTangents;  hvpBackward;  H·v ← product
//   gaussNewtonProduct   jvp;  M·J·v → outputGradients;  gaussNewtonBackward;  JᵀMJv ← product
// g_l and ġ_l alternate between the two upstream buffers (g_l in upstream[l mod 2]); for an identity
// activation δ_l is g_l itself, and no step computes it.
import type { Activation, MLPLayout } from '../nn/mlp-layout.js';
import type { BufferSlice, MLPBufferName } from './mlp-buffers.js';

/** Matrix layouts of gemm: 'nn' A·B, 'nt' A·Bᵀ, 'tn' Aᵀ·B (A stored [k][m]). */
export type GemmLayout = 'nn' | 'nt' | 'tn';

/** A count of rows: fixed, or the batch of the latest forward. */
export type Rows = number | 'batch';

/** One kernel call of a product. Every matrix is row-major; its sizes are in elements. */
export type MLPStep =
  /** out [batch][outputSize] ← a(input [batch][inputSize] · weightᵀ + bias), weight [outputSize][inputSize]. */
  | {
    readonly op: 'dense'; readonly out: BufferSlice; readonly input: BufferSlice; readonly weight: BufferSlice; readonly bias: BufferSlice;
    readonly inputSize: number; readonly outputSize: number; readonly activation: Activation;
  }
  /** c [m][n] ← (accumulate ? c : 0) + op(a)·op(b), op per `layout` (GemmLayout). */
  | {
    readonly op: 'gemm'; readonly layout: GemmLayout; readonly c: BufferSlice; readonly a: BufferSlice; readonly b: BufferSlice;
    readonly m: Rows; readonly k: Rows; readonly n: number; readonly accumulate: boolean;
  }
  /** out [columns] ← Σ_rows x [rows][columns]. */
  | { readonly op: 'sumRows'; readonly out: BufferSlice; readonly x: BufferSlice; readonly rows: Rows; readonly columns: number }
  /** out ← upstream ⊙ a'(z) over [batch][width], given y = a(z). */
  | { readonly op: 'activationBackward'; readonly out: BufferSlice; readonly upstream: BufferSlice; readonly y: BufferSlice; readonly width: number; readonly activation: Activation }
  /** out ← upstreamTangent ⊙ a'(z) + upstream ⊙ a''(z) ⊙ preActivationTangent over [batch][width], given y = a(z). */
  | {
    readonly op: 'activationBackwardTangent'; readonly out: BufferSlice; readonly upstreamTangent: BufferSlice; readonly upstream: BufferSlice;
    readonly y: BufferSlice; readonly preActivationTangent: BufferSlice; readonly width: number; readonly activation: Activation;
  };

/**
 * The step lists of the programme, one a phase:
 *   forward                      y₁ … y_L from X
 *   backward                     from g_L into `gradients`
 *   backwardWithInputGradients   the same, and ∂L/∂X into `inputGradients`
 *   jvp                          ż_l and ẏ_l of every layer for the direction in `direction`
 *   hvpBackward                  the R-operator of the backward pass, from g_L and ġ_L, into `product` (`gradients` untouched)
 *   gaussNewtonBackward          backward from g_L = M·J·v into `product`
 */
export const PHASES = ['forward', 'backward', 'backwardWithInputGradients', 'jvp', 'hvpBackward', 'gaussNewtonBackward'] as const;
export type Phase = (typeof PHASES)[number];

/** One thing per phase: its steps, or what a backend made of them. */
export type PerPhase<T> = { readonly [phase in Phase]: T };

/** The steps of every phase of one layout, and the buffers where the phases meet. */
export interface MLPProgramme extends PerPhase<readonly MLPStep[]> {
  /** X, y₀ [batch][inputSize]. */
  readonly inputs: BufferSlice;
  /** Y, y_L [batch][outputSize]. */
  readonly outputs: BufferSlice;
  /** g_L = ∂L/∂Y [batch][outputSize]. */
  readonly outputGradients: BufferSlice;
  /** ġ_L [batch][outputSize]. */
  readonly outputGradientTangents: BufferSlice;
  /** ẏ_L = J·v [batch][outputSize]. */
  readonly outputTangents: BufferSlice;
}

/** Each phase of `programme` as a backend executes it: `compile` applied to its steps, once. */
export function compilePhases<T>(programme: MLPProgramme, compile: (steps: readonly MLPStep[]) => T): PerPhase<T> {
  return Object.fromEntries(PHASES.map((phase) => [phase, compile(programme[phase])])) as PerPhase<T>;
}

const slice = (buffer: MLPBufferName, index = 0, offset = 0): BufferSlice => ({ buffer, index, offset });

/** The programme of `layout`'s products, for any batch up to the buffers' maxBatch. */
export function buildMLPProgramme(layout: MLPLayout): MLPProgramme {
  const depth = layout.layers.length;
  return {
    forward: layout.layers.map((layer, i) => ({
      op: 'dense', out: slice('outputs', i + 1), input: slice('outputs', i), weight: slice('parameters', 0, layer.weightOffset),
      bias: slice('parameters', 0, layer.biasOffset), inputSize: layer.inputSize, outputSize: layer.outputSize, activation: layer.activation,
    })),
    backward: vectorJacobianProduct(layout, 'gradients', false),
    backwardWithInputGradients: vectorJacobianProduct(layout, 'gradients', true),
    jvp: jacobianVectorProduct(layout),
    hvpBackward: secondOrderBackward(layout),
    gaussNewtonBackward: vectorJacobianProduct(layout, 'product', false),
    inputs: slice('outputs', 0),
    outputs: slice('outputs', depth),
    outputGradients: slice('upstream', depth % 2),
    outputGradientTangents: slice('upstreamTangent', depth % 2),
    outputTangents: slice('tangents', depth),
  };
}

/** Backward from g_L (in upstream[L mod 2]) into `target`'s layer blocks. */
function vectorJacobianProduct(layout: MLPLayout, target: 'gradients' | 'product', inputGradients: boolean): MLPStep[] {
  const steps: MLPStep[] = [];
  for (let l = layout.layers.length; l >= 1; l--) {
    const layer = layout.layers[l - 1]!;
    const upstream = slice('upstream', l % 2);
    const linear = layer.activation === 'identity';
    const delta = linear ? upstream : slice('delta');
    if (!linear) steps.push(activationBackward(delta, upstream, l, layer.outputSize, layer.activation));
    steps.push(
      { op: 'gemm', layout: 'tn', c: slice(target, 0, layer.weightOffset), a: delta, b: slice('outputs', l - 1), m: layer.outputSize, k: 'batch', n: layer.inputSize, accumulate: false },
      { op: 'sumRows', out: slice(target, 0, layer.biasOffset), x: delta, rows: 'batch', columns: layer.outputSize },
    );
    const weight = slice('parameters', 0, layer.weightOffset);
    const next = l > 1 ? slice('upstream', (l - 1) % 2) : inputGradients ? slice('inputGradients') : undefined;
    if (next) steps.push({ op: 'gemm', layout: 'nn', c: next, a: delta, b: weight, m: 'batch', k: layer.outputSize, n: layer.inputSize, accumulate: false });
  }
  return steps;
}

/** ż_l and ẏ_l for every layer, for the direction in `direction`. */
function jacobianVectorProduct(layout: MLPLayout): MLPStep[] {
  return layout.layers.flatMap((layer, i): MLPStep[] => {
    const l = i + 1;
    const preTangent = slice('preActivationTangents', l);
    const steps: MLPStep[] = [{
      op: 'dense', out: preTangent, input: slice('outputs', l - 1), weight: slice('direction', 0, layer.weightOffset),
      bias: slice('direction', 0, layer.biasOffset), inputSize: layer.inputSize, outputSize: layer.outputSize, activation: 'identity',
    }];
    if (l > 1) {
      steps.push({
        op: 'gemm', layout: 'nt', c: preTangent, a: slice('tangents', l - 1), b: slice('parameters', 0, layer.weightOffset),
        m: 'batch', k: layer.inputSize, n: layer.outputSize, accumulate: true,
      });
    }
    steps.push({ op: 'activationBackward', out: slice('tangents', l), upstream: preTangent, y: slice('outputs', l), width: layer.outputSize, activation: layer.activation });
    return steps;
  });
}

/** The R-operator of the backward pass: H·v into `product` (the gradient itself is not formed). */
function secondOrderBackward(layout: MLPLayout): MLPStep[] {
  const steps: MLPStep[] = [];
  for (let l = layout.layers.length; l >= 1; l--) {
    const layer = layout.layers[l - 1]!;
    const { activation, inputSize, outputSize } = layer;
    const upstream = slice('upstream', l % 2);
    const upstreamTangent = slice('upstreamTangent', l % 2);
    const linear = activation === 'identity';
    const delta = linear ? upstream : slice('delta');
    const deltaTangent = linear ? upstreamTangent : slice('deltaTangent');
    if (!linear) {
      steps.push(activationBackward(delta, upstream, l, outputSize, activation), {
        op: 'activationBackwardTangent', out: deltaTangent, upstreamTangent, upstream, y: slice('outputs', l),
        preActivationTangent: slice('preActivationTangents', l), width: outputSize, activation,
      });
    }
    const weightProduct = slice('product', 0, layer.weightOffset);
    steps.push(
      { op: 'gemm', layout: 'tn', c: weightProduct, a: deltaTangent, b: slice('outputs', l - 1), m: outputSize, k: 'batch', n: inputSize, accumulate: false },
      { op: 'sumRows', out: slice('product', 0, layer.biasOffset), x: deltaTangent, rows: 'batch', columns: outputSize },
    );
    if (l > 1) {
      const weight = slice('parameters', 0, layer.weightOffset);
      const nextUpstreamTangent = slice('upstreamTangent', (l - 1) % 2);
      const throughWeight = (c: BufferSlice, a: BufferSlice, b: BufferSlice, accumulate: boolean): MLPStep => ({
        op: 'gemm', layout: 'nn', c, a, b, m: 'batch', k: outputSize, n: inputSize, accumulate,
      });
      steps.push(
        { op: 'gemm', layout: 'tn', c: weightProduct, a: delta, b: slice('tangents', l - 1), m: outputSize, k: 'batch', n: inputSize, accumulate: true },
        throughWeight(slice('upstream', (l - 1) % 2), delta, weight, false),
        throughWeight(nextUpstreamTangent, deltaTangent, weight, false),
        throughWeight(nextUpstreamTangent, delta, slice('direction', 0, layer.weightOffset), true),
      );
    }
  }
  return steps;
}

function activationBackward(out: BufferSlice, upstream: BufferSlice, l: number, width: number, activation: Activation): MLPStep {
  return { op: 'activationBackward', out, upstream, y: slice('outputs', l), width, activation };
}
