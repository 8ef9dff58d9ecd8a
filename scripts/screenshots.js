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

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');

/** A month of plausible work: completions on OpenAI for two weeks, then on the private endpoint; explanations on OpenAI. */
function seedRecords(now) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const records = [];
  for (let d = 29; d >= 0; d--) {
    const day = new Date(now);
    day.setDate(day.getDate() - d);
    if (day.getDay() === 0 || day.getDay() === 6) continue;
    const privateInline = d < 15;
    for (let i = 0; i < 120 + Math.floor(rand() * 80); i++) {
      const t = new Date(day);
      t.setHours(9 + Math.floor(rand() * 8), Math.floor(rand() * 60), Math.floor(rand() * 60));
      if (t > now) continue;
      const input = 900 + Math.floor(rand() * 600);
      const output = 8 + Math.floor(rand() * 40);
      const error = rand() < (privateInline ? 0.01 : 0.02);
      const latency = privateInline ? 140 + rand() * 160 : 300 + rand() * 350;
      const computeMs = privateInline ? latency * 0.7 : undefined;
      const cost = privateInline ? (0.8 * (computeMs ?? 0)) / 3_600_000 : (input * 0.1 + output * 0.4) / 1e6;
      records.push({
        time: t.toISOString(), provider: privateInline ? 'huggingface' : 'openai', model: privateInline ? 'bigcode/starcoder2-15b' : 'gpt-4.1-nano',
        feature: 'inline', inputTokens: input, cachedInputTokens: 0, outputTokens: output, estimated: false, costUsd: cost,
        latencyMs: Math.round(latency), firstTokenMs: Math.round(latency * 0.8), outcome: error ? 'error' : rand() < 0.05 ? 'cancelled' : 'ok',
        ...(error ? {} : { accepted: rand() < (privateInline ? 0.31 : 0.27) }), ...(computeMs ? { computeMs: Math.round(computeMs) } : {}),
        id: `seed-${records.length}`,
      });
    }
    for (let i = 0; i < 8 + Math.floor(rand() * 10); i++) {
      const t = new Date(day);
      t.setHours(9 + Math.floor(rand() * 8), Math.floor(rand() * 60));
      if (t > now) continue;
      const input = 1500 + Math.floor(rand() * 4000);
      const cached = rand() < 0.3 ? 1024 : 0;
      const output = 200 + Math.floor(rand() * 700);
      const latency = 2500 + rand() * 6000;
      records.push({
        time: t.toISOString(), provider: 'openai', model: 'gpt-4.1-mini', feature: rand() < 0.7 ? 'explain' : 'refactor',
        inputTokens: input, cachedInputTokens: cached, outputTokens: output, estimated: false,
        costUsd: ((input - cached) * 0.4 + cached * 0.1 + output * 1.6) / 1e6, latencyMs: Math.round(latency), firstTokenMs: Math.round(400 + rand() * 500),
        outcome: rand() < 0.03 ? 'error' : 'ok', id: `seed-${records.length}`,
      });
    }
  }
  return records.sort((a, b) => a.time.localeCompare(b.time));
}

