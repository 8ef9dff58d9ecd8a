import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions, Metafile, OutputFile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function isBuildOptions(v: unknown): v is BuildOptions {
  return typeof v === 'object' && v !== null && 'entryPoints' in v;
}

function isConverter(v: unknown): v is (files: OutputFile[]) => Promise<OutputFile[]> {
  return typeof v === 'function';
}

/** esbuild.js, the file `npm run build` runs: the extension's build options and its CommonJS pass. */
function extensionBuild(): { options: BuildOptions; toCommonJs: (files: OutputFile[]) => Promise<OutputFile[]> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod: unknown = require(path.join(ROOT, 'esbuild.js'));
  const builds: unknown = typeof mod === 'object' && mod !== null && 'builds' in mod ? mod.builds : undefined;
  const toCommonJs: unknown = typeof mod === 'object' && mod !== null && 'toCommonJs' in mod ? mod.toCommonJs : undefined;
  const options = Array.isArray(builds) ? builds.filter(isBuildOptions).find((b) => JSON.stringify(b.entryPoints).includes('src/extension.ts')) : undefined;
  assert.ok(options, 'esbuild.js exports no build of src/extension.ts');
  assert.ok(isConverter(toCommonJs), 'esbuild.js exports no toCommonJs');
  return { options, toCommonJs };
}

/** The output files activation loads: the entry and what it imports statically, transitively. */
function eagerOutputs(meta: Metafile): Set<string> {
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === 'src/extension.ts');
  assert.ok(entry, 'no output for src/extension.ts');
  const seen = new Set<string>();
  const todo = [entry];
  for (let o = todo.pop(); o !== undefined; o = todo.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    for (const i of meta.outputs[o].imports) if (i.kind === 'import-statement' && i.path in meta.outputs) todo.push(i.path);
  }
  return seen;
}

describe('extension bundle', () => {
  let meta: Metafile;
  let chunks: OutputFile[];
  before(async function () {
    this.timeout(60000);
    const { options, toCommonJs } = extensionBuild();
    // The build as `npm run build` makes it, but kept in memory: the plugin that writes the files is left out.
    const plugins = (options.plugins ?? []).filter((p) => p.name !== 'commonjs-chunks');
    const result = await build({ ...options, plugins, absWorkingDir: ROOT, minify: false, sourcemap: false, write: false, metafile: true });
    meta = result.metafile;
    chunks = await toCommonJs(result.outputFiles);
  });

  it('requires vscode once, so its API is copied once at load and not per importing module', () => {
    const requires = chunks.map((f) => f.text.match(/require\("vscode"\)/g)?.length ?? 0);
    assert.equal(requires.reduce((a, b) => a + b, 0), 1);
  });

  it('is CommonJS throughout, each chunk requiring its siblings, dynamic imports included', () => {
    const names = new Set(chunks.map((f) => path.basename(f.path)));
    assert.ok(names.has('extension.js'), [...names].join(', '));
    for (const f of chunks) {
      // VS Code loads extensions with require: an ESM import or export left in would not parse.
      assert.doesNotMatch(f.text, /^\s*(import|export)\s[^(]/m, path.basename(f.path));
      assert.doesNotMatch(f.text, /\bimport\(/, path.basename(f.path));
      for (const [, sibling] of f.text.matchAll(/require\("\.\/([^"]+)"\)/g)) {
        assert.ok(sibling === 'sdk.js' || names.has(sibling), `${path.basename(f.path)} requires ./${sibling}, which the build does not write`);
      }
    }
    // The client libraries stay in their own file, loaded on the first request (through esbuild's
    // `__require`, which is the requiring chunk's own `require`: every chunk sits in dist/, next to sdk.js).
    assert.ok(chunks.some((f) => /require\)?\("\.\/sdk\.js"\)/.test(f.text)), 'no chunk requires ./sdk.js');
  });

  it('activation loads the wiring only: features, providers and the secret scanner wait for first use', () => {
    const eager = eagerOutputs(meta);
    const inputs = new Set([...eager].flatMap((o) => Object.keys(meta.outputs[o].inputs)));
    for (const later of [
      'src/core/llm/factory.ts',
      'src/core/engine/guard.ts',
      'src/core/privacy/secretPatterns.ts',
      'src/core/inline/completer.ts',
      'src/vscode/inline/provider.ts',
      'src/vscode/explain/explain.ts',
      'src/vscode/explain/panel.ts',
      'src/vscode/refactor/refactor.ts',
      'src/vscode/commands/testConnection.ts',
    ]) {
      assert.ok(!inputs.has(later), `${later} is loaded at activation`);
    }
    // And what the status bar needs at once is there.
    for (const now of ['src/extension.ts', 'src/vscode/statusBar.ts', 'src/vscode/privacy/privacyService.ts']) assert.ok(inputs.has(now), `${now} is not in the activation chunks`);
  });
});
