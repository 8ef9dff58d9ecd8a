// The per-run folder of one suite: a copy of its workspace, the user-data-dir with the test
// profile's settings, and the environment the extension host inherits.
const fs = require('fs');
const os = require('os');
const path = require('path');

// Variables that would hand real credentials or real endpoints to the extension under test.
const SCRUBBED_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_ENDPOINT'];

function runsRoot() {
  return path.resolve(process.env.TANDEM_RUNS_DIR || path.join(os.tmpdir(), 'tandem-test-runs'));
}

function makeRunDir(label) {
  fs.mkdirSync(runsRoot(), { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const dir = fs.mkdtempSync(path.join(runsRoot(), `${label}-${stamp}-`));
  for (const d of ['tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state', 'user-data', 'extensions']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true });
  }
  return dir;
}

/**
 * Copies the suite's workspace into the run folder. Returns what to open: a folder, or
 * (for a multi-root `.code-workspace` fixture) the copied workspace file.
 */
function copyWorkspace(repoRoot, workspace, runDir) {
  const src = path.resolve(repoRoot, workspace);
  if (!fs.existsSync(src)) throw new Error(`suite workspace ${workspace} does not exist`);
  const isFile = fs.statSync(src).isFile();
  const srcDir = isFile ? path.dirname(src) : src;
  const dest = path.join(runDir, 'workspace', path.basename(srcDir));
  fs.cpSync(srcDir, dest, { recursive: true });
  return isFile
    ? { kind: 'workspace', path: path.join(dest, path.basename(src)), root: dest }
    : { kind: 'folder', path: dest, root: dest };
}

function testSettings(canaries, extra = {}) {
  return {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'git.autoRepositoryDetection': false,
    'git.openRepositoryInParentFolders': 'never',
    // Stray requests go to the local canaries, never to a real service.
    'tandem.openai.baseUrl': `${canaries.openai.origin}/v1`,
    'tandem.huggingface.endpointUrl': canaries.huggingface.origin,
    ...extra,
  };
}

/** Writes User and Machine settings.json: machine-scoped keys are read only from the latter in a remote window. */
function writeSettings(userDataDir, settings) {
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, scope), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, scope, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  }
}

function hostEnv(runDir, extra) {
  const env = { ...process.env };
  for (const k of SCRUBBED_ENV) delete env[k];
  return {
    ...env,
    TMPDIR: path.join(runDir, 'tmp'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    XDG_STATE_HOME: path.join(runDir, 'xdg/state'),
    TANDEM_TEST: '1',
    // code-server's extension gallery (open-vsx) would be queried from the workbench: send
    // those queries to a loopback port where nothing listens instead.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/item',
      resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
    }),
    ...extra,
  };
}

module.exports = { runsRoot, makeRunDir, copyWorkspace, testSettings, writeSettings, hostEnv, SCRUBBED_ENV };
