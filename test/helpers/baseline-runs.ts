// The runs that test/train/baseline.test.ts holds to test/fixtures/baseline.json: every algorithm
// on CartPole-v1 and Pendulum-v1 with its default settings and the environment's preset, from one
// seed, for its first iterations, recorded as every metric's bits per iteration and the checkpoint
// written after the last one, digested per part (so that a difference names the tensor).
// scripts/record-baseline.ts writes the fixture; the test recomputes it and compares.
import { createHash } from 'node:crypto';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { ALGORITHMS, resolveTrainingSettings } from '../../src/train/settings.js';
import { Trainer } from '../../src/train/trainer.js';
import { packageVersion } from '../../src/io/package-version.js';
import { trainerCheckpoint } from '../../src/train/run-config.js';
import { ENVIRONMENTS, WALL_CLOCK_METRICS } from './cross-engine-fixture.js';
import { encodeFloat64 } from './float64-hex.js';

export const BASELINE_SEED = 3;
export const BASELINE_ITERATIONS = 2;

export interface BaselineRun {
  /** Metric name → its value at each iteration, as 16 hex digits per float64. */
  metrics: Record<string, string>;
  /** SHA-256 of the checkpoint file, of each tensor's bytes and of each metadata entry. */
  checkpoint: { bytes: number; sha256: string; tensors: Record<string, string>; metadata: Record<string, string> };
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** `ALGO ENV` → its run. */
export async function baselineRuns(): Promise<Record<string, BaselineRun>> {
  const runs: Record<string, BaselineRun> = {};
  for (const env of ENVIRONMENTS) {
    for (const algo of ALGORITHMS) {
      const resolved = resolveTrainingSettings(algo, env, { seed: BASELINE_SEED });
      const trainer = await Trainer.create(resolved);
      const values: Record<string, number[]> = {};
      for (let i = 0; i < BASELINE_ITERATIONS; i++) {
        for (const [metric, value] of Object.entries(await trainer.step())) {
          if (!WALL_CLOCK_METRICS.includes(metric)) (values[metric] ??= []).push(value);
        }
      }
      // The bytes `policygrad train` writes (saveCheckpoint), without a run record.
      const bytes = await trainerCheckpoint(trainer, { version: packageVersion() });
      const { tensors, metadata } = decodeSafetensors(bytes);
      runs[`${algo} ${env}`] = {
        metrics: Object.fromEntries(Object.entries(values).map(([metric, series]) => [metric, encodeFloat64(series)])),
        checkpoint: {
          bytes: bytes.length,
          sha256: sha256(bytes),
          tensors: Object.fromEntries([...tensors].map(([name, tensor]) => [name, sha256(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength))])),
          metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, sha256(value)])),
        },
      };
    }
  }
  return runs;
}
