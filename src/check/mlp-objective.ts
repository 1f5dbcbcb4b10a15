// An MLP and a loss on a fixed batch, seen as a scalar function of the parameters: the form that
// gradcheck and hvpcheck take.
import type { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import type { OutputLoss, OutputMetric } from '../nn/output-loss.js';
import type { NumericArray } from '../util/validate.js';

export interface MLPObjective {
  value(parameters: NumericArray): number;
  gradient(parameters: NumericArray): Float64Array;
  hessianVectorProduct(parameters: NumericArray, direction: NumericArray): Float64Array;
  gaussNewtonProduct(parameters: NumericArray, direction: NumericArray, metric: OutputMetric): Float64Array;
}

/** θ ↦ loss(f(inputs; θ)). Each call sets the network's parameters to θ. */
export function mlpObjective(mlp: WasmMLP, inputs: NumericArray, batch: number, loss: OutputLoss): MLPObjective {
  const forwardAt = (parameters: NumericArray) => {
    mlp.setParameters(parameters);
    return mlp.forward(inputs, batch);
  };
  return {
    value(parameters) {
      return loss.value(forwardAt(parameters), batch);
    },
    gradient(parameters) {
      const outputs = forwardAt(parameters);
      const gradOutputs = new Float64Array(outputs.length);
      loss.gradient(outputs, batch, gradOutputs);
      return Float64Array.from(mlp.backward(gradOutputs).parameters);
    },
    hessianVectorProduct(parameters, direction) {
      forwardAt(parameters);
      return Float64Array.from(mlp.hvp(direction, loss));
    },
    gaussNewtonProduct(parameters, direction, metric) {
      forwardAt(parameters);
      return Float64Array.from(mlp.gaussNewtonProduct(direction, metric));
    },
  };
}
