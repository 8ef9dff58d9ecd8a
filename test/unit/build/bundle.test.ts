import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function isBuildOptions(v: unknown): v is BuildOptions {
  return typeof v === 'object' && v !== null && 'entryPoints' in v;
}

/** The extension bundle's build options from esbuild.js, the file `npm run build` runs. */
function extensionBuild(): BuildOptions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod: unknown = require(path.join(ROOT, 'esbuild.js'));
  const builds: unknown = typeof mod === 'object' && mod !== null && 'builds' in mod ? mod.builds : undefined;
  const found = Array.isArray(builds) ? builds.filter(isBuildOptions).find((b) => JSON.stringify(b.entryPoints).includes('src/extension.ts')) : undefined;
  assert.ok(found, 'esbuild.js exports no build of src/extension.ts');
  return found;
}

describe('extension bundle', () => {
  it('requires vscode once, so its API is copied once at load and not per importing module', async () => {
    const result = await build({ ...extensionBuild(), absWorkingDir: ROOT, minify: false, sourcemap: false, write: false });
    const js = result.outputFiles.find((f) => f.path.endsWith('extension.js'));
    assert.ok(js, 'no extension.js in the build output');
    assert.equal(js.text.match(/require\("vscode"\)/g)?.length, 1);
    // The client libraries stay in their own file, loaded on the first request.
    assert.match(js.text, /require\("\.\/sdk\.js"\)/);
  }).timeout(30000);
});
