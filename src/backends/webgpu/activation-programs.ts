// Activations in WGSL, as in assembly/activation.ts: each derivative is a function of the
// activation's output y = a(z), so a layer keeps only its outputs.
//   identity  a' = 1         a'' = 0
//   tanh      a' = 1 − y²    a'' = −2y(1 − y²)
//   relu      a' = [y > 0]   a'' = 0
// The codes are ACTIVATION_CODE's (src/nn/mlp-layout.ts).
import { ELEMENTWISE_GROUP, elementwise, elementwiseDispatch, type GPUProgram } from './gpu-program.js';

/**
 * WGSL functions activate, firstDerivative and secondDerivative. tanh is the wasm kernels' f32
 * rational approximation (Eigen's and XNNPACK's coefficients, clamped at ±7.9053), not WGSL's
 * built-in tanh, whose accuracy the spec leaves to the implementation (some overflow to NaN
 * for large arguments).
 */
export const ACTIVATION_WGSL = /* wgsl */ `
const IDENTITY: u32 = 0u;
const TANH: u32 = 1u;
const RELU: u32 = 2u;

fn tanhRational(x: f32) -> f32 {
  let z = clamp(x, -7.90531110763549805, 7.90531110763549805);
  let z2 = z * z;
  var p = z2 * -2.76076847742355e-16 + 2.00018790482477e-13;
  p = z2 * p + -8.60467152213735e-11;
  p = z2 * p + 5.12229709037114e-8;
  p = z2 * p + 1.48572235717979e-5;
  p = z2 * p + 6.37261928875436e-4;
  p = z2 * p + 4.89352455891786e-3;
  var q = z2 * 1.19825839466702e-6 + 1.18534705686654e-4;
  q = z2 * q + 2.268434632439e-3;
  q = z2 * q + 4.89352518554385e-3;
  return (z * p) / q;
}

fn activate(z: f32, kind: u32) -> f32 {
  if (kind == TANH) { return tanhRational(z); }
  if (kind == RELU) { return max(z, 0.0); }
  return z;
}

fn firstDerivative(y: f32, kind: u32) -> f32 {
  if (kind == TANH) { return 1.0 - y * y; }
  if (kind == RELU) { return select(0.0, 1.0, y > 0.0); }
  return 1.0;
}

fn secondDerivative(y: f32, kind: u32) -> f32 {
  if (kind == TANH) { return -2.0 * y * (1.0 - y * y); }
  return 0.0;
}
`;

/**
 * out ← upstream ⊙ a'(y): the chain rule through an activation (backward), and equally a tangent
 * through it (forward mode).
 */
export const activationBackwardProgram: GPUProgram = {
  name: 'activationBackward',
  buffers: [{ name: 'out', access: 'read_write' }, { name: 'upstream', access: 'read' }, { name: 'y', access: 'read' }],
  uniforms: ['n', 'activation'],
  workgroupSize: [ELEMENTWISE_GROUP, 1, 1],
  dispatch: elementwiseDispatch,
  declarations: ACTIVATION_WGSL,
  main: elementwise('out[i] = upstream[i] * firstDerivative(y[i], u.activation);'),
};

/**
 * The R-operator of activationBackward: with g = upstream·a'(z),
 * R(g) = R(upstream)·a'(z) + upstream·a''(z)·R(z).
 */
export const activationBackwardTangentProgram: GPUProgram = {
  name: 'activationBackwardTangent',
  buffers: [
    { name: 'out', access: 'read_write' }, { name: 'upstreamTangent', access: 'read' }, { name: 'upstream', access: 'read' },
    { name: 'y', access: 'read' }, { name: 'preActivationTangent', access: 'read' },
  ],
  uniforms: ['n', 'activation'],
  workgroupSize: [ELEMENTWISE_GROUP, 1, 1],
  dispatch: elementwiseDispatch,
  declarations: ACTIVATION_WGSL,
  main: elementwise(`
    let first = upstreamTangent[i] * firstDerivative(y[i], u.activation);
    let curvature = upstream[i] * secondDerivative(y[i], u.activation);
    out[i] = first + curvature * preActivationTangent[i];`),
};
