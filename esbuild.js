// Builds the extension (Node, CommonJS, `vscode` external) and every webview
// (`src/webview/<name>/main.ts` -> `dist/webview/<name>.js`, browser IIFE).
// `--production` minifies without source maps (what the VSIX ships);
// `--tests` also transpiles src/ and test/ file by file into out/ for the
// integration host, which loads them with plain `require`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function webviewEntries() {
  const root = path.join(__dirname, 'src', 'webview');
  if (!fs.existsSync(root)) return {};
  const entries = {};
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    const main = path.join(root, e.name, 'main.ts');
    if (e.isDirectory() && fs.existsSync(main)) entries[e.name] = main;
  }
  return entries;
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// The client libraries (src/core/net/sdk.ts) ship as dist/sdk.js, loaded on the first
// request: the extension bundle keeps `require('./sdk')` as a require of that file, so
// activation does not parse and run them.
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith(path.join('core', 'net', 'sdkLoader.ts')) ? { path: './sdk.js', external: true } : undefined);
  },
};

// `import * as vscode from 'vscode'` in each of ~40 modules would become its own
// `__toESM(require('vscode'))`, which copies every property of the (large) API object into a
// fresh namespace at load: measured at 8-20 ms of the extension host's code loading time.
// Routing every import through one ESM module that re-exports `vscode` copies it once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// Activation parses only the code it runs. esbuild splits code only for ESM output, so the
// extension is first built as ESM chunks: `dist/extension.js` holds what activate() needs, each
// `await import()` of a feature's first use becomes its own file, and modules shared by several
// land once in a shared chunk, so a class (ProviderError) has one identity for `instanceof`.
// VS Code loads extensions with `require`, so each chunk is then rewritten as CommonJS, with
// its imports as `require`s of the sibling chunks (dynamic ones too, through the require cache).
async function toCommonJs(outputFiles) {
  return Promise.all(outputFiles.filter((f) => f.path.endsWith('.js')).map(async (f) => {
    const r = await esbuild.build({
      stdin: { contents: f.text, sourcefile: path.basename(f.path), resolveDir: path.dirname(f.path), loader: 'js' },
      bundle: true,
      // Sibling chunks stay separate files; `vscode` and `./sdk.js` are provided at run time.
      external: ['./*', 'vscode'],
      outfile: f.path,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // `import()` becomes `require` too: every chunk goes through one module cache.
      supported: { 'dynamic-import': false },
      minify: production,
      sourcemap: production ? false : 'linked',
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
      write: false,
    });
    return r.outputFiles;
  })).then((all) => all.flat());
}

// Chunk names carry a content hash, so each build writes new ones: the previous build's are
// removed, or the VSIX (which takes dist/*.js) would ship them.
const CHUNK = /-[A-Z0-9]{8}\.js(\.map)?$/;

const commonJsChunks = {
  name: 'commonjs-chunks',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length || !result.outputFiles) return;
      const files = await toCommonJs(result.outputFiles);
      const outdir = path.resolve(build.initialOptions.outdir);
      const written = new Set(files.map((f) => f.path));
      fs.mkdirSync(outdir, { recursive: true });
      for (const name of fs.readdirSync(outdir)) {
        const file = path.join(outdir, name);
        if (CHUNK.test(name) && !written.has(file)) fs.rmSync(file);
      }
      for (const f of files) fs.writeFileSync(f.path, f.contents);
    });
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    splitting: true,
    target: 'node20',
    external: ['vscode'],
    // Read back by the CommonJS pass, which maps its output to the TypeScript sources.
    sourcemap: production ? false : 'inline',
    write: false,
    // A package with both builds is taken as ESM, which esbuild can tree-shake.
    mainFields: ['module', 'main'],
    plugins: [lazySdk, vscodeOnce, commonJsChunks],
  },
  {
    ...common,
    entryPoints: { sdk: 'src/core/net/sdk.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (tests) {
  builds.push({
    entryPoints: [...listTs('src'), ...listTs('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

async function main() {
  if (fs.existsSync('dist')) fs.rmSync('dist', { recursive: true, force: true });
  const active = builds.filter((b) => Array.isArray(b.entryPoints) ? b.entryPoints.length : Object.keys(b.entryPoints).length);
  if (watch) {
    for (const b of active) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(active.map((b) => esbuild.build(b)));
}

// Required (not run) by the unit test that checks how the bundle loads `vscode`.
if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { builds, toCommonJs };
