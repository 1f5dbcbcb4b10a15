// The parameters an optimiser updates in place. On the wasm backend they are the network's own
// zero-copy view, so an update costs nothing extra; on another backend (a GPU) a CPU copy, read
// once, updated in place, and uploaded after each step — never read back in between.
import type { MLP } from '../backends/backend.js';
import { WasmMLP } from '../backends/wasm/wasm-mlp.js';
import type { FloatArray } from '../util/validate.js';

export class NetworkParameters {
  private constructor(private readonly network: MLP, private readonly copy: Float32Array | undefined) {}

  /** For the wasm backend a view; otherwise a copy of the network's current parameters. */
  static async of(network: MLP): Promise<NetworkParameters> {
    return new NetworkParameters(network, network instanceof WasmMLP ? undefined : Float32Array.from(await network.readParameters()));
  }

  /** The values to update in place (on wasm, re-read after any memory growth). */
  get values(): FloatArray {
    return this.copy ?? (this.network as WasmMLP).parameters;
  }

  /** Makes the network use the updated values. */
  commit(): void {
    if (this.copy !== undefined) this.network.setParameters(this.copy);
  }
}
