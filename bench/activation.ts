/**
 * `npm run bench:activation [-- --loads 8 --vsix file.vsix --label before]`: VS Code's own
 * activation time for Tandem ("Developer: Show Running Extensions": the extension host's code
 * loading time plus the synchronous part of activate()), from the packaged VSIX installed into
 * code-server, over several window loads of one install: the first start after install (no code
 * cache yet) and the starts after it (each window gets a fresh extension host, which loads
 * through the cache the first one wrote). Results go into bench/activation-results.json by label.
 * The figure includes the built-in extensions VS Code loads before Tandem in the same
 * `onStartupFinished` batch (bench/RESULTS.md "Activation"), so compare labels run back to back.
 * Each load also reads VS Code's "Developer: Startup Performance" table, which splits the figure
 * into the loading of those built-ins, Tandem's own loading and its activate() call.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/* eslint-disable @typescript-eslint/no-require-imports */
const { buildVsix } = require('../scripts/package') as { buildVsix(o: { quiet: boolean }): Promise<{ vsixPath: string }> };
const { startVsixSession, workbenchUrl } = require('../test/host/vsixSession');
const { launchChromium, waitForWorkbench } = require('../test/host/browser');
const { startCanary } = require('../test/host/canary');
const { makeRunDir, copyWorkspace, testSettings, writeSettings, hostEnv } = require('../test/host/profile');
const { readActivationTime, readActivationStats, tandemShare, codeCacheFile } = require('../test/host/runningExtensions') as {
  readActivationTime(page: Page): Promise<{ text: string }>;
  readActivationStats(page: Page): Promise<unknown[]>;
  tandemShare(rows: unknown[]): Share;
  codeCacheFile(extensionsDir: string): string | undefined;
};

/** VS Code's own split of the figure (test/host/runningExtensions.js `tandemShare`). */
interface Share {
  figure: number;
  /** "Load Code" of the batch member loaded just before Tandem: every earlier member's loading. */
  batchBefore: number;
  batchMembers: string[];
  ownLoad: number;
  callActivate: number;
}
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'activation-results.json');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const LOADS = Number(arg('loads') ?? 8);
const LABEL = arg('label') ?? 'after';

async function activationMs(page: Page): Promise<number> {
  const { text } = await readActivationTime(page);
  const ms = /(\d+)\s*ms/.exec(text);
  if (!ms) throw new Error(`unexpected activation text ${JSON.stringify(text)}`);
  return Number(ms[1]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function main(): Promise<void> {
  const vsixPath = arg('vsix') ? path.resolve(arg('vsix') ?? '') : (await buildVsix({ quiet: true })).vsixPath;
  const runDir: string = makeRunDir('act');
  const canaries = { openai: await startCanary('openai'), huggingface: await startCanary('huggingface') };
  const open = copyWorkspace(ROOT, 'test/fixtures/workspace', runDir);
  writeSettings(path.join(runDir, 'user-data'), testSettings(canaries));
  const env = hostEnv(runDir, {});
  const session = await startVsixSession({ vsixPath, runDir, env });
  let browser: { newPage(o: object): Promise<Page>; close(): Promise<void> } | undefined;
  const loads: { ms: number; cache: boolean; share: Share }[] = [];
  try {
    const b: { newPage(o: object): Promise<Page>; close(): Promise<void> } = await launchChromium(env);
    browser = b;
    for (let i = 0; i < LOADS; i++) {
      const cache = codeCacheFile(path.join(runDir, 'extensions')) !== undefined;
      // The clipboard carries the Startup Performance view's text out of its editor.
      const page: Page = await b.newPage({ viewport: { width: 1280, height: 2400 }, permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto(workbenchUrl(session.server, open), { waitUntil: 'domcontentloaded', timeout: 60000 });
      await waitForWorkbench(page, 60000);
      await page.locator('.statusbar-item', { hasText: 'OpenAI' }).first().waitFor({ state: 'visible', timeout: 60000 });
      // Past the 5 s after which the first activation writes its cache.
      await page.waitForTimeout(6000);
      const ms = await activationMs(page);
      const share = tandemShare(await readActivationStats(page));
      if (share.figure !== ms) throw new Error(`Startup Performance says ${share.figure} ms, Running Extensions ${ms} ms`);
      loads.push({ ms, cache, share });
      process.stdout.write(`load ${i + 1}: ${ms} ms = ${share.batchBefore} ms for ${share.batchMembers.join(', ') || 'no other extension'} + Tandem's own load ${share.ownLoad} ms + activate() ${share.callActivate} ms${cache ? ' (code cache present)' : ''}\n`);
      await page.close();
      await new Promise((r) => setTimeout(r, 1500));
    }
  } finally {
    await browser?.close().catch(() => undefined);
    session.server.stop();
    await canaries.openai.close();
    await canaries.huggingface.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  const first = loads[0]?.ms ?? NaN;
  const later = loads.slice(1).map((l) => l.ms);
  const laterLoads = loads.slice(1);
  const laterShare = {
    batchBefore: median(laterLoads.map((l) => l.share.batchBefore)),
    ownLoad: median(laterLoads.map((l) => l.share.ownLoad)),
    callActivate: median(laterLoads.map((l) => l.share.callActivate)),
    own: median(laterLoads.map((l) => l.share.ownLoad + l.share.callActivate)),
  };
  const summary = {
    label: LABEL, date: new Date().toISOString(), loads, first,
    laterMedian: median(later), laterMin: Math.min(...later), laterMax: Math.max(...later),
    laterAtMost50: later.filter((ms) => ms <= 50).length,
    laterShareMedians: laterShare,
  };
  const all: Record<string, unknown> = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
  all[LABEL] = summary;
  fs.writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
  process.stdout.write(`${LABEL}: first start ${first} ms; later starts median ${summary.laterMedian} ms (${summary.laterMin}-${summary.laterMax}), ${summary.laterAtMost50} of ${later.length} at most 50 ms\n`);
  process.stdout.write(`  medians of the later starts: built-ins loaded before Tandem ${laterShare.batchBefore} ms, Tandem's own load ${laterShare.ownLoad} ms + activate() ${laterShare.callActivate} ms = ${laterShare.own} ms (median of the sums)\n`);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
