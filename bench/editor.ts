/**
 * `npm run bench:editor [-- --vsix file.vsix --label before --keys 200 --path fim --seed 7 --pauses]`: typing traces
 * replayed as real key events (Playwright) into code-server with the packaged VSIX
 * installed, against a loopback model with a fixed latency (150 ms to the first token,
 * 10 ms a token), on the private FIM path and the OpenAI chat-prompted path, with a model
 * that always continues the file and one right at 70% of positions. Results go into
 * bench/editor-results.json (by label) and a section of bench/RESULTS.md. `--path` runs one
 * path only; `--pauses` prints, for each pause, its timings or why it had no ghost text, and
 * for each request the key it followed.
 * code-server is installed on first use, as for the integration tests (into .cache/, or
 * $TANDEM_CACHE_DIR). Loopback only, fake key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CORPUS, splitHole } from './inline/corpus';
import { makeTrace } from './inline/trace';
import type { GhostEvent, KeySent, TraceMetrics } from './editor/metrics';
import { PAUSE_MS, traceMetrics } from './editor/metrics';
import { pauseCauses, requestOrigins } from './editor/pauses';
import { startBenchModel } from './editor/model';
import type { EditorRun } from './editor/report';
import { writeEditorSection } from './editor/report';

/* eslint-disable @typescript-eslint/no-require-imports */
const { buildVsix } = require('../scripts/package') as { buildVsix(o: { quiet: boolean }): Promise<{ vsixPath: string }> };
const { startVsixSession, workbenchUrl } = require('../test/host/vsixSession');
const { launchChromium, waitForWorkbench } = require('../test/host/browser');
const { makeRunDir, testSettings, writeSettings, hostEnv } = require('../test/host/profile');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const LABEL = arg('label') ?? 'after';
const KEYS = Number(arg('keys') ?? 200);
/** `--seed N`: another typing trace (gaps, typos, pauses) and another set of wrong positions in the 70% mode. */
const SEED = Number(arg('seed') ?? 7);
/** `--path fim` or `--path chat`: one path only (default both). */
const PATHS = (['fim', 'chat'] as const).filter((p) => (arg('path') ?? p) === p);
const VERBOSE = process.argv.includes('--pauses');
const LANGS = [
  { lang: 'python', ext: 'py', comment: '#' },
  { lang: 'typescript', ext: 'ts', comment: '//' },
];
const MODES = ['correct', 'seventy'] as const;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const OBSERVER = `(() => {
  window.__ghosts = [];
  let last = '';
  const read = () => {
    const first = Array.from(document.querySelectorAll('.monaco-editor.focused .ghost-text-decoration')).map((e) => e.textContent || '').join('');
    // Lines after the first are a view zone: div.suggest-preview-text > div.view-line > span.ghost-text.
    const more = Array.from(document.querySelectorAll('.monaco-editor.focused .suggest-preview-text .view-line')).map((e) => e.textContent || '');
    const key = first + '\\u0000' + more.join('\\n');
    if (key !== last) { last = key; window.__ghosts.push({ t: Date.now(), first, more }); }
  };
  new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

async function openFile(page: Page, name: string): Promise<void> {
  // Quick Open can be closed again by the workbench still settling (a notification or a
  // layout pass takes the focus): open it again rather than fail the whole run.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await page.locator('.quick-input-widget input').fill(name, { timeout: 10000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2000);
    }
  }
  await page.waitForTimeout(1200);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(2000);
  await page.keyboard.press('Control+End');
  await page.waitForTimeout(300);
}

async function replay(page: Page, model: Awaited<ReturnType<typeof startBenchModel>>, file: string, header: string, text: string): Promise<TraceMetrics> {
  const keys = makeTrace(text, SEED).slice(0, KEYS);
  const full = header + text;
  let pos = header.length;
  let typo = false;
  model.setFile(full, () => pos);
  await openFile(page, file);
  await page.evaluate(OBSERVER);
  const first = model.requests.length;
  const sent: KeySent[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    await sleep(k.delayMs);
    const t = Date.now();
    if (k.kind === 'type') {
      await page.keyboard.type(k.ch);
      if (full[pos] === k.ch && !typo) pos++;
      else typo = true;
    } else if (k.kind === 'backspace') {
      await page.keyboard.press('Backspace');
      if (typo) typo = false;
      else pos--;
    } else {
      await page.keyboard.press('Enter');
      // The editor's auto-indent, as one edit (auto-indent itself is off so the text stays exact).
      if (k.indent) await page.keyboard.insertText(k.indent);
      pos += 1 + k.indent.length;
    }
    sent.push({ t, ...(typo ? {} : { pos }), pauseAfter: keys[i + 1]?.delayMs ?? 1500 });
  }
  await sleep(1500);
  const ghosts: GhostEvent[] = await page.evaluate('window.__ghosts');
  const requests = model.requests.slice(first);
  if (VERBOSE) {
    for (const r of pauseCauses(sent, ghosts, requests, full, PAUSE_MS).reports) process.stdout.write(`[bench:editor] pause ${file} ${JSON.stringify(r)}\n`);
    for (const r of requestOrigins(sent, requests, full, PAUSE_MS)) process.stdout.write(`[bench:editor] request ${file} ${JSON.stringify(r)}\n`);
  }
  return traceMetrics(sent, ghosts, requests, full);
}

async function runPath(vsixPath: string, which: 'fim' | 'chat', model: Awaited<ReturnType<typeof startBenchModel>>): Promise<Record<string, TraceMetrics>> {
  const runDir: string = makeRunDir(`be${which}`);
  const ws = path.join(runDir, 'workspace', 'w');
  fs.mkdirSync(ws, { recursive: true });
  const headers: Record<string, string> = {};
  for (const m of MODES) for (const l of LANGS) {
    const name = `${which}-${m}.${l.ext}`;
    headers[name] = `${l.comment} editor benchmark: ${which}, ${m}\n`;
    fs.writeFileSync(path.join(ws, name), headers[name]);
  }
  fs.writeFileSync(path.join(ws, 'warmup.py'), '# warm-up\n');
  const userData = path.join(runDir, 'user-data');
  writeSettings(userData, {
    ...testSettings({ openai: { origin: model.url }, huggingface: { origin: model.url } }),
    'tandem.provider': which === 'fim' ? 'huggingface' : 'openai',
    'tandem.openai.baseUrl': `${model.url}/v1`,
    'tandem.huggingface.endpointUrl': model.url,
    'tandem.huggingface.model': 'bigcode/starcoder2-15b',
    'tandem.huggingface.serverKind': 'tgi',
    // The text typed must stay exactly the file: no auto-closing, no auto-indent, no suggest widget.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.autoIndent': 'none',
    'editor.formatOnType': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    'editor.parameterHints.enabled': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'files.autoSave': 'off',
  });
  const env = hostEnv(runDir, { OPENAI_API_KEY: 'sk-bench-fake-0000' });
  const session = await startVsixSession({ vsixPath, runDir, env });
  const browser = await launchChromium(env);
  const out: Record<string, TraceMetrics> = {};
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(session.server, { kind: 'folder', path: ws }), { waitUntil: 'domcontentloaded', timeout: 90000 });
    await waitForWorkbench(page, 90000);
    await page.waitForTimeout(4000);
    // The extension activates, detects the server and opens its connections before the first trace.
    await openFile(page, 'warmup.py');
    await page.keyboard.type('import os\n', { delay: 120 });
    await page.waitForTimeout(3000);
    for (const m of MODES) {
      model.setMode(m, SEED);
      for (const l of LANGS) {
        const corpus = CORPUS.find((c) => c.language === l.lang);
        if (!corpus) continue;
        const name = `${which}-${m}.${l.ext}`;
        out[`${l.lang}/${m}`] = await replay(page, model, name, headers[name], splitHole(corpus).full);
        process.stdout.write(`[bench:editor] ${LABEL} ${which} ${l.lang} ${m}: ${JSON.stringify(out[`${l.lang}/${m}`])}\n`);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    session.server.stop();
  }
  return out;
}

async function main(): Promise<void> {
  const vsixPath = arg('vsix') ?? (await buildVsix({ quiet: true })).vsixPath;
  const loadStart = os.loadavg()[0];
  const model = await startBenchModel({ firstTokenMs: 150, perTokenMs: 10 });
  const results: Record<string, Record<string, TraceMetrics>> = {};
  try {
    for (const which of PATHS) results[which] = await runPath(vsixPath, which, model);
  } finally {
    await model.close();
  }
  const file = path.join(ROOT, 'bench', 'editor-results.json');
  const all: Record<string, EditorRun> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const load = [Math.round(loadStart * 10) / 10, Math.round(os.loadavg()[0] * 10) / 10];
  // A `--path` run replaces that path's rows of the label and keeps the other path's, so a
  // noisy path can be re-run alone; each path keeps the load average it was measured at.
  const prev = all[LABEL]?.keys === KEYS && (all[LABEL]?.seed ?? 7) === SEED ? all[LABEL] : undefined;
  const loads = { ...(prev?.loads ?? {}), ...Object.fromEntries(PATHS.map((w) => [w, load])) };
  all[LABEL] = { time: new Date().toISOString(), vsix: path.basename(vsixPath), keys: KEYS, seed: SEED, load, loads, results: { ...(prev?.results ?? {}), ...results } };
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  writeEditorSection(path.join(ROOT, 'bench', 'RESULTS.md'), all);
  process.stdout.write(`[bench:editor] ${LABEL} written to bench/editor-results.json and bench/RESULTS.md\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
