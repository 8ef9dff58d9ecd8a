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
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Tandem' }).first();
  await row.waitFor({ timeout: 15000 });
  const time = row.locator('.activation-time');
  await time.waitFor({ timeout: 5000 });
  return { row, text: (await time.innerText()).trim() };
}

/** The code cache the first activation writes into the installed extension's dist/ (src/boot/codeCache.ts), if it is there. */
function codeCacheFile(extensionsDir) {
  const ext = fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir).find((d) => d.startsWith('tandem-dev.tandem')) : undefined;
  const dist = ext ? path.join(extensionsDir, ext, 'dist') : undefined;
  const found = dist && fs.existsSync(dist) ? fs.readdirSync(dist).find((n) => /^main\.js\.[0-9a-f]{16}\.v8cache$/.test(n)) : undefined;
  return found ? path.join(dist, found) : undefined;
}

module.exports = { readActivationTime, codeCacheFile };
