// A normal (non-test) code-server session with the packaged VSIX installed, shared by
// vsix-smoke.js (which checks it) and scripts/launch.js (which hands it to a person).
const fs = require('fs');
const path = require('path');
const { ensureCodeServer, startCodeServer, codeServerCli } = require('./codeServer');
const { HostError } = require('./errors');

function installVsix(install, vsixPath, extensionsDir, env) {
  const started = Date.now();
  const r = codeServerCli(install, ['--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--force'], env);
  if (r.status !== 0 || !/successfully installed/i.test(r.output)) {
    throw new HostError('VSIX install', `code-server --install-extension exited with ${r.status}:\n${r.output}`);
  }
  return Date.now() - started;
}

/** Installs the VSIX into a fresh extensions dir and starts code-server on it; `open` as in profile.copyWorkspace. */
async function startVsixSession({ vsixPath, runDir, env, port }) {
  const install = ensureCodeServer();
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const installMs = installVsix(install, vsixPath, extensionsDir, env);
  const server = await startCodeServer({
    install,
    runDir,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir,
    env,
    port,
  });
  return { server, installMs };
}

function workbenchUrl(server, open) {
  return `${server.url}/?${open.kind === 'workspace' ? 'workspace' : 'folder'}=${encodeURIComponent(open.path)}`;
}

module.exports = { startVsixSession, workbenchUrl };
