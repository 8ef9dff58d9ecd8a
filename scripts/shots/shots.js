// The later shots of `npm run screenshots`, each a short scene on the open workbench: a failed
// explanation, a refactor under review, the egress log, and the status bar's states with the menu.
const path = require('path');
const { runCommand, findFrame, openMathAt } = require('./workbench');

const RESULTS = path.join(path.resolve(__dirname, '..', '..'), 'test-results');

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

module.exports = { RESULTS, shotExplainError, shotRefactorReview, shotEgress, shootStatusAndMenu };