function writeLedger(userDataDir, records) {
  const dir = path.join(userDataDir, 'User', 'globalStorage', 'tandem-dev.tandem', 'usage');
  fs.mkdirSync(dir, { recursive: true });
  const byMonth = new Map();
  for (const r of records) {
    const name = `usage-${r.time.slice(0, 7)}.jsonl`;
    byMonth.set(name, (byMonth.get(name) ?? '') + `${JSON.stringify(r)}\n`);
  }
  for (const [name, text] of byMonth) fs.writeFileSync(path.join(dir, name), text);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The webview's content frame (nested iframes) that holds `selector`. */
async function findFrame(page, selector) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame shows ${selector}`);
}

/** A failed Explain (the key is rejected): the error and its buttons replace the panel's placeholder. */
async function shotExplainError(page, openai) {
  openai.setFault({ kind: 'status', status: 401, message: 'Incorrect API key provided.' });
  await openMathAt(page, 'let current = 1;');
  await runCommand(page, 'Tandem: Explain Selection');
  await page.waitForTimeout(4000);
  await page.screenshot({ path: path.join(RESULTS, 'shot-explain-error.png') });
  openai.setFault(undefined);
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(800);
}

/** A refactor proposal: the diff with its status item, then the file with Accept / Discard / Refine on the changed lines. */
async function shotRefactorReview(page, openai) {
  openai.setReply({ firstTokenMs: 200, text: '```ts\nexport function fibonacci(n: number): number {\n  let [previous, current] = [0, 1];\n  for (let i = 0; i < n; i++) [previous, current] = [current, previous + current];\n  return previous;\n}\n```' });
  await openMathAt(page, 'let current = 1;');
  await runCommand(page, 'Tandem: Refactor Selection…');
  await page.waitForTimeout(500);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill('use destructuring');
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: 'Review refactor' }).first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(1500);
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(RESULTS, 'shot-refactor-review.png') });
  // The changed lines in the file itself carry the same choices as CodeLens.
  await page.locator('.tab', { hasText: 'math.ts' }).first().click().catch(() => undefined);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(RESULTS, 'shot-refactor-codelens.png') });
  await runCommand(page, 'Tandem: Discard Refactor');
  await page.waitForTimeout(800);
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(800);
}

/** The egress log after the requests above: a table with filters, probes labelled. */
async function shotEgress(page) {
  await runCommand(page, 'Tandem: Test Connection');
  await page.waitForTimeout(2500);
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(300);
  await runCommand(page, 'Tandem: Show What Left This Machine');
  await findFrame(page, '.egress');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(RESULTS, 'shot-egress.png') });
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(800);
}

async function openMathAt(page, lineText) {
  // Earlier shots' toasts would cover this one.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('math.ts');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await page.locator('.view-line', { hasText: lineText }).first().click();
  await page.waitForTimeout(500);
}

/** Hovers the Tandem status bar item (found by its text) and photographs the item with its tooltip. */
async function shootStatus(page, hasText, file) {
  const item = page.locator('.statusbar-item', { hasText }).first();
  await item.waitFor({ timeout: 20000 });
  await page.mouse.move(700, 400);
  await page.waitForTimeout(600);
  await item.hover();
  await page.waitForTimeout(1800);
  await page.screenshot({ path: path.join(RESULTS, file) });
  await page.mouse.move(700, 400);
  await page.waitForTimeout(400);
}

/** The status bar's states, the menu behind a click, and Test Connection's result rows (issue 17). */
async function shootStatusAndMenu(page, { openai, tgi }) {
  await runCommand(page, 'View: Close All Editors');
  await page.waitForTimeout(800);
  // The menu, opened the way a person does: a click on the item.
  await page.locator('.statusbar-item', { hasText: 'OpenAI' }).first().click();
  await page.locator('.quick-input-widget', { hasText: 'Mark This Repository Private' }).waitFor({ timeout: 10000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(RESULTS, 'shot-menu.png') });
  // "Private endpoint" is the second entry.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await shootStatus(page, 'Private', 'shot-status-server.png');

  // A failing endpoint: its row comes first, with its fixes under it.
  tgi.setFault({ kind: 'status', status: 503 });
  await runCommand(page, 'Tandem: Test Connection');
  await page.locator('.quick-input-widget', { hasText: 'Test again' }).waitFor({ timeout: 15000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(RESULTS, 'shot-test-connection.png') });
  await page.keyboard.press('Escape');
  tgi.setFault(undefined);

  // Back to OpenAI, which then rate-limits: the private endpoint answers, and the item says so.
  await page.locator('.statusbar-item', { hasText: 'Private' }).first().click();
  await page.locator('.quick-input-widget', { hasText: 'Mark This Repository Private' }).waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  openai.setFault({ kind: 'status', status: 429, retryAfterSec: 900 });
  tgi.setReply({ text: 'It returns the n-th Fibonacci number, iteratively.', firstTokenMs: 100 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('math.ts');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1200);
  await page.locator('.view-line', { hasText: 'let current = 1;' }).first().click();
  await runCommand(page, 'Tandem: Explain Selection');
  await shootStatus(page, '→ private', 'shot-status-fallback.png');
  openai.setFault(undefined);

  // Enforced privacy, the only state with the lock (this writes the run's copy of the workspace).
  await runCommand(page, 'Tandem: Mark This Workspace Private');
  await page.waitForTimeout(1500);
  await shootStatus(page, 'Private', 'shot-status-lock.png');
}

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
