// The same suite through @vscode/test-electron (a desktop VS Code it downloads into
// .vscode-test/, or the one named by TANDEM_VSCODE_PATH), for machines that can get one.
const path = require('path');
const { HostError } = require('./errors');

async function runSuiteInElectron({ runDir, extensionPath, testsModule, open, env, deadline, hungMessage, workspaceTrust = false }) {
  const { runTests } = require('@vscode/test-electron');
  const options = {
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsModule,
    extensionTestsEnv: env,
    launchArgs: [
      open.path,
      '--user-data-dir', path.join(runDir, 'user-data'),
      '--extensions-dir', path.join(runDir, 'extensions'),
      '--disable-extensions',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-telemetry',
      '--disable-updates',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  };
  if (process.env.TANDEM_VSCODE_PATH) options.vscodeExecutablePath = process.env.TANDEM_VSCODE_PATH;
  else options.version = process.env.TANDEM_VSCODE_VERSION || 'stable';

  let timer;
  const hung = new Promise((resolve) => { timer = setTimeout(() => resolve({ hung: true }), Math.max(0, deadline - Date.now())); });
  try {
    const outcome = await Promise.race([
      runTests(options).then(() => ({ exitCode: 0 }), (e) => {
        // TestRunFailedError carries the exit code; anything else means VS Code never ran.
        if (e && typeof e.code === 'number') return { exitCode: e.code };
        throw new HostError('electron host start', e instanceof Error ? e.message : String(e));
      }),
      hung,
    ]);
    if (outcome.hung) throw new HostError('test run', hungMessage());
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

module.exports = { runSuiteInElectron };
