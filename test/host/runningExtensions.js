// What VS Code itself says about the installed Tandem, read the way a person would, shared by
// vsix-smoke.js and bench/activation.ts.
const fs = require('fs');
const path = require('path');

/**
 * Opens "Developer: Show Running Extensions" and returns Tandem's row there (a locator, for a
 * screenshot) with its activation text ("Activation: 48ms"): VS Code's code loading time plus the
 * synchronous part of activate(). Throws if the view or the row does not appear.
 */
async function readActivationTime(page) {
  // The list is virtualized and sorted slowest first: a tall page renders every row.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await runCommand(page, 'Developer: Show Running Extensions', 'Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Tandem' }).first();
  await row.waitFor({ timeout: 15000 });
  const time = row.locator('.activation-time');
  await time.waitFor({ timeout: 5000 });
  return { row, text: (await time.innerText()).trim() };
}

/**
 * Opens "Developer: Startup Performance" and parses its "Extension Activation Stats" table: VS Code's
 * own timings per activated extension ({ id, event, loadCode, callActivate }, in ms), copied out of
 * the read-only editor through the clipboard (the page needs the clipboard permissions).
 */
async function readActivationStats(page) {
  // Running Extensions opens as a modal editor, which keeps F1 to itself: close it first.
  await page.keyboard.press('Escape');
  await runCommand(page, 'Developer: Startup Performance', 'Startup Performance');
  const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await lines.waitFor({ timeout: 15000 });
  // The view says "waiting…" until the workbench is restored; the table is there from then on.
  for (let i = 0; i < 20; i++) {
    await lines.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const rows = parseActivationStats(await page.evaluate(() => navigator.clipboard.readText()));
    if (rows.length) return rows;
    await page.waitForTimeout(500);
  }
  throw new Error('"Developer: Startup Performance" showed no Extension Activation Stats');
}

/** The rows of the "Extension Activation Stats" markdown table. */
function parseActivationStats(text) {
  const start = text.indexOf('## Extension Activation Stats');
  if (start < 0) return [];
  const rows = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 7 || !/^\d+$/.test(cells[2])) continue;
    rows.push({ id: cells[0], event: cells[5], loadCode: Number(cells[2]), callActivate: Number(cells[3]) });
  }
  return rows;
}

/**
 * Tandem's own part of VS Code's figure. VS Code starts the code-loading clock of every
 * `onStartupFinished` extension at the same moment and then loads them one after another, so each
 * one's "Load Code" also counts the loading of those before it in that batch. Tandem's own load is
 * its "Load Code" minus that of the batch member loaded just before it.
 */
function tandemShare(rows) {
  const me = rows.find((r) => r.id === 'tandem-dev.tandem');
  if (!me) throw new Error('Tandem is not in "Extension Activation Stats"');
  const before = rows.filter((r) => r !== me && r.event === me.event && r.loadCode <= me.loadCode);
  const batchBefore = before.reduce((m, r) => Math.max(m, r.loadCode), 0);
  return {
    figure: me.loadCode + me.callActivate,
    batchBefore,
    batchMembers: before.map((r) => r.id),
    ownLoad: me.loadCode - batchBefore,
    callActivate: me.callActivate,
  };
}

async function runCommand(page, title, rowText) {
  const input = page.locator('.quick-input-widget input');
  // F1 can be lost while the workbench is still moving focus (restoring editors): press again.
  for (let i = 0; i < 5 && !(await input.isVisible()); i++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
  }
  await input.waitFor({ state: 'visible', timeout: 2000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The code cache the first activation writes into the installed extension's dist/ (src/boot/codeCache.ts), if it is there. */
function codeCacheFile(extensionsDir) {
  const ext = fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir).find((d) => d.startsWith('tandem-dev.tandem')) : undefined;
  const dist = ext ? path.join(extensionsDir, ext, 'dist') : undefined;
  const found = dist && fs.existsSync(dist) ? fs.readdirSync(dist).find((n) => /^main\.js\.[0-9a-f]{16}\.v8cache$/.test(n)) : undefined;
  return found ? path.join(dist, found) : undefined;
}

module.exports = { readActivationTime, readActivationStats, parseActivationStats, tandemShare, codeCacheFile };
