// Runs one suite in the Node extension host of code-server's VS Code, with Chromium as the
// workbench. See docs/ARCHITECTURE.md, "Test hosts", for why each flag is there.
const fs = require('fs');
const path = require('path');
const { format } = require('util');
const { ensureCodeServer, startCodeServer } = require('./codeServer');
const { launchChromium, waitForWorkbench } = require('./browser');
const { HostError } = require('./errors');

function remoteUri(origin, absPath) {
  return `vscode-remote://${origin.replace(/^https?:\/\//, '')}${absPath}`;
}

/**
 * Resolves with { exitCode } when the suite's run() settles, or rejects with a HostError.
 * `deadline` is an absolute time (ms): past it the run counts as hung.
 */
async function runSuiteInCodeServer({ runDir, extensionPath, testsModule, open, env, deadline, hungMessage, workspaceTrust = false }) {
  const install = ensureCodeServer();
  const server = await startCodeServer({
    install,
    runDir,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    env,
    workspaceTrust,
    // Without it the workbench silently ignores the test payload and the run hangs.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  let browser;
  const automationLog = fs.openSync(path.join(runDir, 'automation.log'), 'a');
  try {
    browser = await launchChromium(env);
    const page = await browser.newPage();
    let settle;
    const exited = new Promise((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      fs.writeSync(automationLog, `[${type}] ${Array.isArray(args) ? format(...args) : String(args)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      settle({ exitCode: typeof code === 'number' ? code : 1 });
    });
    page.on('pageerror', (e) => fs.writeSync(automationLog, `[pageerror] ${e.message}\n`));
    page.on('crash', () => settle({ crashed: true }));

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.url, extensionPath)],
      ['extensionTestsPath', remoteUri(server.url, testsModule)],
      ['skipWelcome', 'true'],
    ];
    const query = `${open.kind === 'workspace' ? 'workspace' : 'folder'}=${encodeURIComponent(open.path)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const url = `${server.url}/?${query}`;
    fs.writeFileSync(path.join(runDir, 'url.txt'), `${url}\n`);
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    } catch (e) {
      throw new HostError('workbench load', `could not open ${server.url}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }
    await waitForWorkbench(page, 60000);

    const remaining = Math.max(0, deadline - Date.now());
    const outcome = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve({ hung: true }), remaining).unref()),
    ]);
    if (outcome.crashed) throw new HostError('workbench', 'the browser page crashed during the tests');
    if (outcome.hung) {
      await page.screenshot({ path: path.join(runDir, 'hung.png') }).catch(() => undefined);
      throw new HostError('test run', hungMessage());
    }
    return { exitCode: outcome.exitCode };
  } finally {
    fs.closeSync(automationLog);
    if (browser) await browser.close().catch(() => undefined);
    server.stop();
  }
}

module.exports = { runSuiteInCodeServer };
