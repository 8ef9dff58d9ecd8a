import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startKindEmulator } from '../servers/kinds';
import { startTgiEmulator } from '../servers/tgi';
import { openAt, resetSettings, setSetting, tandem, triggerAndCommit, waitFor } from './util';

/**
 * The private endpoint's real servers: exact tokens from the server (usage asked for in
 * every stream), a settings change reaching the very next completion, and Ollama's
 * prompt + suffix dialect. Requests are counted at the emulators.
 */
const TOUCHED = ['provider', 'huggingface.endpointUrl', 'huggingface.model', 'huggingface.fimTemplate', 'huggingface.serverKind', 'inline.provider', 'chat.provider', 'inline.context'];
const PRE = 'def add(a, b):\n    return ';
const SUF = '\n';

const completions = (e: Emulator): RecordedRequest[] => e.requests.filter((r) => r.method === 'POST' && r.path === '/v1/completions');
const bodyOf = (r: RecordedRequest | undefined): Record<string, unknown> => (r?.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {});

describe('private servers: exact tokens and the right prompt', function () {
  this.timeout(60_000);
  let tgi: Emulator;
  let n = 0;

  before(async () => {
    await tandem();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await tgi.close();
  });
  beforeEach(async () => {
    await setSetting('provider', 'huggingface');
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    // The prompts below are compared byte for byte: without snippets of other files (context.test.ts covers those).
    await setSetting('inline.context', 'off', vscode.ConfigurationTarget.Global);
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('an explain on the private endpoint records the tokens the server reported, not an estimate', async () => {
    const api = await tandem();
    tgi.setReply({ text: 'Adds two numbers.', usage: { promptTokens: 321, completionTokens: 17 } });
    const editor = await openAt(`servers-fixtures/e${++n}.py`, `${PRE}a + b${SUF}`, 0, 0);
    const r = await vscode.commands.executeCommand<{ provider: string } | undefined>('tandem.explain', { uri: editor.document.uri, range: new vscode.Range(0, 0, 1, 16) });
    assert.equal(r?.provider, 'huggingface');
    const chat = tgi.requests.filter((q) => q.method === 'POST' && q.path === '/v1/chat/completions').at(-1);
    assert.deepEqual(bodyOf(chat).stream_options, { include_usage: true });
    const rec = await waitFor('the explain record', async () => (await api.usage()).filter((u) => u.feature === 'explain' && u.provider === 'huggingface' && u.inputTokens === 321).at(-1));
    assert.equal(rec.outputTokens, 17);
    assert.equal(rec.estimated, false);
  });

  it('a completion after a fimTemplate change sends a request with the new template, not the cached answer', async () => {
    await setSetting('huggingface.fimTemplate', 'starcoder', vscode.ConfigurationTarget.Global);
    tgi.setReply({ text: 'a + b' });
    const file = `servers-fixtures/t${++n}.py`;
    let editor = await openAt(file, `${PRE}${SUF}`, 1, 11);
    await triggerAndCommit(editor, 'return a + b');
    assert.equal(completions(tgi).at(-1) && bodyOf(completions(tgi).at(-1)).prompt, `<fim_prefix>${PRE}<fim_suffix>${SUF}<fim_middle>`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await setSetting('huggingface.fimTemplate', 'qwen', vscode.ConfigurationTarget.Global);
    const from = completions(tgi).length;
    editor = await openAt(file, `${PRE}${SUF}`, 1, 11);
    await triggerAndCommit(editor, 'return a + b');
    const sent = completions(tgi).slice(from);
    assert.ok(sent.length >= 1, 'the same place was asked again');
    assert.equal(bodyOf(sent[0]).prompt, `<|fim_prefix|>${PRE}<|fim_suffix|>${SUF}<|fim_middle|>`);
  });

  it('an Ollama endpoint gets prompt + suffix, without FIM tokens', async () => {
    const ollama = await startKindEmulator('ollama');
    try {
      await setSetting('huggingface.endpointUrl', ollama.url, vscode.ConfigurationTarget.Global);
      await setSetting('huggingface.model', 'qwen2.5-coder:7b', vscode.ConfigurationTarget.Global);
      ollama.setReply({ text: 'a - b' });
      const editor = await openAt(`servers-fixtures/o${++n}.py`, `${PRE}${SUF}`, 1, 11);
      await triggerAndCommit(editor, 'return a - b');
      const body = bodyOf(completions(ollama)[0]);
      assert.equal(body.prompt, PRE);
      assert.equal(body.suffix, SUF);
      assert.deepEqual(body.stream_options, { include_usage: true });
      assert.ok(ollama.requests.some((q) => q.method === 'GET' && q.path === '/'), 'detected by GET /');
    } finally {
      await ollama.close();
    }
  });
});
