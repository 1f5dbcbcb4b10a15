// TensorFlow.js's wasm backend (XNNPACK, SIMD, one thread), measured in the same run as ours.
// It is a devDependency for benchmarking only; without it the peer rows are left out.
import type * as TF from '@tensorflow/tfjs';

export type Tfjs = typeof TF;

export async function loadTfjsWasm(): Promise<Tfjs | undefined> {
  try {
    // The tfjs bundle, not tfjs-core alone: only the bundle registers the gradients.
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    await tf.ready();
    return tf;
  } catch {
    return undefined;
  }
}

/** A tanh MLP in TensorFlow.js with PyTorch's weight layout ([out][in]), for like-for-like timing. */
export function tfjsMLP(tf: Tfjs, sizes: readonly number[]) {
  const weights = sizes.slice(1).map((out, l) => tf.variable(tf.randomNormal([out, sizes[l]!], 0, 1 / Math.sqrt(sizes[l]!))));
  const biases = sizes.slice(1).map((out) => tf.variable(tf.zeros([out])));
  const forward = (x: TF.Tensor2D): TF.Tensor2D => {
    let h = x;
    weights.forEach((w, l) => {
      const z = tf.add(tf.matMul(h, w, false, true), biases[l]!) as TF.Tensor2D;
      h = l === weights.length - 1 ? z : tf.tanh(z);
    });
    return h;
  };
  return {
    /** Forward, read back. */
    forward(x: TF.Tensor2D): void {
      // tidy must return nothing: it walks a returned typed array element by element.
      tf.tidy(() => {
        forward(x).dataSync();
      });
    },
    /** Forward, a scalar loss, backward to every weight and bias, gradients read back. */
    forwardBackward(x: TF.Tensor2D): void {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.mean(tf.square(forward(x))) as TF.Scalar, [...weights, ...biases]);
        for (const g of Object.values(grads)) g.dataSync();
      });
    },
  };
}
