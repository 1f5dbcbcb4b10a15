// The import graph of src/ against the house rules (docs/design.md, STYLE.md): no file imports
// itself through a circle of other files, and every import from one top-level folder of src/ to
// another points down LAYERS, the order of the data flow. `import type` counts: a type-only circle
// is still two files that cannot be read one without the other.
//
// The specifiers are read from the source with comments blanked out (the TypeScript package ships
// no compiler API to ask): `import … from '…'`, `export … from '…'`, `import '…'` and
// `import('…')` with a literal. Relative specifiers resolve to .ts files under src/ (a `.js`
// specifier names its `.ts` source); package specifiers leave src/ and are not edges. Reference:
// the self-tests at the end, which run the same checks on small hand-made graphs with a known
// circle and a known upward import; the checks are exact (no tolerance).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceCode } from '../helpers/source-text.js';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

/**
 * The top-level folders of src/, lowest first: a folder may import only from folders before it.
 * Files directly in src/ (index.ts, the public API) are above every folder. The policy sits above
 * the rollout: the collector asks only for rollout-policy.ts's interface, which the policy's
 * actor-critic implements.
 */
const LAYERS = [
  'util', 'math', 'random', 'io', 'engine', 'nn', 'backends', 'linalg', 'check', 'envs', 'rollout', 'policy',
  'algos', 'report', 'train', 'agent', 'studies', 'cli',
] as const;

/**
 * Imports that break a rule and are known, each with its reason: the file, the file it imports,
 * and why it stays for now. The checks below run on the graph without these edges.
 */
const KNOWN_EXCEPTIONS: readonly { from: string; to: string; reason: string }[] = [];

/** A graph of files (paths relative to src/, with '/' separators) and their imports. */
type ImportGraph = ReadonlyMap<string, readonly string[]>;

const STATIC_IMPORT = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/gm;
const SIDE_EFFECT_IMPORT = /(?:^|[\s;}])import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** The module specifiers that `source` imports or re-exports from. */
function importSpecifiers(source: string): string[] {
  const code = sourceCode(source);
  return [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT].flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[2]!));
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const toKey = (path: string) => relative(SRC, path).split('\\').join('/');

/** Every .ts file under src/ and the files under src/ it imports. */
function readImportGraph(): { graph: ImportGraph; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const targets: string[] = [];
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      // An import that leaves src/ (the bench command's suites, in bench/) is no edge of this graph.
      if (relative(SRC, target).startsWith('..')) continue;
      if (existsSync(target)) targets.push(toKey(target));
      else unresolved.push(`${toKey(file)} → ${specifier}`);
    }
    graph.set(toKey(file), [...new Set(targets)]);
  }
  return { graph, unresolved };
}

/** The first circle of imports found (a → b → … → a), or undefined when there is none. */
function findCycle(graph: ImportGraph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') return [...path.slice(path.indexOf(target)), target];
      if (state.get(target) === undefined) {
        const cycle = visit(target);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    if (state.get(file) !== undefined) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The layer of a file: its top-level folder, or the top for a file directly in src/. */
function layerOf(file: string, layers: readonly string[]): number {
  const slash = file.indexOf('/');
  if (slash === -1) return layers.length;
  const index = layers.indexOf(file.slice(0, slash));
  if (index === -1) throw new Error(`${file}: its folder is in no layer; add it to LAYERS`);
  return index;
}

/** Every import from one top-level folder to another that does not point down `layers`. */
function upwardImports(graph: ImportGraph, layers: readonly string[]): { from: string; to: string }[] {
  const found: { from: string; to: string }[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const source = layerOf(from, layers);
      const target = layerOf(to, layers);
      if (source !== target && target > source) found.push({ from, to });
    }
  }
  return found;
}

const { graph: fullGraph, unresolved } = readImportGraph();
const isKnown = (from: string, to: string) => KNOWN_EXCEPTIONS.some((exception) => exception.from === from && exception.to === to);
const graph: ImportGraph = new Map([...fullGraph].map(([from, targets]) => [from, targets.filter((to) => !isKnown(from, to))]));

test('every relative import in src/ names a file that exists', () => {
  assert.ok(graph.size > 50, `read ${graph.size} files`);
  assert.equal(unresolved, []);
});

test('no circle of imports between the files of src/', () => {
  const cycle = findCycle(graph);
  assert.ok(cycle === undefined, `import circle: ${cycle?.join(' → ')}`);
});

test('every import between the folders of src/ points down the layer order', () => {
  assert.equal(upwardImports(graph, LAYERS).map(({ from, to }) => `${from} → ${to}`), []);
});

test('every known exception still breaks a rule (remove it once fixed)', () => {
  for (const { from, to } of KNOWN_EXCEPTIONS) {
    const withIt: ImportGraph = new Map([...graph, [from, [...graph.get(from)!, to]]]);
    const breaks = fullGraph.get(from)?.includes(to) === true && (upwardImports(withIt, LAYERS).length > 0 || findCycle(withIt) !== undefined);
    assert.ok(breaks, `${from} → ${to} is no longer an upward import or part of a circle`);
  }
});

test('LAYERS names every folder of src/ once', () => {
  const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory()).sort();
  assert.equal([...LAYERS].sort(), folders);
});

test('self-test: the reader finds every form of import and none inside comments', () => {
  const source = [
    "import { a } from './a.js';",
    "import type { B } from '../b/b.js';",
    'import {\n  c,\n  type D,\n} from "./c.js";',
    "export { e } from './e.js';",
    "export * from './f.js';",
    "import './g.js';",
    "const h = await import('./h.js');",
    "// import { x } from './commented.js';",
    "/* export { y } from './block-commented.js'; */",
    "const url = 'http://example.org'; import { i } from './i.js';",
    'const wgsl = `// a comment in a shader ${1 + 1} text`;',
    "export const j = 1; export function k() { return 'from'; }",
  ].join('\n');
  assert.equal(importSpecifiers(source).sort(), ['../b/b.js', './a.js', './c.js', './e.js', './f.js', './g.js', './h.js', './i.js']);
});

test('self-test: a circle and an upward import on a small graph are found', () => {
  const circular: ImportGraph = new Map([
    ['nn/a.ts', ['nn/b.ts']],
    ['nn/b.ts', ['util/c.ts', 'nn/d.ts']],
    ['nn/d.ts', ['nn/a.ts']],
    ['util/c.ts', []],
  ]);
  assert.equal(findCycle(circular), ['nn/a.ts', 'nn/b.ts', 'nn/d.ts', 'nn/a.ts']);
  const acyclic: ImportGraph = new Map([['nn/a.ts', ['nn/b.ts', 'util/c.ts']], ['nn/b.ts', ['util/c.ts']], ['util/c.ts', []]]);
  assert.is(findCycle(acyclic), undefined);
  const layered: ImportGraph = new Map([
    ['index.ts', ['nn/a.ts']],
    ['nn/a.ts', ['util/c.ts']],
    ['util/c.ts', ['nn/a.ts']],
  ]);
  assert.equal(upwardImports(layered, ['util', 'nn']), [{ from: 'util/c.ts', to: 'nn/a.ts' }]);
  assert.equal(upwardImports(new Map([['nn/a.ts', ['index.ts']]]), ['util', 'nn']), [{ from: 'nn/a.ts', to: 'index.ts' }]);
});

test.run();
