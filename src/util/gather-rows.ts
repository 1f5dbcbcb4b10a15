// Copying chosen rows out of a row-major batch: a minibatch's inputs and targets, by index.

/** Copies rows `indices` of a time-major batch (each `width` numbers) into `out`. */
export function gatherRows<T extends { [i: number]: number }>(source: ArrayLike<number>, indices: ArrayLike<number>, width: number, out: T): T {
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k]!;
    for (let j = 0; j < width; j++) out[k * width + j] = source[row * width + j]!;
  }
  return out;
}
