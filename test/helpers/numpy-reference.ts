// numpy's random generator as the reference for src/random's PCG64, SeedSequence and
// NumpyGenerator: Debian's python3-numpy run with /usr/bin/python3. Missing numpy: a skip with a
// message, or under CI=true a failure (test/helpers/debian-python.ts).
import { spawnSync } from 'node:child_process';
import { PYTHON, pythonModuleInstalled } from './debian-python.js';

/** Whether /usr/bin/python3 has numpy; if not, says that `what` is skipped, or throws under CI=true. */
export function numpyInstalled(what: string): boolean {
  return pythonModuleInstalled('numpy', 'python3-numpy', what);
}

/** What numpy draws for one seed. */
export interface NumpyDraws {
  seed: number;
  /** `SeedSequence(seed).generate_state(8, np.uint32)`. */
  seedWords: number[];
  /** `PCG64(seed).state`: the 128-bit state and increment as 32-bit words, least significant first. */
  state: number[];
  /** `PCG64(seed).random_raw(n)` as [high, low] 32-bit halves. */
  raw: [number, number][];
  /** `default_rng(seed).uniform(low, high, size)`. */
  uniform: number[];
  /** `default_rng(seed).standard_normal(size)`. */
  normal: number[];
}

// Floats go back as repr(), the shortest string that round-trips, so Number() of it is the same double.
const SCRIPT = `
import json, sys
import numpy as np
seeds, n_raw, low, high, n_uniform, n_normal = json.loads(sys.argv[1])
def words(x, n): return [(x >> (32 * i)) & 0xffffffff for i in range(n)]
out = []
for seed in seeds:
    state = np.random.PCG64(seed).state['state']
    raw = [int(r) for r in np.random.PCG64(seed).random_raw(n_raw)]
    out.append({'seed': seed,
        'seedWords': [int(w) for w in np.random.SeedSequence(seed).generate_state(8, np.uint32)],
        'state': words(state['state'], 4) + words(state['inc'], 4),
        'raw': [[r >> 32, r & 0xffffffff] for r in raw],
        'uniform': [repr(float(v)) for v in np.random.default_rng(seed).uniform(low, high, n_uniform)],
        'normal': [repr(float(v)) for v in np.random.default_rng(seed).standard_normal(n_normal)]})
print(json.dumps(out))
`;

