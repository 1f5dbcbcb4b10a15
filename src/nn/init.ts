// Orthogonal initialisation (Saxe et al., 2014), as torch.nn.init.orthogonal_ does it: QR of a
// standard normal matrix, Q's columns signed so that R has a positive diagonal, times a gain.
// Modified Gram–Schmidt yields exactly that Q (it makes R's diagonal positive by construction).
import type { Random } from '../random/prng.js';
import type { MLPLayout } from './mlp-layout.js';
import { assertFiniteNumber, assertInteger } from '../util/validate.js';

/**
 * Writes a rows × cols matrix, row-major, into `out` starting at `offset`: orthonormal rows when
 * rows ≤ cols, orthonormal columns otherwise, scaled by `gain`.
 */
export function orthogonal(
  out: { [i: number]: number; length: number }, offset: number, rows: number, cols: number, gain: number, random: Random,
): void {
  assertInteger(rows, 'orthogonal rows', 1);
  assertInteger(cols, 'orthogonal cols', 1);
  assertFiniteNumber(gain, 'orthogonal gain');
  assertInteger(offset, 'orthogonal offset', 0, out.length - rows * cols);
  // Work on the tall orientation (height ≥ width), column by column, in f64.
  const transposed = rows < cols;
  const height = transposed ? cols : rows;
  const width = transposed ? rows : cols;
  // torch draws the rows × cols matrix row-major, then transposes it when it is wide.
  const drawn = new Float64Array(rows * cols);
  for (let i = 0; i < drawn.length; i++) drawn[i] = random.normal();
  const columns = Array.from({ length: width }, (_, c) => {
    const column = new Float64Array(height);
    for (let r = 0; r < height; r++) column[r] = transposed ? drawn[c * cols + r]! : drawn[r * cols + c]!;
    return column;
  });
  for (let c = 0; c < width; c++) {
    const column = columns[c]!;
    // Two passes of projection keep the columns orthogonal to working precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let previous = 0; previous < c; previous++) {
        const q = columns[previous]!;
        let projection = 0;
        for (let r = 0; r < height; r++) projection += q[r]! * column[r]!;
        for (let r = 0; r < height; r++) column[r]! -= projection * q[r]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < height; r++) norm += column[r]! * column[r]!;
    norm = Math.sqrt(norm);
    for (let r = 0; r < height; r++) column[r]! /= norm;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[offset + r * cols + c] = gain * (transposed ? columns[r]![c]! : columns[c]![r]!);
    }
  }
}

/**
 * Orthogonal weights and zero biases for every layer of `layout`, into `parameters` (its flat
 * vector). `gains` has one entry per layer; by default √2 for hidden layers and 1 for the output
 * layer (CleanRL's choice for tanh networks).
 */
export function initializeOrthogonal(parameters: { [i: number]: number; length: number; fill(value: number, start: number, end: number): unknown }, layout: MLPLayout, random: Random, gains?: readonly number[]): void {
  const layers = layout.layers;
  const chosen = gains ?? layers.map((_, l) => (l === layers.length - 1 ? 1 : Math.SQRT2));
  if (chosen.length !== layers.length) throw new RangeError(`gains must have one entry per layer (${layers.length}), got ${chosen.length}`);
  chosen.forEach((gain, l) => assertFiniteNumber(gain, `gains[${l}]`));
  layers.forEach((layer, l) => {
    orthogonal(parameters, layer.weightOffset, layer.outputSize, layer.inputSize, chosen[l]!, random);
    parameters.fill(0, layer.biasOffset, layer.biasOffset + layer.outputSize);
  });
}
