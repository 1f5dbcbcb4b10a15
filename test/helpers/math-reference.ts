// Runs scripts/math-reference.py (mpmath, the one exact reference for src/math) on our results:
// arguments and results go to a temporary file of float64 records, one Python process measures
// them all, and its JSON report comes back. Missing mpmath: a skip with a message, or under
// CI=true a failure (the convention of test/helpers/chromium.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as math from '../../src/math/index.js';
import { PYTHON, pythonModuleInstalled } from './debian-python.js';

const REFERENCE = fileURLToPath(new URL('../../../scripts/math-reference.py', import.meta.url));

/** Whether /usr/bin/python3 has mpmath; if not, says that `what` is skipped, or throws under CI=true. */
export function mpmathInstalled(what: string): boolean {
  return pythonModuleInstalled('mpmath', 'python3-mpmath python3-gmpy2', what);
}

/** What the reference found for one function. */
export interface FunctionReport {
  count: number;
  /** Worst |ours − exact|/ulp(exact) over the non-special results (Infinity when one is non-finite where it should not be). */
  max_ulp: number | 'Infinity';
  worst: { args: string[]; ours: string; correctly_rounded: string } | null;
  /** Results that are not the correctly rounded double (special ones included). */
  not_cr: number;
  /** Results compared bit for bit (NaN, ±∞, ±0 by rule), and how many of them differ. */
  special_count: number;
  special_mismatch_count: number;
  special_mismatches: { args: string[]; ours: string; expected: string }[];
}

export const ARITY: Record<string, number> = {
  exp: 1, expm1: 1, log: 1, log1p: 1, sin: 1, cos: 1, tan: 1, tanh: 1, atan: 1, atan2: 2, pow: 2,
};

/** Our result for `name` at `args`. */
export function evaluate(name: string, args: readonly number[]): number {
  const f = (math as unknown as Record<string, (a: number, b?: number) => number>)[name]!;
  return args.length === 1 ? f(args[0]!) : f(args[0]!, args[1]!);
}

/** Measures our results on `samples` (argument tuples per function name) against mpmath. */
export function compareWithReference(samples: Record<string, readonly number[][]>, progress = false): Record<string, FunctionReport> {
  const dir = mkdtempSync(join(tmpdir(), 'math-reference-'));
  try {
    const functions = Object.entries(samples).map(([name, args]) => {
      const arity = ARITY[name]!;
      const records = new Float64Array(args.length * (arity + 1));
      args.forEach((a, i) => {
        records.set(a, i * (arity + 1));
        records[i * (arity + 1) + arity] = evaluate(name, a);
      });
      const path = join(dir, `${name}.f64`);
      writeFileSync(path, new Uint8Array(records.buffer));
      return { name, arity, path, count: args.length };
    });
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ functions, workers: 2, progress }));
    const run = spawnSync(PYTHON, [REFERENCE, manifest], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`${REFERENCE} failed with status ${run.status}`);
    return JSON.parse(run.stdout) as Record<string, FunctionReport>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
