// The published package as a user gets it: `npm pack` of the built repository, installed from the
// tarball into a fresh project with `npm install --offline` (the default install needs no network:
// policygrad has no runtime dependencies; webgpu, tinybench, bullmq, ioredis and mujoco-js are optional peers). Then:
// - the tarball holds exactly package.json, README.md, LICENSE and, for every .ts file of src/ and
//   bench/, its .js, .js.map and .d.ts under dist/ — no test/, no benchmark results, no stale
//   output — and the install takes under 10 MB;
// - every .js names its .js.map, and every source of every map resolves: its text is in the map
//   (inlineSources) and equals the repository's file at the path the map names;
// - every ```ts block of README.md — each a standalone ES module importing from 'policygrad' —
//   compiles under `tsc` with strict, skipLibCheck false, module and moduleResolution NodeNext,
//   with TypeScript 7 and with TypeScript 5.9, once as a Node project (lib ES2022, @types/node, no
//   DOM) and once as a browser project (lib ES2022 and DOM, no Node types); in the same programs a
//   setting with a typo fails, as the one error tsc reports. Then each block runs with node, in
//   the project, and exits with 0;
// - `import('policygrad')` from the project gives the same exports as the repository's build; the
//   missing optional peers are named with their install command: `createEngine({ backend:
//   'webgpu' })` says `npm install webgpu`, `policygrad bench` says `npm install tinybench`,
//   `policygrad worker` says `npm install bullmq ioredis`, `prepareEnv('Hopper-v5')` says
//   `npm install mujoco-js`.
// Reference: file lists, file contents, exit codes and tsc's diagnostics; exact comparisons (no
// tolerance). Without npm the test is skipped with a message; under CI=true it fails instead.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
/** The install-size target of docs/package.md, in bytes. */
const MAX_INSTALL_BYTES = 10_000_000;
const COMPILERS = { 'TypeScript 7': 'node_modules/typescript/bin/tsc', 'TypeScript 5.9': 'node_modules/typescript-5/bin/tsc' } as const;
/** The two consumers: a Node project without DOM, and a browser project without Node's types. */
const PROJECTS = {
  node: { lib: ['ES2022'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
  browser: { lib: ['ES2022', 'DOM'], types: [] },
} as const;
const TYPO_FILE = 'typo.ts';
const TYPO_SOURCE = "import { resolveTrainingSettings } from 'policygrad';\n\nresolveTrainingSettings('ppo', 'CartPole-v1', { learningRat: 1 });\n";

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of every child: this one without npm's `npm_*` variables, which `npm test` sets
 * and which a child npm would read as its configuration.
 */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

/** Runs `command` to its end (no time limit: the suite's runner ends a hang). */
function run(command: string, args: readonly string[], cwd: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function succeed(command: string, args: readonly string[], cwd: string): Promise<Result> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${result.stdout}${result.stderr}`);
  return result;
}

/** Paths of the files under `folder`, relative to it, with '/' separators. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(folder, path)).isFile())
    .map((path) => path.split('\\').join('/'));
}

/** The ```ts blocks of a Markdown text, each with the line its code starts on. */
function typescriptBlocks(text: string): { line: number; code: string }[] {
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```\s*$/gm)].map((match) => ({
    line: text.slice(0, match.index).split('\n').length + 1,
    code: match[1]!,
  }));
}

function npmInstalled(): boolean {
  if (spawnSync('npm', ['--version'], { stdio: 'ignore', env: childEnv }).error === undefined) return true;
  if (process.env.CI === 'true') throw new Error('npm is missing: CI must have it (it comes with Node)');
  console.log('\n  SKIPPED the package tests: npm is missing\n');
  return false;
}

const readmeBlocks = typescriptBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const blockFile = (index: number) => `readme-${index + 1}.ts`;

interface Context {
  folder: string;
  project: string;
  installed: string;
  files: string[];
}

const packaged = suite<Context>('package');

packaged.before(async (context) => {
  context.folder = mkdtempSync(join(tmpdir(), 'policygrad-package-'));
  const packed = await succeed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', context.folder], root);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  context.project = join(context.folder, 'project');
  mkdirSync(join(context.project, 'src'), { recursive: true });
  writeFileSync(join(context.project, 'package.json'), JSON.stringify({
    name: 'policygrad-consumer', private: true, type: 'module',
    dependencies: { [manifest.name]: `file:${join(context.folder, filename)}` },
  }, null, 2));
  await succeed('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], context.project);
  context.installed = join(context.project, 'node_modules', manifest.name);
  context.files = filesUnder(context.installed);
});

packaged.after((context) => {
  if (context.folder) rmSync(context.folder, { recursive: true, force: true });
});

packaged('the tarball holds the build of src/ and bench/ and the front files, nothing else', ({ files }) => {
  const expected = ['package.json', 'README.md', 'LICENSE'];
  for (const folder of ['src', 'bench']) {
    for (const path of filesUnder(join(root, folder))) {
      if (!path.endsWith('.ts') || path.endsWith('.d.ts')) continue;
      const built = `dist/${folder}/${path.slice(0, -'.ts'.length)}`;
      expected.push(`${built}.js`, `${built}.js.map`, `${built}.d.ts`);
    }
  }
  const missing = expected.filter((path) => !files.includes(path));
  const unexpected = files.filter((path) => !expected.includes(path));
  assert.equal(missing, [], `missing from the package (is the build current? npm run build): ${missing.join(', ')}`);
  assert.equal(unexpected, [], `in the package but not the build of a source (stale output? rm -rf dist && npm run build): ${unexpected.join(', ')}`);
});

packaged('the default install needs nothing else and stays under 10 MB', ({ project }) => {
  const modules = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
  assert.equal(modules, [manifest.name], 'a runtime dependency was installed');
  const bytes = filesUnder(join(project, 'node_modules')).reduce((sum, path) => sum + statSync(join(project, 'node_modules', path)).size, 0);
  assert.ok(bytes < MAX_INSTALL_BYTES, `the install takes ${bytes} bytes, over ${MAX_INSTALL_BYTES}`);
});

packaged('every source map is named by its .js and resolves every source to the repository\'s file', ({ installed, files }) => {
  const maps = files.filter((path) => path.endsWith('.js.map'));
  assert.ok(maps.length > 0);
  for (const js of files.filter((path) => path.endsWith('.js'))) {
    const name = js.slice(js.lastIndexOf('/') + 1);
    assert.ok(readFileSync(join(installed, js), 'utf8').trimEnd().endsWith(`//# sourceMappingURL=${name}.map`), `${js} names no ${name}.map`);
  }
  for (const path of maps) {
    const map = JSON.parse(readFileSync(join(installed, path), 'utf8')) as { sourceRoot?: string; sources: string[]; sourcesContent?: (string | null)[] };
    assert.ok(map.sources.length > 0, `${path} names no source`);
    map.sources.forEach((source, i) => {
      const resolved = posix.join(posix.dirname(path), map.sourceRoot ?? '', source);
      const content = map.sourcesContent?.[i];
      assert.type(content, 'string', `${path}: no content for ${source}`);
      assert.ok(!resolved.startsWith('../'), `${path}: ${source} resolves outside the package`);
      assert.ok(content === readFileSync(join(root, resolved), 'utf8'), `${path}: the content of ${source} is not ${resolved}`);
    });
  }
});

packaged('README.md has TypeScript examples, each an ES module importing from policygrad', () => {
  assert.ok(readmeBlocks.length > 0, 'README.md has no ```ts block');
  for (const { line, code } of readmeBlocks) {
    assert.match(code, /^import .* from 'policygrad';$/m, `README.md:${line}: a \`\`\`ts block must import from 'policygrad'`);
  }
});

packaged('the README examples compile under TypeScript 7 and 5.9, with and without DOM; a misspelt setting does not', async ({ project }) => {
  readmeBlocks.forEach(({ code }, i) => writeFileSync(join(project, 'src', blockFile(i)), code));
  writeFileSync(join(project, 'src', TYPO_FILE), TYPO_SOURCE);
  const compilations = Object.entries(PROJECTS).flatMap(([kind, libraries]) => Object.entries(COMPILERS).map(async ([compiler, tsc], i) => {
    // The first compiler's Node build is emitted, for running the examples.
    const emit = kind === 'node' && i === 0;
    const config = `tsconfig.${kind}-${i}.json`;
    writeFileSync(join(project, config), JSON.stringify({
      compilerOptions: {
        strict: true, skipLibCheck: false, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022',
        ...libraries, ...(emit ? { rootDir: 'src', outDir: 'built' } : { noEmit: true }),
      },
      include: ['src'],
    }));
    const { code, stdout, stderr } = await run(process.execPath, [join(root, tsc), '-p', config, '--pretty', 'false'], project);
    const errors = (stdout + stderr).split('\n').filter((line) => /error TS\d+/.test(line));
    const blocks = readmeBlocks.map(({ line }, j) => `src/${blockFile(j)} is README.md's block at line ${line}`).join('; ');
    const label = `${compiler}, ${kind} project (lib ${libraries.lib.join(', ')}; types: ${libraries.types.join(', ') || 'none'}; ${blocks})`;
    assert.is.not(code, 0, `${label}: the misspelt setting compiled`);
    const expected = errors.filter((line) => line.startsWith(`src/${TYPO_FILE}(3,`) && line.includes("'learningRat'"));
    assert.equal(errors.filter((line) => !expected.includes(line)), [], `${label}: errors besides the misspelt setting's:\n${stdout}${stderr}`);
    assert.is(expected.length, 1, `${label}: expected one error for the misspelt setting:\n${stdout}${stderr}`);
  }));
  await Promise.all(compilations);
});

packaged('the README examples run', async ({ project }) => {
  for (const [i, { line }] of readmeBlocks.entries()) {
    const { code, stdout, stderr } = await run(process.execPath, [join('built', blockFile(i).replace(/\.ts$/, '.js'))], project);
    assert.is(code, 0, `README.md:${line}: the example exited with ${code}:\n${stdout}${stderr}`);
  }
});

packaged('import(\'policygrad\') gives the repository\'s exports, and the missing optional peers are named', async ({ project }) => {
  const probe = [
    "const policygrad = await import('policygrad');",
    "const webgpu = await policygrad.createEngine({ backend: 'webgpu' }).then(() => 'created', (error) => `${error.name}: ${error.message}`);",
    "const mujoco = await policygrad.prepareEnv('Hopper-v5').then(() => 'loaded', (error) => error.message);",
    'console.log(JSON.stringify({ exports: Object.keys(policygrad).sort(), webgpu, mujoco }));',
  ].join('\n');
  const { stdout } = await succeed(process.execPath, ['--input-type=module', '-e', probe], project);
  const { exports, webgpu, mujoco } = JSON.parse(stdout) as { exports: string[]; webgpu: string; mujoco: string };
  const built = await import(pathToFileURL(join(root, 'dist/src/index.js')).href) as Record<string, unknown>;
  assert.equal(exports, Object.keys(built).sort());
  assert.match(webgpu, /^WebGPUUnavailableError: .*'webgpu'.*npm install webgpu/);
  assert.match(mujoco, /^the MuJoCo environments need the package 'mujoco-js'.*npm install mujoco-js/);
  const version = await succeed(join(project, 'node_modules/.bin/policygrad'), ['--version'], project);
  assert.is(version.stdout.trim(), manifest.version);
  const bench = await run(join(project, 'node_modules/.bin/policygrad'), ['bench'], project);
  assert.is(bench.code, 1);
  assert.match(bench.stderr, /^policygrad bench: needs the package 'tinybench'.*npm install tinybench\n$/);
  const worker = await run(join(project, 'node_modules/.bin/policygrad'), ['worker', '--queue', 'redis://127.0.0.1:1'], project);
  assert.is(worker.code, 1);
  assert.match(worker.stderr, /^policygrad worker: .*need the optional packages bullmq and ioredis: npm install bullmq ioredis\n$/);
});

if (npmInstalled()) packaged.run();
