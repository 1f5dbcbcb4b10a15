// What an optimiser step needs on the GPU, so that parameters and gradients never leave it:
//   squaredNorm   ‖g‖², one workgroup striding over g and summing a tree in workgroup memory
//                 (a fixed order: the same gradient gives the same norm)
//   adam          src/nn/adam.ts's update, element by element, in f32:
//                 g ← scale·g;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
//                 θ ← θ − stepSize · m / (√v / correction₂ + ε),
//                 stepSize = lr / (1 − β₁ᵗ) and correction₂ = √(1 − β₂ᵗ) computed on the CPU per step,
//                 and 1 − β computed there too: in f32, 1 − 0.999 loses four digits to cancellation
import { ELEMENTWISE_GROUP, elementwise, elementwiseDispatch, type GPUProgram } from './gpu-program.js';

const NORM_GROUP = 256;

/** out[0] ← Σ x[i]² over i < n. */
export const squaredNormProgram: GPUProgram = {
  name: 'squaredNorm',
  buffers: [{ name: 'x', access: 'read' }, { name: 'out', access: 'read_write' }],
  uniforms: ['n'],
  workgroupSize: [NORM_GROUP, 1, 1],
  dispatch: () => [1, 1, 1],
  declarations: `var<workgroup> partial: array<f32, ${NORM_GROUP}>;`,
  main: /* wgsl */ `
  var sum = 0.0;
  for (var i = localIndex; i < u.n; i += ${NORM_GROUP}u) {
    sum += x[i] * x[i];
  }
  partial[localIndex] = sum;
  workgroupBarrier();
  for (var stride = ${NORM_GROUP / 2}u; stride > 0u; stride >>= 1u) {
    if (localIndex < stride) {
      partial[localIndex] += partial[localIndex + stride];
    }
    workgroupBarrier();
  }
  if (localIndex == 0u) {
    out[0] = partial[0];
  }`,
};

/** The slots of adam's `hyper` buffer, written before each step. */
export const ADAM_HYPER = { stepSize: 0, correction2: 1, gradientScale: 2, beta1: 3, oneMinusBeta1: 4, beta2: 5, oneMinusBeta2: 6, epsilon: 7 } as const;

/** One Adam step over n parameters. */
export const adamProgram: GPUProgram = {
  name: 'adam',
  buffers: [
    { name: 'parameters', access: 'read_write' }, { name: 'gradients', access: 'read' },
    { name: 'firstMoment', access: 'read_write' }, { name: 'secondMoment', access: 'read_write' }, { name: 'hyper', access: 'read' },
  ],
  uniforms: ['n'],
  workgroupSize: [ELEMENTWISE_GROUP, 1, 1],
  dispatch: elementwiseDispatch,
  declarations: '',
  main: /* wgsl */ `
  let stepSize = hyper[${ADAM_HYPER.stepSize}];
  let correction2 = hyper[${ADAM_HYPER.correction2}];
  let gradientScale = hyper[${ADAM_HYPER.gradientScale}];
  let beta1 = hyper[${ADAM_HYPER.beta1}];
  let oneMinusBeta1 = hyper[${ADAM_HYPER.oneMinusBeta1}];
  let beta2 = hyper[${ADAM_HYPER.beta2}];
  let oneMinusBeta2 = hyper[${ADAM_HYPER.oneMinusBeta2}];
  let epsilon = hyper[${ADAM_HYPER.epsilon}];
  ${elementwise(`
    let g = gradientScale * gradients[i];
    let m = beta1 * firstMoment[i] + oneMinusBeta1 * g;
    let v = beta2 * secondMoment[i] + oneMinusBeta2 * g * g;
    firstMoment[i] = m;
    secondMoment[i] = v;
    parameters[i] -= stepSize * m / (sqrt(v) / correction2 + epsilon);`)}`,
};
