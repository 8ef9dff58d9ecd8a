import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { featureHooks, lastChat, lastNotice, openFile, useEmulators } from './explainRefactorUtil';
import { setSetting, tandem, waitFor } from './util';

interface ExplainResult { text: string; provider: string; model: string }

const SOURCE = [
  "import { readFileSync } from 'node:fs';",
  '',
  'export function add(a, b) {',
  '  const sum = a + b;',
  '  return sum;',
  '}',
  '',
  'export function twice(x) {',
  '  return add(x, x);',
  '}',
  '',
].join('\n');

describe('tandem.explain', function () {
  this.timeout(60_000);
  const emu = useEmulators();
  afterEach(() => {
    emu.openai.setFault(undefined);
    emu.tgi.setFault(undefined);
  });

  it('streams into the panel and returns the text on OpenAI', async () => {
    const api = await tandem();
    const h = featureHooks(api);
    await setSetting('provider', 'openai');
    emu.openai.setReply({ text: 'It **adds** `a` and `b`, then returns the sum.' });
    const editor = await openFile('explain/a.js', SOURCE);
    const range = new vscode.Range(3, 0, 4, 13);
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range });
    assert.deepEqual(r, { text: 'It **adds** `a` and `b`, then returns the sum.', provider: 'openai', model: 'gpt-4.1-mini' });
    const body = lastChat(emu.openai.requests);
    const user = body.messages[body.messages.length - 1].content;
    assert.match(user, /File: explain\/a\.js \(language: javascript\)/);
    assert.match(user, /const sum = a \+ b;\n  return sum;/);
    assert.match(user, /node:fs/, 'imports travel as context');
    const panel = h.explainPanel();
    assert.equal(panel[0].type, 'start');
    assert.ok(panel.some((m) => m.type === 'text' && m.text === r.text), 'the whole text reached the panel');
    const done = panel.find((m) => m.type === 'done');
    assert.ok(done && done.type === 'done' && done.footer.outputTokens > 0 && done.footer.provider === 'openai');
  });

  it('streams and returns the text on the private endpoint', async () => {
    await setSetting('provider', 'huggingface');
    emu.tgi.setReply({ text: 'Doubles `x` by adding it to itself.' });
    const editor = await openFile('explain/b.js', SOURCE);
    const before = emu.openai.requests.length;
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(8, 0, 8, 20) });
    assert.deepEqual(r, { text: 'Doubles `x` by adding it to itself.', provider: 'huggingface', model: 'bigcode/starcoder2-15b' });
    assert.equal(emu.openai.requests.length, before, 'nothing went to OpenAI');
    await setSetting('provider', 'openai');
  });

  it('explains the enclosing function of an empty selection', async () => {
    const editor = await openFile('explain/c.js', SOURCE);
    // The JS language server starts lazily: wait until it answers with symbols.
    await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return Array.isArray(s) && s.length > 0;
    }, 30_000);
    editor.selection = new vscode.Selection(4, 4, 4, 4);
    emu.openai.setReply({ text: 'ok' });
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain');
    assert.equal(r?.text, 'ok');
    const user = lastChat(emu.openai.requests).messages[1].content;
    assert.match(user, /Selected code to explain:\n```javascript\nexport function add\(a, b\) \{\n  const sum = a \+ b;\n  return sum;\n\}\n```/);
  });

  it('refuses a file matching tandem.exclude and sends nothing', async () => {
    const h = featureHooks(await tandem());
    const editor = await openFile('explain/secrets/keys.js', 'const KEY = "not-a-real-key";\n');
    const before = emu.openai.requests.length + emu.tgi.requests.length;
    const r = await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 0, 10) });
    assert.equal(r, undefined);
    assert.equal(emu.openai.requests.length + emu.tgi.requests.length, before);
    assert.match(lastNotice(h, 'explain')?.message ?? '', /tandem\.exclude/);
  });

  it('Stop aborts the request: the server sees the connection closed', async () => {
    const h = featureHooks(await tandem());
    emu.openai.setFault({ kind: 'neverEnding', intervalMs: 10 });
    const editor = await openFile('explain/d.js', SOURCE);
    const count = emu.openai.requests.length;
    const pending = vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(2, 0, 5, 1) });
    // The emulator streams "x" tokens forever: wait for this request's first ones in the panel.
    await waitFor('tokens in the panel', () => emu.openai.requests.length > count && h.explainPanel().some((m) => m.type === 'text' && m.text.startsWith('xx')), 20_000);
    h.stopExplain();
    assert.equal(await pending, undefined);
    const rec = emu.openai.requests[emu.openai.requests.length - 1];
    await waitFor('connection closed at the server', () => rec.closedEarly);
    assert.ok(h.explainPanel().some((m) => m.type === 'stopped'));
  });

  describe('failures reach the person with the right action', () => {
    const run = async (file: string) => {
      const editor = await openFile(file, SOURCE);
      return vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(2, 0, 5, 1) });
    };

    it('401: set the key', async () => {
      const h = featureHooks(await tandem());
      emu.openai.setFault({ kind: 'status', status: 401, message: 'Incorrect API key provided.' });
      assert.equal(await run('explain/e401.js'), undefined);
      const n = lastNotice(h, 'explain');
      assert.match(n?.message ?? '', /key/i);
      assert.ok(n?.actions.includes('setOpenAIKey'), JSON.stringify(n));
      assert.doesNotMatch(n?.message ?? '', /sk-test/);
    });

    it('429 (no fallback): rate-limited, with retry or switch', async () => {
      const h = featureHooks(await tandem());
      await setSetting('fallbackToPrivate', false);
      emu.openai.setFault({ kind: 'status', status: 429, retryAfterSec: 0 });
      assert.equal(await run('explain/e429.js'), undefined);
      const n = lastNotice(h, 'explain');
      assert.match(n?.message ?? '', /rate|limit|429/i);
      assert.ok(n?.actions.some((a) => a === 'retry' || a === 'switchProvider'), JSON.stringify(n));
      await setSetting('fallbackToPrivate', true);
    });

    it('503 on the private endpoint: unavailable', async () => {
      const h = featureHooks(await tandem());
      await setSetting('provider', 'huggingface');
      emu.tgi.setFault({ kind: 'status', status: 503 });
      assert.equal(await run('explain/e503.js'), undefined);
      const n = lastNotice(h, 'explain');
      assert.match(n?.message ?? '', /unavailable|starting|503|down/i);
      assert.equal(n?.level, 'error');
      await setSetting('provider', 'openai');
    });

    it('a stalled stream times out with a message', async function () {
      this.timeout(150_000);
      const h = featureHooks(await tandem());
      await setSetting('fallbackToPrivate', false);
      emu.openai.setFault({ kind: 'stallAfterHeaders' });
      assert.equal(await run('explain/stall.js'), undefined);
      const n = lastNotice(h, 'explain');
      assert.match(n?.message ?? '', /within \d+ s|no data for \d+ s/);
      await setSetting('fallbackToPrivate', true);
    });
  });
});
