// Driving the code-server workbench from Chromium the way a person does (command palette,
// quick open), for `npm run screenshots`.

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

module.exports = { runCommand, findFrame, openMathAt };
