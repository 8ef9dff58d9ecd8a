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

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // openai and @huggingface/inference have ESM and CJS builds; prefer CJS in a CJS bundle.
    mainFields: ['module', 'main'],
    plugins: [lazySdk, vscodeOnce],
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

module.exports = { builds };
