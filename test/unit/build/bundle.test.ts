import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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

  it('activation opens two files: the loader, with main.js\'s content hash, and main.js, which holds every chunk it needs', () => {
    const file = (name: string) => {
      const f = chunks.find((c) => path.basename(c.path) === name);
      assert.ok(f, `the build writes no ${name}`);
      return f.text;
    };
    const loader = file('extension.js');
    const main = file('main.js');
    const requires = (text: string) => [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    // The loader reads main.js itself (through the code cache) and needs nothing but Node.
    assert.deepEqual(requires(loader).filter((r) => !r.startsWith('node:')), []);
    assert.ok(loader.includes(JSON.stringify(createHash('sha256').update(main).digest('hex').slice(0, 16))), 'the loader does not carry main.js\'s hash');
    // main.js requires only what a feature's first use loads (and the client libraries, on the first request), never a shared chunk.
    for (const r of requires(main).filter((x) => x.startsWith('./') && x !== './sdk.js')) {
      assert.match(r, /^\.\/(explain|refactor|completions|requestSteps|testConnection)-[A-Z0-9]{8}\.js$/, `main.js requires ${r} at load`);
    }
  });

  it('a module runs once: what a lazy file shares with main.js it reads from main.js\'s __chunks', () => {
    const main = chunks.find((c) => path.basename(c.path) === 'main.js');
    assert.ok(main);
    const table = /__chunks = \{([^}]*)\}/.exec(main.text)?.[1] ?? '';
    const held = new Set([...table.matchAll(/"(chunk-[A-Z0-9]{8}\.js)":/g)].map((m) => m[1]));
    assert.ok(held.size > 0, 'main.js exports no __chunks');
    let reads = 0;
    for (const f of chunks) {
      for (const [, name] of f.text.matchAll(/require\("\.\/main\.js"\)\.__chunks\["([^"]+)"\]/g)) {
        reads++;
        assert.ok(held.has(name), `${path.basename(f.path)} reads ${name}, which main.js does not hold`);
      }
      for (const [, name] of f.text.matchAll(/require\("\.\/(chunk-[^"]+)"\)/g)) assert.ok(!held.has(name), `${path.basename(f.path)} loads a second copy of ${name}`);
    }
    assert.ok(reads > 0, 'no lazy file shares code with main.js: the test no longer sees the build');
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
