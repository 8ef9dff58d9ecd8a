#!/usr/bin/env node
// `npm run package`: a production build (bundled, minified, no source maps), then one
// universal VSIX with @vscode/vsce, offline and without node_modules. The file list is
// checked before packing so a stray source map, test or dependency fails the build.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

// What may ship: the bundle, media, the manifest and the three documents. No `.map`.
const ALLOWED = [/^dist\/.+\.(js|css|json|wasm|svg|png)$/, /^media\//, /^(README\.md|LICENSE|CHANGELOG\.md|package\.json)$/];
const FORBIDDEN = [/^node_modules\//, /\.map$/, /^src\//, /^test\//, /^out\//, /\.ts$/];

function fail(message) {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function buildVsix({ quiet = false } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const f of ['README.md', 'LICENSE', 'package.json']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing (vsce needs it)`);
  }
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`node esbuild.js --production exited with ${build.status}`);

  const vsce = require('@vscode/vsce');
  const files = await vsce.listFiles({ cwd: ROOT, packageManager: vsce.PackageManager.None });
  const bad = files.filter((f) => FORBIDDEN.some((r) => r.test(f)) || !ALLOWED.some((r) => r.test(f)));
  if (bad.length) throw new Error(`files that must not ship would be packed (fix .vscodeignore):\n  ${bad.join('\n  ')}`);
  // The loader VS Code requires and the bundle it loads.
  for (const f of ['dist/extension.js', 'dist/main.js']) if (!files.includes(f)) throw new Error(`${f} is not in the package`);

  const vsixPath = path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
  // vsce logs through console.log/console.info; keep stdout quiet when a caller asks.
  const saved = [console.log, console.info, console.warn];
  if (quiet) console.log = console.info = () => undefined;
  try {
    // The README's images are relative and ship in media/: VS Code shows them from the installed extension.
    await vsce.createVSIX({ cwd: ROOT, packagePath: vsixPath, dependencies: false, rewriteRelativeLinks: false });
  } finally {
    [console.log, console.info, console.warn] = saved;
  }
  const size = fs.statSync(vsixPath).size;
  return { vsixPath, size, sizeText: formatSize(size), files };
}

module.exports = { buildVsix, formatSize };

if (require.main === module) {
  buildVsix().then(
    ({ vsixPath, size, sizeText, files }) => {
      process.stdout.write(`VSIX: ${path.relative(ROOT, vsixPath)}, ${sizeText} (${size} bytes), ${files.length} files:\n  ${files.join('\n  ')}\n`);
    },
    (e) => fail(e instanceof Error ? e.message : String(e)),
  );
}
