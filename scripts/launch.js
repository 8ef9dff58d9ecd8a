#!/usr/bin/env node
// `npm run launch`: builds the VSIX, installs it into the cached code-server with a fresh
// user-data dir, opens a workspace and prints the URL to open in a browser. Ctrl-C stops it.
//   node scripts/launch.js [workspace folder or .code-workspace] [--port N]
// Default workspace: a copy of test/fixtures/workspace. State lives in the printed folder.
const fs = require('fs');
const path = require('path');
const { buildVsix } = require('./package');
const { startVsixSession, workbenchUrl } = require('../test/host/vsixSession');
const { makeRunDir, copyWorkspace, hostEnv } = require('../test/host/profile');

const ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
  const opts = { workspace: undefined, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else opts.workspace = path.resolve(argv[i]);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const vsix = await buildVsix({ quiet: true });
  process.stdout.write(`VSIX ${path.basename(vsix.vsixPath)} (${vsix.sizeText})\n`);
  const runDir = makeRunDir('launch');
  let open;
  if (!opts.workspace) open = copyWorkspace(ROOT, 'test/fixtures/workspace', runDir);
  else if (opts.workspace.endsWith('.code-workspace')) open = { kind: 'workspace', path: opts.workspace };
  else open = { kind: 'folder', path: opts.workspace };
  // A person's session: real defaults (no canary endpoints), telemetry off, no keys from our env.
  fs.mkdirSync(path.join(runDir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'user-data', 'User', 'settings.json'), `${JSON.stringify({ 'telemetry.telemetryLevel': 'off' }, null, 2)}\n`);
  const env = hostEnv(runDir, {});
  delete env.TANDEM_TEST;
  delete env.EXTENSIONS_GALLERY;
  const { server } = await startVsixSession({ vsixPath: vsix.vsixPath, runDir, env, port: opts.port });
  process.stdout.write(`\nTandem is running in code-server. Open in a browser:\n\n  ${workbenchUrl(server, open)}\n\nState: ${runDir}\nCtrl-C stops the server.\n`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    process.stdout.write(`code-server exited (${code}); log: ${server.logFile}\n`);
    process.exit(code ?? 1);
  });
}

main().catch((e) => {
  process.stderr.write(`launch: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
