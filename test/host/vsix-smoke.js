#!/usr/bin/env node
// What users install is what we test: packages the VSIX, installs it into a fresh
// code-server extensions dir, opens a normal (non-test) workbench in headless Chromium, and
// waits for Tandem's status bar item (`$(cloud) OpenAI`). Saves a screenshot
// to test-results/vsix-statusbar.png and reads the activation time from "Show Running
// Extensions", then waits for the code cache the activation writes and reads the time again in
// a second window, which loads through it. Fails with a message naming the stage that broke.
const fs = require('fs');
const path = require('path');
const { buildVsix } = require('../../scripts/package');
const { startVsixSession, workbenchUrl } = require('./vsixSession');
const { launchChromium, waitForWorkbench } = require('./browser');
const { startCanary } = require('./canary');
const { makeRunDir, copyWorkspace, testSettings, writeSettings, hostEnv } = require('./profile');
const { HostError } = require('./errors');
const { readActivationTime, codeCacheFile } = require('./runningExtensions');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const STATUS_TIMEOUT_MS = 60000;
// The cache is written 5 s after activation (src/boot/extension.ts).
const CACHE_TIMEOUT_MS = 20000;

/** Best effort: the activation time VS Code itself measured, from its Running Extensions view. */
async function activationText(page) {
  try {
    const { row, text } = await readActivationTime(page);
    await row.screenshot({ path: path.join(RESULTS, 'vsix-running-extensions.png') });
    return text;
  } catch (e) {
    await page.screenshot({ path: path.join(RESULTS, 'vsix-running-extensions.png') }).catch(() => undefined);
    if (process.env.TANDEM_DEBUG) fs.writeFileSync(path.join(RESULTS, 'running-extensions.html'), await page.content());
    return `unavailable (${e instanceof Error ? e.message.split('\n')[0] : e})`;
  }
}

/** Waits for the code cache the first activation writes into the installed extension's dist/. */
async function waitForCodeCache(extensionsDir, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = codeCacheFile(extensionsDir);
    if (found) return found;
    if (Date.now() > deadline) throw new HostError('code cache', `no dist/main.js.<hash>.v8cache under ${extensionsDir} ${timeoutMs / 1000} s after activation`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  let vsix;
  try {
    vsix = await buildVsix({ quiet: true });
  } catch (e) {
    throw new HostError('packaging', e instanceof Error ? e.message : String(e));
  }
  process.stdout.write(`[vsix] ${path.basename(vsix.vsixPath)}: ${vsix.sizeText} (${vsix.size} bytes), ${vsix.files.length} files\n`);

  const runDir = makeRunDir('vsix');
  const canaries = { openai: await startCanary('openai'), huggingface: await startCanary('huggingface') };
  const open = copyWorkspace(ROOT, 'test/fixtures/workspace', runDir);
  writeSettings(path.join(runDir, 'user-data'), testSettings(canaries));
  const env = hostEnv(runDir, {});
  let session;
  let browser;
  let ok = false;
  try {
    session = await startVsixSession({ vsixPath: vsix.vsixPath, runDir, env });
    process.stdout.write(`[vsix] installed into code-server in ${session.installMs} ms\n`);
    browser = await launchChromium(env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(workbenchUrl(session.server, open), { waitUntil: 'domcontentloaded', timeout: 60000 });
    } catch (e) {
      throw new HostError('workbench load', e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
    await waitForWorkbench(page, 60000);

    const item = page.locator('.statusbar-item', { hasText: 'OpenAI' }).filter({ has: page.locator('.codicon-cloud') });
    const shot = path.join(RESULTS, 'vsix-statusbar.png');
    try {
      await item.first().waitFor({ state: 'visible', timeout: STATUS_TIMEOUT_MS });
    } catch {
      await page.screenshot({ path: shot });
      const texts = await page.locator('.statusbar-item').allInnerTexts().catch(() => []);
      throw new HostError('status bar', `no "$(cloud) OpenAI" item within ${STATUS_TIMEOUT_MS / 1000} s: the installed VSIX did not activate or shows something else. Status bar: ${JSON.stringify(texts.map((t) => t.trim()).filter(Boolean))}. Screenshot: ${shot}; run folder: ${runDir}`);
    }
    // Let the rest of the workbench settle so the screenshot shows a finished window.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: shot });
    process.stdout.write(`[vsix] status bar item: "${(await item.first().innerText()).trim()}" (cloud icon); screenshot ${path.relative(ROOT, shot)}\n`);
    process.stdout.write(`[vsix] activation time (Running Extensions), first start after install: ${await activationText(page)}\n`);

    // The first activation leaves a V8 code cache next to dist/main.js (src/boot/codeCache.ts);
    // the next window's extension host loads through it.
    const cache = await waitForCodeCache(path.join(runDir, 'extensions'), CACHE_TIMEOUT_MS);
    process.stdout.write(`[vsix] code cache written: ${path.basename(cache)} (${(fs.statSync(cache).size / 1024).toFixed(0)} KB)\n`);
    await page.close();
    const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await again.goto(workbenchUrl(session.server, open), { waitUntil: 'domcontentloaded', timeout: 60000 });
    await waitForWorkbench(again, 60000);
    try {
      await again.locator('.statusbar-item', { hasText: 'OpenAI' }).first().waitFor({ state: 'visible', timeout: STATUS_TIMEOUT_MS });
    } catch {
      throw new HostError('second window', `no "$(cloud) OpenAI" item within ${STATUS_TIMEOUT_MS / 1000} s in a second window, which loads through the code cache`);
    }
    await again.waitForTimeout(1500);
    process.stdout.write(`[vsix] activation time (Running Extensions), next start (code cache): ${await activationText(again)}\n`);

    const strays = [...canaries.openai.requests, ...canaries.huggingface.requests];
    if (strays.length) {
      throw new HostError('network', `the installed extension sent ${strays.length} request(s) without being asked: ${strays.map((s) => `${s.method} ${s.path}`).join(', ')}`);
    }
    ok = true;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    if (session) session.server.stop();
    await canaries.openai.close();
    await canaries.huggingface.close();
    if (ok) fs.rmSync(runDir, { recursive: true, force: true });
    else process.stdout.write(`[vsix] run folder kept: ${runDir}\n`);
  }
  process.stdout.write(`[vsix] smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().then(
  () => {
    process.stdout.write('vsix-smoke: 1 passed, 0 failed\n');
    process.exit(0);
  },
  (e) => {
    process.stdout.write(`[vsix] ${e instanceof HostError ? e.message : e && e.stack ? e.stack : e}\n`);
    process.stdout.write('vsix-smoke: 0 passed, 1 failed\n');
    process.exit(1);
  },
);