/** numpy's draws for each seed: `raw` raw outputs, `uniform` draws in [low, high), `normal` standard normals. */
export function numpyDraws(seeds: number[], counts: { raw: number; low: number; high: number; uniform: number; normal: number }): NumpyDraws[] {
  const args = JSON.stringify([seeds, counts.raw, counts.low, counts.high, counts.uniform, counts.normal]);
  const result = spawnSync(PYTHON, ['-c', SCRIPT, args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`numpy reference failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as (Omit<NumpyDraws, 'uniform' | 'normal'> & { uniform: string[]; normal: string[] })[];
  return parsed.map((d) => ({ ...d, uniform: d.uniform.map(Number), normal: d.normal.map(Number) }));
}

/** One draw of a reset: `uniform(low, high, size)` or `standard_normal(size)`, in Gymnasium's order. */
export type ResetDraw = { uniform: [low: number, high: number, size: number] } | { standardNormal: number };

const RESET_SCRIPT = `
import json, sys
import numpy as np
seeds, draws = json.loads(sys.argv[1])
out = []
for seed in seeds:
    rng = np.random.default_rng(seed)
    out.append([[repr(float(v)) for v in (rng.uniform(*d['uniform']) if 'uniform' in d else rng.standard_normal(d['standardNormal']))] for d in draws])
print(json.dumps(out))
`;

/** For each seed, what `np.random.default_rng(seed)` gives for `draws` in turn (as Gymnasium's reset_model draws them). */
export function numpyResetDraws(seeds: number[], draws: ResetDraw[]): number[][][] {
  const result = spawnSync(PYTHON, ['-c', RESET_SCRIPT, JSON.stringify([seeds, draws])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`numpy reference failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as string[][][]).map((perSeed) => perSeed.map((values) => values.map(Number)));
}

const SUM_SCRIPT = `
import json, sys
import numpy as np
arrays = [np.array(a, dtype=np.float64) for a in json.loads(sys.argv[1])]
print(json.dumps([[repr(float(np.sum(np.square(a)))), repr(float(np.sum(a)))] for a in arrays]))
`;

/** numpy's `np.sum(np.square(a))` and `np.sum(a)` of each float64 array. */
export function numpySums(arrays: number[][]): { squares: number[]; sums: number[] } {
  const result = spawnSync(PYTHON, ['-c', SUM_SCRIPT, JSON.stringify(arrays)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`numpy reference failed: ${result.stderr}`);
  const pairs = (JSON.parse(result.stdout) as [string, string][]).map((pair) => pair.map(Number));
  return { squares: pairs.map((pair) => pair[0]!), sums: pairs.map((pair) => pair[1]!) };
}

/**
 * One classic-control reset as Gymnasium writes it (gymnasium/envs/classic_control/*.py), with its
 * options already parsed: `box` is `np_random.uniform(low, high, size=(4,))` (CartPole), `box32` the
 * same `.astype(np.float32)` (Acrobot), `pendulum` `uniform(low=-high, high=high)` with high =
 * [x, y], `car` `np.array([np_random.uniform(low=low, high=high), 0])` (both MountainCars).
 */
export type ClassicReset = ['box' | 'box32' | 'pendulum' | 'car', number, number];

const CLASSIC_RESET_SCRIPT = `
import json, sys
import numpy as np
seeds, cases, resets = json.loads(sys.argv[1])
draw = {
    'box': lambda rng, low, high: rng.uniform(low=low, high=high, size=(4,)),
    'box32': lambda rng, low, high: rng.uniform(low=low, high=high, size=(4,)).astype(np.float32),
    'pendulum': lambda rng, x, y: rng.uniform(low=-np.array([x, y]), high=np.array([x, y])),
    'car': lambda rng, low, high: np.array([rng.uniform(low=low, high=high), 0]),
}
out = []
for kind, a, b in cases:
    per_seed = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        per_seed.append([[repr(float(v)) for v in draw[kind](rng, a, b)] for _ in range(resets)])
    out.append(per_seed)
print(json.dumps(out))
`;

/**
 * For each case and seed, the states of `resets` consecutive resets on one `np.random.default_rng(seed)`:
 * the seeded reset, then resets without a seed, which continue the generator. Indexed [case][seed][reset].
 */
export function numpyClassicResets(seeds: number[], cases: ClassicReset[], resets: number): number[][][][] {
  const result = spawnSync(PYTHON, ['-c', CLASSIC_RESET_SCRIPT, JSON.stringify([seeds, cases, resets])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`numpy reference failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as string[][][][]).map((perCase) => perCase.map((perSeed) => perSeed.map((state) => state.map(Number))));
}

/** One step of Humanoid's forward motion: the bodies' masses, their xipos ([nbody][3], flat) before and after, and dt. */
export interface MassCenterStep {
  mass: number[];
  before: number[];
  after: number[];
  dt: number;
}

// Gymnasium's humanoid_v5.py mass_center and step's xy_velocity, as written there.
const MASS_CENTER_SCRIPT = `
import json, sys
import numpy as np
def mass_center(body_mass, xipos):
    mass = np.expand_dims(body_mass, axis=1)
    return (np.sum(mass * xipos, axis=0) / np.sum(mass))[0:2].copy()
out = []
for step in json.loads(sys.argv[1]):
    mass = np.array(step['mass'], dtype=np.float64)
    before = np.array(step['before'], dtype=np.float64).reshape(-1, 3)
    after = np.array(step['after'], dtype=np.float64).reshape(-1, 3)
    out.append([repr(float(v)) for v in (mass_center(mass, after) - mass_center(mass, before)) / step['dt']])
print(json.dumps(out))
`;

/** For each step, Gymnasium's (x_velocity, y_velocity) of the centre of mass, computed by numpy. */
export function numpyMassCenterVelocities(steps: MassCenterStep[]): [number, number][] {
  const result = spawnSync(PYTHON, ['-c', MASS_CENTER_SCRIPT, JSON.stringify(steps)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`numpy reference failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as string[][]).map((pair) => [Number(pair[0]), Number(pair[1])]);
}
