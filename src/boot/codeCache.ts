// Loads a CommonJS file the way `require` does, but through V8's code cache.
//
// Why: most of what activation costs before our first line runs is V8 compiling the bundle, and
// during activate() V8 compiles each function the first time it is called. A code cache made
// after one activation holds all of that as bytecode, so the next start deserializes it instead
// (measured in the extension host: our load and activate() fell from about 36 ms to about 17 ms
// at the median; bench/RESULTS.md "Activation through the code cache"). The cache can only be
// made by the V8 that runs us (the VS Code build's), so it is written on the user's machine
// after the first activation, never shipped.
//
// Safety: V8 itself rejects a cache from another V8 version or flags, or for a source of another
// length; the cache's name carries a hash of the file's content, fixed at build time, so a cache
// is never applied to other code of the same length. The file sits next to the code it caches,
// writable by exactly who can write that code. Anything that fails (read-only install, full disk,
// corrupt or rejected cache) falls back to compiling, as plain `require` would.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Whether the load used a cache: `absent` and `rejected` leave one to be written. */
export type CacheState = 'used' | 'absent' | 'rejected';

export interface CachedLoad {
  /** The file's `module.exports` after it ran. */
  readonly exports: unknown;
  readonly cache: CacheState;
  /**
   * Writes the cache if this load did not use one, holding every function compiled so far (so call
   * it after the work to be cached, e.g. activation). Atomic: a crash leaves no half-written cache.
   * Resolves to what happened; never rejects.
   */
  save(): Promise<'written' | 'not needed' | `not written: ${string}`>;
}

/** `<file>.<hash>.v8cache`, next to the file. */
export function cacheFileFor(file: string, contentHash: string): string {
  return `${file}.${contentHash}.v8cache`;
}

/**
 * Compiles and runs `file` as a CommonJS module registered in the require cache under its own name
 * (so a sibling's `require` of it returns this instance), with a cache made for `contentHash`.
 */
export function loadWithCodeCache(file: string, contentHash: string, parent?: Module): CachedLoad {
  const cacheFile = cacheFileFor(file, contentHash);
  const source = fs.readFileSync(file, 'utf8');
  const cachedData = readCache(cacheFile);
  // The wrapper Node puts around every CommonJS file, on the first line so line numbers stay.
  // No `importModuleDynamically`: the build turns every import() into require
  // (test/unit/build/bundle.test.ts checks), so the file never asks for one.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: file, cachedData });
  const cache: CacheState = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';

  const mod = new Module(file, parent);
  mod.filename = file;
  const require = createRequire(file);
  require.cache[file] = mod;
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== 'function') throw new Error(`${file} did not compile to a module wrapper`);
  try {
    wrapper.call(mod.exports, mod.exports, require, mod, file, path.dirname(file));
  } catch (e) {
    // As `require` does: a module that threw is not cached, so a retry runs it again.
    delete require.cache[file];
    throw e;
  }
  mod.loaded = true;

  return {
    exports: mod.exports,
    cache,
    save: async () => {
      if (cache === 'used') return 'not needed';
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, script.createCachedData());
        await fs.promises.rename(tmp, cacheFile);
        await removeStale(file, cacheFile);
        return 'written';
      } catch (e) {
        return `not written: ${e instanceof Error ? e.message : String(e)}`;
      }
    },
  };
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Caches of earlier builds of the same file (a rebuild in place, during development) and temporary files a crash left. */
async function removeStale(file: string, keep: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of await fs.promises.readdir(dir)) {
    const full = path.join(dir, name);
    if (full !== keep && name.startsWith(prefix) && /\.v8cache(\.\d+\.tmp)?$/.test(name)) await fs.promises.rm(full, { force: true });
  }
}
