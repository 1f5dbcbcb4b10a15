// Loading MuJoCo's WebAssembly build (the npm package mujoco-js, an optional peer dependency)
// once per process, on demand. WebAssembly instantiation is asynchronous and `make` is
// synchronous, so a program awaits `prepareMujoco()` (or the registry's `prepareEnv(id)`) once,
// after which `make('Hopper-v5')` works; before it, making a MuJoCo environment throws an error
// that says what to await.
import { describe } from '../../util/validate.js';
import type { MjModel, MujocoModule } from './mujoco-api.js';

/** How the package is imported; a test passes one that fails, to see the error a user would get. */
export type MujocoImporter = () => Promise<unknown>;

// A variable, so that bundlers leave the optional package alone (as the webgpu import does).
const PACKAGE = 'mujoco-js';
const defaultImporter: MujocoImporter = () => import(PACKAGE);

let prepared: MujocoModule | undefined;
/** The URL given to the prepareMujoco that loaded it, if it was given one. */
let preparedFrom: string | undefined;
let preparing: Promise<MujocoModule> | undefined;
/** Compiled models by their MJCF text: environments of one id share a model, each has its own data. */
const models = new Map<string, MjModel>();

/**
 * Imports mujoco-js with `importModule` and instantiates its WebAssembly module. A missing package
 * gives an error naming it and the command that installs it.
 */
export async function loadMujoco(importModule: MujocoImporter = defaultImporter): Promise<MujocoModule> {
  let factory: unknown;
  try {
    factory = ((await importModule()) as { default?: unknown }).default;
  } catch (error) {
    throw new Error(`the MuJoCo environments need the package '${PACKAGE}' (MuJoCo's WebAssembly build), an optional peer dependency of policygrad: npm install ${PACKAGE} (${(error as Error).message})`);
  }
  if (typeof factory !== 'function') throw new TypeError(`the package '${PACKAGE}' has no default export to load MuJoCo with; policygrad expects mujoco-js 0.0.7 or later`);
  return (await (factory as () => Promise<MujocoModule>)()) as MujocoModule;
}

/**
 * Loads MuJoCo once for the process (later calls return the same module), so that `make` can
 * build MuJoCo environments synchronously afterwards.
 *
 * @param importModule how the package is imported: a function, or the URL of the package's file;
 *   default `import('mujoco-js')`. A browser resolves that bare name only through an import map,
 *   and a module worker has none (Chromium applies a page's import map to the page alone), so a
 *   page or worker passes one that imports the package's file by URL (docs/browser.md). Given as
 *   a URL, it is also where the worker thread of a two-thread run loads MuJoCo from
 *   ({@link mujocoModuleUrl}). Only the call that starts the loading uses it; after a failed load,
 *   the next call starts again with its own.
 *
 * @example
 * await prepareMujoco();
 * const env = make('Hopper-v5');
 */
export function prepareMujoco(importModule: MujocoImporter | URL = defaultImporter): Promise<MujocoModule> {
  const url = importModule instanceof URL ? importModule.href : undefined;
  if (url === undefined && typeof importModule !== 'function') throw new TypeError(`prepareMujoco: importModule must be a function that returns a promise of the module mujoco-js, or the URL of its file, got ${describe(importModule)}`);
  preparing ??= loadMujoco(url === undefined ? importModule as MujocoImporter : () => import(url)).then(
    (module) => {
      prepared = module;
      preparedFrom = url;
      return module;
    },
    (error: unknown) => {
      preparing = undefined; // a later call may try again, e.g. after npm install
      throw error;
    },
  );
  return preparing;
}

/**
 * The URL MuJoCo was loaded from, when {@link prepareMujoco} was given one; otherwise undefined
 * (the package by name, or a function's import), which a worker thread imports by name.
 */
export function mujocoModuleUrl(): string | undefined {
  return preparedFrom;
}

/** Whether {@link prepareMujoco} has finished. */
export function isMujocoPrepared(): boolean {
  return prepared !== undefined;
}

/** The prepared module; throws, naming `id` and what to await, before {@link prepareMujoco} has finished. */
export function preparedMujoco(id: string): MujocoModule {
  if (prepared === undefined) throw new Error(`${id} is a MuJoCo environment: await prepareMujoco() (or prepareEnv('${id}')) once before make('${id}'), since MuJoCo's WebAssembly module loads asynchronously`);
  return prepared;
}

/** The model compiled from `xml` (written to MuJoCo's in-memory file system as `name`.xml), compiled once. */
export function compiledModel(mujoco: MujocoModule, name: string, xml: string): MjModel {
  let model = models.get(xml);
  if (model === undefined) {
    if (!mujoco.FS.analyzePath('/policygrad').exists) mujoco.FS.mkdir('/policygrad');
    const path = `/policygrad/${name}.xml`;
    mujoco.FS.writeFile(path, xml);
    try {
      model = mujoco.MjModel.loadFromXML(path);
    } catch (error) {
      // MuJoCo's compiler errors arrive as C++ exceptions (a bare pointer number) through embind.
      throw new Error(`MuJoCo could not compile the model ${name}.xml (${error instanceof Error ? error.message : `exception ${String(error)}`})`);
    }
    models.set(xml, model);
  }
  return model;
}
