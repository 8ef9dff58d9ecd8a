// Debian's Chromium driven by playwright-core (never `npx playwright install`: it downloads).
const fs = require('fs');
const { HostError } = require('./errors');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function chromiumPath() {
  const p = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new HostError('browser launch', `${p} not found (apt-get install chromium, or set TANDEM_CHROMIUM)`);
  }
  return p;
}

async function launchChromium(env) {
  const { chromium } = require('playwright-core');
  // Playwright puts Chromium's profile under os.tmpdir() of this process: the run folder's.
  const savedTmp = process.env.TMPDIR;
  if (env && env.TMPDIR) process.env.TMPDIR = env.TMPDIR;
  try {
    return await chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: true,
      env,
      timeout: 60000,
    });
  } catch (e) {
    if (e instanceof HostError) throw e;
    throw new HostError('browser launch', e instanceof Error ? e.message : String(e));
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

/** Waits until the workbench shell is on the page (a dead server or broken bundle never gets there). */
async function waitForWorkbench(page, timeoutMs) {
  try {
    await page.waitForSelector('.monaco-workbench', { state: 'attached', timeout: timeoutMs });
  } catch (e) {
    throw new HostError('workbench load', `no .monaco-workbench on ${page.url()} within ${timeoutMs / 1000} s (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
}

module.exports = { launchChromium, waitForWorkbench, CHROMIUM_ARGS };
