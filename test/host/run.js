#!/usr/bin/env node
// `npm run test:integration`: builds the extension and the tests, then runs every suite of
// suites.js with mocha inside a real VS Code extension host, and ends with the plain line
// `N passed, N failed`. Exits non-zero on a failed test, a hang, or a host that cannot start.
//
//   TANDEM_TEST_HOST=code-server (default) | electron
//   TANDEM_CACHE_DIR      where code-server + Node 24 are installed (default <repo>/.cache)
//   TANDEM_TEST_DEADLINE_S overall deadline in seconds (default 1200: a hang is caught well before CI's 90 minutes, a loaded machine is not mistaken for one)
//   TANDEM_RUNS_DIR       where per-run folders go (default $TMPDIR/tandem-test-runs)
//   args: [--suite <name>]... [--grep <pattern>] [--no-build] [--keep]
const fs = require('fs');
const path = require('path');
const { spawnSync, execFileSync } = require('child_process');
const { SUITES } = require('./suites');
const { matchFiles } = require('./glob');
const { startCanary, CANARY_CONTROL_PATH } = require('./canary');
const { makeRunDir, copyWorkspace, testSettings, writeSettings, hostEnv } = require('./profile');
const { tailFile } = require('./tail');
const { HostError } = require('./errors');

const ROOT = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const opts = { suites: [], grep: process.env.TANDEM_TEST_GREP || '', build: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--suite') opts.suites.push(argv[++i]);
    else if (a === '--grep') opts.grep = argv[++i];
    else if (a === '--no-build') opts.build = false;
    else if (a === '--keep') opts.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

function build() {
  // out/ holds only the transpiled tests: clear it so a deleted test cannot linger.
  fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new HostError('build', `node esbuild.js --tests exited with ${r.status}`);
}

function compiled(tsFile) {
  return path.join(ROOT, 'out', tsFile.replace(/\.ts$/, '.js'));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function killStrayChildren() {
  // The electron host gives us no handle on VS Code: end what we started, by pid.
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    for (const pid of out.split(/\s+/).filter(Boolean).map(Number)) {
      if (pid !== process.pid) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  } catch { /* no children */ }
}

async function runSuite(suite, opts, deadline, hostName) {
  const files = matchFiles(ROOT, suite.files, suite.exclude || []);
  if (files.length === 0) throw new HostError('suite', `suite "${suite.name}" matches no test file (${suite.files.join(', ')})`);
  const jsFiles = files.map(compiled);
  const missing = jsFiles.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new HostError('build', `compiled test files missing: ${missing.join(', ')}`);

  const runDir = makeRunDir(suite.name);
  const canaries = { openai: await startCanary('openai'), huggingface: await startCanary('huggingface') };
  const open = copyWorkspace(ROOT, suite.workspace, runDir);
  writeSettings(path.join(runDir, 'user-data'), testSettings(canaries, suite.settings));
  const logFile = path.join(runDir, 'mocha.log');
  const progressFile = path.join(runDir, 'progress.json');
  const resultsFile = path.join(runDir, 'results.json');
  const env = hostEnv(runDir, {
    TANDEM_TEST_SUITE: suite.name,
    TANDEM_TEST_FILES: JSON.stringify(jsFiles),
    TANDEM_TEST_LOG: logFile,
    TANDEM_TEST_PROGRESS: progressFile,
    TANDEM_TEST_RESULTS: resultsFile,
    TANDEM_TEST_GREP: opts.grep,
    TANDEM_TEST_WORKSPACE: open.path,
    TANDEM_CANARY_OPENAI_URL: `${canaries.openai.origin}/v1`,
    TANDEM_CANARY_HF_URL: canaries.huggingface.origin,
    TANDEM_CANARY_CONTROL_PATH: CANARY_CONTROL_PATH,
    ...(suite.env || {}),
  });

  const hungMessage = () => {
    const p = readJson(progressFile);
    const where = !p
      ? 'the run() module never started (extension host did not load the tests)'
      : p.phase === 'running'
        ? `still inside test "${p.test}" (${p.file})`
        : `mocha phase "${p.phase}"${p.test ? ` after "${p.test}"` : ''}`;
    return `suite "${suite.name}" hung: no exit before the ${Math.round((deadline - START) / 1000)} s deadline; ${where}. Run folder: ${runDir}`;
  };

  process.stdout.write(`\n[host] suite "${suite.name}": ${files.length} file(s), ${hostName} host, workspace ${open.path}\n`);
  const stopTail = tailFile(logFile, (s) => process.stdout.write(s));
  const args = { runDir, extensionPath: ROOT, testsModule: path.join(ROOT, 'out', 'test', 'integration', 'index.js'), open, env, deadline, hungMessage, workspaceTrust: suite.workspaceTrust === true };
  let outcome;
  let hostError;
  try {
    const host = hostName === 'electron' ? require('./electronHost').runSuiteInElectron : require('./codeServerHost').runSuiteInCodeServer;
    outcome = await host(args);
  } catch (e) {
    hostError = e;
  } finally {
    stopTail();
    await canaries.openai.close();
    await canaries.huggingface.close();
  }

  // A hung run wrote no results: fall back to the counts of its last progress note.
  const results = readJson(resultsFile) || (hostError && readJson(progressFile)?.passes !== undefined
    ? { passes: readJson(progressFile).passes, failures: readJson(progressFile).failures, pending: 0 }
    : undefined);
  const strays = [...canaries.openai.requests.map((r) => ({ ...r, to: 'openai' })), ...canaries.huggingface.requests.map((r) => ({ ...r, to: 'huggingface' }))];
  for (const s of strays) process.stdout.write(`[host] warning: stray request to the ${s.to} canary: ${s.method} ${s.path}\n`);

  let passed = results ? results.passes : 0;
  let failed = results ? results.failures : 0;
  if (hostError) {
    failed += 1; // the hang or host failure itself
  } else if (!results) {
    process.stdout.write(`[host] suite "${suite.name}" exited with ${outcome.exitCode} but wrote no results\n`);
    failed = Math.max(failed, 1);
  } else if (outcome.exitCode !== 0 && failed === 0) {
    process.stdout.write(`[host] suite "${suite.name}": extension host exited with ${outcome.exitCode}\n`);
    failed = 1;
  }
  const ok = !hostError && failed === 0;
  if (ok && !opts.keep) fs.rmSync(runDir, { recursive: true, force: true });
  else process.stdout.write(`[host] run folder kept: ${runDir}\n`);
  return { passed, failed, pending: results ? results.pending : 0, hostError };
}

const START = Date.now();

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const hostName = (process.env.TANDEM_TEST_HOST || 'code-server').toLowerCase();
  if (!['code-server', 'electron'].includes(hostName)) throw new HostError('setup', `TANDEM_TEST_HOST must be code-server or electron, not ${hostName}`);
  const deadline = START + Number(process.env.TANDEM_TEST_DEADLINE_S || 1200) * 1000;
  const suites = opts.suites.length ? SUITES.filter((s) => opts.suites.includes(s.name)) : SUITES;
  if (suites.length === 0) throw new HostError('setup', `no suite named ${opts.suites.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);

  if (opts.build) build();
  if (hostName === 'code-server') require('./codeServer').ensureCodeServer();

  let passed = 0;
  let failed = 0;
  let pending = 0;
  const errors = [];
  for (const suite of suites) {
    const r = await runSuite(suite, opts, deadline, hostName);
    passed += r.passed;
    failed += r.failed;
    pending += r.pending;
    if (r.hostError) {
      errors.push(r.hostError);
      process.stdout.write(`[host] ${r.hostError.message}\n`);
      if (r.hostError.stage === 'test run') break; // hung: the deadline is spent
    }
  }
  process.stdout.write(`\n[host] integration tests finished in ${((Date.now() - START) / 1000).toFixed(1)} s\n`);
  if (pending) process.stdout.write(`[host] ${pending} pending\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    killStrayChildren();
    process.exit(code);
  },
  (e) => {
    process.stdout.write(`[host] ${e instanceof HostError ? e.message : e && e.stack ? e.stack : e}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    killStrayChildren();
    process.exit(1);
  },
);
