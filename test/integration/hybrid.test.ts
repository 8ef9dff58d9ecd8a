import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { openAt, pointAt, resetSettings, setSetting, tandem, triggerAndCommit, waitFor } from './util';

/**
 * Hybrid use (issue 9): a provider per feature. Requests are counted at the emulators:
 * completions and explanations each reach exactly the provider their setting names,
 * and a private workspace overrides both settings.
 */
const TOUCHED = ['provider', 'inline.provider', 'chat.provider', 'privateWorkspace', 'huggingface.endpointUrl', 'huggingface.model', 'openai.baseUrl'];
const SOURCE = 'export function area(w, h) {\n  return w * h;\n}\n\nconst total = \n';

const posts = (e: Emulator, path: RegExp): RecordedRequest[] => e.requests.filter((r) => r.method === 'POST' && path.test(r.path));
const chatCalls = (e: Emulator) => posts(e, /\/v1\/chat\/completions$/);
const completionCalls = (e: Emulator) => posts(e, /\/v1\/completions$/);

describe('hybrid use: a provider per feature', function () {
  this.timeout(60_000);
  let oai: Emulator;
  let tgi: Emulator;
  let n = 0;

  before(async () => {
    await tandem();
    oai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
  });
  after(async () => {
    await oai.close();
    await tgi.close();
  });
  beforeEach(async () => {
    oai.requests.length = 0;
    tgi.requests.length = 0;
    await pointAt(oai.url, tgi.url, 'sk-test-hybrid-000000000');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await resetSettings(TOUCHED);
  });

  /** One explanation and one committed completion in a fresh file; returns what each emulator got. */
  async function explainAndComplete(inlineText: string): Promise<void> {
    const editor = await openAt(`hybrid/f${n++}.js`, SOURCE, 4, 14);
    const explained = await vscode.commands.executeCommand<{ provider: string } | undefined>('tandem.explain', {
      uri: editor.document.uri, range: new vscode.Range(0, 0, 2, 1),
    });
    assert.ok(explained, 'explain returned nothing');
    await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(4, 14, 4, 14);
    await triggerAndCommit(editor, inlineText);
  }

  it('completes on the private endpoint while explain goes to OpenAI', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'huggingface');
    tgi.setReply({ text: 'area(2, 3);' });
    oai.setReply({ text: 'It multiplies width by height.' });
    assert.equal(api.activeProvider(), 'openai');
    assert.equal(api.activeProvider('explain'), 'openai');
    assert.equal(api.activeProvider('inline'), 'huggingface');
    const s = await waitFor('split status', () => api.testHooks.status().text.includes('· $(server) inline') && api.testHooks.status());
    assert.match(s.text, /^\$\(cloud\) OpenAI · \$\(server\) inline/);
    assert.match(s.tooltip, /Inline completions: \$\(server\) \*\*Private endpoint\*\* · `bigcode\/starcoder2-15b` — tandem\\\.inline\\\.provider is "huggingface"/);

    await explainAndComplete('area(2, 3);');
    assert.equal(chatCalls(oai).length, 1, 'the explanation went to OpenAI');
    assert.equal(chatCalls(tgi).length, 0, 'no explanation at the private endpoint');
    assert.ok(completionCalls(tgi).length >= 1, 'the completion came from the private endpoint');
    assert.equal(completionCalls(oai).length + chatCalls(oai).length, 1, 'no completion request at OpenAI');
  });

  it('and the reverse: completions on OpenAI, explanations on the private endpoint', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('chat.provider', 'huggingface');
    oai.setReply({ text: 'area(4, 5);' });
    tgi.setReply({ text: 'It computes an area.' });
    assert.equal(api.activeProvider(), 'huggingface');
    assert.equal(api.activeProvider('refactor'), 'huggingface');
    assert.equal(api.activeProvider('inline'), 'openai');
    await waitFor('reverse split status', () => api.testHooks.status().text.startsWith('$(server) Private · $(cloud) inline'));

    await explainAndComplete('area(4, 5);');
    assert.equal(chatCalls(tgi).length, 1, 'the explanation went to the private endpoint');
    assert.equal(completionCalls(tgi).length, 0, 'no completion at the private endpoint');
    assert.ok(chatCalls(oai).length >= 1, 'the completion (chat-prompted) came from OpenAI');
  });

  it('a private workspace sends nothing to OpenAI even when both per-feature settings say openai', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('chat.provider', 'openai');
    await setSetting('privateWorkspace', true);
    tgi.setReply({ text: 'area(6, 7);' });
    assert.equal(api.activeProvider('inline'), 'huggingface');
    assert.equal(api.activeProvider('explain'), 'huggingface');
    await waitFor('private status', () => api.testHooks.status().text === '$(lock) Private');

    await explainAndComplete('area(6, 7);');
    assert.equal(oai.requests.length, 0, 'a request reached the OpenAI emulator');
    assert.equal(chatCalls(tgi).length, 1);
    assert.ok(completionCalls(tgi).length >= 1);
  });
});
