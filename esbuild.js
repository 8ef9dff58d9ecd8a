// Builds the extension (Node, CommonJS, `vscode` external) and every webview
// (`src/webview/<name>/main.ts` -> `dist/webview/<name>.js`, browser IIFE).
// `--production` minifies without source maps (what the VSIX ships);
// `--tests` also transpiles src/ and test/ file by file into out/ for the
// integration host, which loads them with plain `require`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

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
// extension is first built as ESM chunks: the entry holds what activate() needs, each
// `await import()` of a feature's first use becomes its own file, and modules shared by several
// land once in a shared chunk, so a class (ProviderError) has one identity for `instanceof`.
// VS Code loads extensions with `require`, so each chunk is then rewritten as CommonJS:
// - dist/main.js: the entry with every chunk it imports statically, in one file (each file
//   `require` opens costs the extension host a resolve, a read and a compile: ~3 ms for ten).
//   It exports those chunks' namespaces as `__chunks`, for the lazy files that share them.
// - the lazy files: each `import()` target and the chunks only they use. Their imports of a chunk
//   that main.js holds read it from there (`require("./main.js").__chunks`), so a module still
//   runs once; `import()` becomes `require` too, so every file goes through one module cache.
// - dist/extension.js, what VS Code requires: src/boot/extension.ts, which loads main.js through
//   V8's code cache (src/boot/codeCache.ts), told main.js's content hash.
const MAIN = 'main.js';

function cjsOptions(outfile) {
  return {
    bundle: true,
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    supported: { 'dynamic-import': false },
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    // Provided at run time by the extension host.
    external: ['vscode'],
  };
}

/** Chunks from memory: static imports of a chunk are bundled in (and noted in `eager`), everything else stays external. */
function bundleChunks(chunks, eager) {
  return {
    name: 'bundle-chunks',
    setup(build) {
      build.onResolve({ filter: /^\.\// }, (args) => {
        const file = path.join(args.resolveDir, args.path);
        if (args.kind !== 'import-statement' || !chunks.has(file)) return { path: args.path, external: true };
        eager.add(path.basename(file));
        return { path: file, namespace: 'chunk' };
      });
      build.onLoad({ filter: /.*/, namespace: 'chunk' }, (args) => ({ contents: chunks.get(args.path), loader: 'js', resolveDir: path.dirname(args.path) }));
    },
  };
}

/** In a lazy file: a chunk that main.js holds is read from main.js; the rest stays a sibling file. */
function chunksFromMain(eager) {
  return {
    name: 'chunks-from-main',
    setup(build) {
      build.onResolve({ filter: /^\.\// }, (args) =>
        eager.has(path.basename(args.path)) && args.namespace !== 'from-main' ? { path: path.basename(args.path), namespace: 'from-main' } : { path: args.path, external: true });
      build.onLoad({ filter: /.*/, namespace: 'from-main' }, (args) => ({
        contents: `module.exports = require("./${MAIN}").__chunks[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: '.',
      }));
    },
  };
}

async function toCommonJs(outputFiles) {
  const js = outputFiles.filter((f) => f.path.endsWith('.js'));
  const entry = js.find((f) => path.basename(f.path) === 'extension.js');
  if (!entry) throw new Error('the ESM build wrote no extension.js');
  const dir = path.dirname(entry.path);
  const chunks = new Map(js.map((f) => [f.path, f.text]));

  // Which chunks activation needs: those the entry imports statically, transitively.
  const eager = new Set();
  await esbuild.build({ ...cjsOptions(path.join(dir, MAIN)), stdin: { contents: entry.text, sourcefile: 'extension.js', resolveDir: dir, loader: 'js' }, plugins: [bundleChunks(chunks, eager)], minify: false, sourcemap: false });
  const names = [...eager].sort();
  const main = await esbuild.build({
    ...cjsOptions(path.join(dir, MAIN)),
    stdin: {
      contents: [
        'export * from "./extension.js";',
        ...names.map((n, i) => `import * as c${i} from "./${n}";`),
        `export const __chunks = { ${names.map((n, i) => `${JSON.stringify(n)}: c${i}`).join(', ')} };`,
      ].join('\n'),
      sourcefile: MAIN,
      resolveDir: dir,
      loader: 'js',
    },
    plugins: [bundleChunks(chunks, new Set())],
  });

  const lazy = js.filter((f) => f !== entry && !eager.has(path.basename(f.path)));
  const converted = await Promise.all(lazy.map((f) => esbuild.build({
    ...cjsOptions(f.path),
    stdin: { contents: f.text, sourcefile: path.basename(f.path), resolveDir: dir, loader: 'js' },
    plugins: [chunksFromMain(eager)],
  })));

  const mainJs = main.outputFiles.find((f) => f.path.endsWith('.js'));
  const hash = crypto.createHash('sha256').update(mainJs.contents).digest('hex').slice(0, 16);
  const boot = await esbuild.build({
    ...cjsOptions(entry.path),
    entryPoints: ['src/boot/extension.ts'],
    absWorkingDir: __dirname,
    define: { TANDEM_MAIN_HASH: JSON.stringify(hash) },
  });
  return [main, ...converted, boot].flatMap((r) => r.outputFiles);
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
