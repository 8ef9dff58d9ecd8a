#!/usr/bin/env node
// `npm run screenshots`: the packaged VSIX in code-server against the loopback emulators, with a
// month of realistic usage seeded into the ledger, photographed by headless Chromium:
//   test-results/shot-status-split.png   the split status bar and its tooltip, after the recommendation's button
//   test-results/shot-explain.png        an explanation streamed into the panel (README picture)
//   test-results/shot-usage.png          the usage dashboard with the recommendation
//   test-results/shot-ghost-text.png     a completion from the private endpoint as ghost text
//   test-results/shot-walkthrough.png    the set-up walkthrough
//   test-results/shot-explain-error.png  a failed explanation: the error and its fixes in the panel
//   test-results/shot-refactor-review.png / shot-refactor-codelens.png  a refactor proposal under review
//   test-results/shot-egress.png         the egress log as a live table
//   test-results/shot-menu.png           the Tandem menu a click on the status bar opens
//   test-results/shot-test-connection.png Test Connection's rows: a failing endpoint first, with its fixes
//   test-results/shot-status-server.png  `$(server) Private` (chosen, not enforced) and its tooltip
//   test-results/shot-status-fallback.png OpenAI rate-limited, the private endpoint answering: its own warning state
//   test-results/shot-status-lock.png    `$(lock) Private`: the (copied) workspace marked private, enforced
// Only loopback addresses are contacted; the key is a fake one.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { buildVsix } = require('./package');
const { startVsixSession, workbenchUrl } = require('../test/host/vsixSession');
const { launchChromium, waitForWorkbench } = require('../test/host/browser');
const { makeRunDir, copyWorkspace, testSettings, writeSettings, hostEnv } = require('../test/host/profile');
const { seedRecords, writeLedger } = require('./shots/ledger');
const { runCommand, findFrame } = require('./shots/workbench');
const { RESULTS, shotExplainError, shotRefactorReview, shotEgress, shootStatusAndMenu } = require('./shots/shots');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  // The emulators are TypeScript: transpile them (the same step the integration host uses).
  const built = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('esbuild --tests failed');
  const { startOpenAIEmulator } = require('../out/test/servers/openai');
  const { startTgiEmulator } = require('../out/test/servers/tgi');
  const openai = await startOpenAIEmulator();
  const tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
  openai.setReply({
    firstTokenMs: 300,
    // Markdown as models write it: a heading, numbered steps with a nested list, a highlighted block, a table, a quote.
    text: '### What it does\n\n`fibonacci(n)` returns the **n-th Fibonacci number** iteratively, in *O(n)* time and *O(1)* space.\n\n'
      + '1. For `n < 2` it returns `n` itself.\n2. Otherwise it walks up from 2, keeping only:\n   - `previous`, the value before;\n   - `current`, the latest one.\n\n'
      + '```ts\nfor (let i = 2; i <= n; i++) {\n  const next = previous + current; // the new latest value\n  previous = current;\n  current = next;\n}\n```\n\n'
      + '| approach | time | space |\n|:--|:-:|:-:|\n| this loop | O(n) | O(1) |\n| naive recursion | O(2^n) | O(n) |\n\n'
      + '> Beyond `n = 78` the result exceeds `Number.MAX_SAFE_INTEGER`; use `bigint` there.\n',
  });

  fs.mkdirSync(RESULTS, { recursive: true });
  const vsix = await buildVsix({ quiet: true });
  const runDir = makeRunDir('shots');
  const open = copyWorkspace(ROOT, 'test/fixtures/workspace', runDir);
  const userData = path.join(runDir, 'user-data');
  const canaries = { openai: { url: openai.url }, huggingface: { url: tgi.url } };
  writeSettings(userData, {
    ...testSettings(canaries),
    'workbench.colorTheme': 'Default Dark Modern',
    'tandem.openai.baseUrl': `${openai.url}/v1`,
    'tandem.huggingface.endpointUrl': tgi.url,
    'tandem.huggingface.model': 'bigcode/starcoder2-15b',
    'tandem.huggingface.hourlyCostUsd': 0.8,
    'tandem.budget.dailyUsd': 2,
  });
  writeLedger(userData, seedRecords(new Date()));
  const env = hostEnv(runDir, { OPENAI_API_KEY: 'sk-screenshot-fake-0000' });
  const session = await startVsixSession({ vsixPath: vsix.vsixPath, runDir, env });
  const browser = await launchChromium(env);
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(workbenchUrl(session.server, open), { waitUntil: 'domcontentloaded', timeout: 60000 });
    await waitForWorkbench(page, 60000);
    await page.locator('.statusbar-item', { hasText: 'OpenAI' }).first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(1500);

    // Explain: cursor inside fibonacci in src/math.ts, no selection.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('math.ts');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    // Put the cursor inside fibonacci (no selection: Tandem explains the enclosing function).
    await page.locator('.view-line', { hasText: 'let current = 1;' }).first().click();
    await page.waitForTimeout(500);
    await runCommand(page, 'Tandem: Explain Selection');
    // Wait for the rendered answer (its table comes last), not a fixed time: a busy machine is slower.
    const explainFrame = await findFrame(page, '#body table');
    await explainFrame.locator('#footer', { hasText: 'tokens' }).waitFor({ timeout: 20000 }).catch(() => undefined);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(RESULTS, 'shot-explain.png') });

    await runCommand(page, 'View: Close All Editors');
    await page.waitForTimeout(800);
    await page.setViewportSize({ width: 1500, height: 1300 });
    await runCommand(page, 'Tandem: Show Usage and Cost');
    await page.waitForTimeout(4000);
    const usage = await findFrame(page, '.usage');
    await usage.locator('button', { hasText: '30 days' }).first().click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(RESULTS, 'shot-usage.png') });
    await usage.locator('.recommendation').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(RESULTS, 'shot-usage-recommendation.png') });
    await page.setViewportSize({ width: 1500, height: 900 });

    // The recommendation's button writes the split; the status bar then names both providers.
    await usage.locator('.recommendation button').first().click();
    const item = page.locator('.statusbar-item', { hasText: 'inline' }).first();
    await item.waitFor({ timeout: 15000 });
    await page.waitForTimeout(1000);
    await item.hover();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(RESULTS, 'shot-status-split.png') });
    await page.mouse.move(700, 400);

    // Ghost text from the private endpoint (inline now goes there): a new function in math.ts.
    tgi.setReply({ text: 'n * n;', firstTokenMs: 120 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('math.ts');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1200);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nexport function square(n: number): number {\n', { delay: 40 });
    await page.keyboard.type('return ', { delay: 60 });
    await page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ timeout: 15000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(RESULTS, 'shot-ghost-text.png') });

    await runCommand(page, 'View: Close All Editors');
    await page.waitForTimeout(800);
    await shotExplainError(page, openai);
    await shotRefactorReview(page, openai);
    await shotEgress(page);

    await runCommand(page, 'Welcome: Open Walkthrough');
    await page.waitForTimeout(1000);
    await page.keyboard.type('Tandem');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(3000);
    await page.screenshot({ path: path.join(RESULTS, 'shot-walkthrough.png') });
    await shootStatusAndMenu(page, { openai, tgi });
    process.stdout.write(`screenshots in ${path.relative(ROOT, RESULTS)}/ (run folder ${runDir})\n`);
  } finally {
    await browser.close().catch(() => undefined);
    session.server.stop();
    await openai.close();
    await tgi.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
