import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { openAt, resetSettings, setSetting, tandem, triggerAndCommit } from './util';

/**
 * Ghost text in the real extension host. There is no executeInlineCompletionItemProvider
 * in the test host (see test/host/): show the document, put the cursor, trigger, and retry
 * commit until the completion is in the document.
 */
const TOUCHED = ['provider', 'privateWorkspace', 'huggingface.endpointUrl', 'huggingface.model', 'huggingface.fimTemplate', 'openai.baseUrl', 'inline.provider', 'inline.enabled', 'inline.context'];
const PRE = 'def add(a, b):\n    return ';
const SUF = '\n';

function fimCalls(e: Emulator): RecordedRequest[] {
  return e.requests.filter((r) => r.method === 'POST' && /\/v1\/(chat\/)?completions$/.test(r.path));
}

function promptOf(r: RecordedRequest): string {
  const b = r.body;
  return b && typeof b === 'object' && 'prompt' in b && typeof b.prompt === 'string' ? b.prompt : JSON.stringify(b);
}

describe('inline completions', function () {
  this.timeout(60_000);
  let tgi: Emulator;
  let oai: Emulator;
  let n = 0;

  before(async () => {
    await tandem();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    oai = await startOpenAIEmulator();
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await setSetting('openai.baseUrl', `${oai.url}/v1`, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', 'sk-test-inline-0000000000');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await tgi.close();
    await oai.close();
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  const templates: [string, string, string][] = [
    ['bigcode/starcoder2-15b', 'auto', `<fim_prefix>${PRE}<fim_suffix>${SUF}<fim_middle>`],
    ['Qwen/Qwen2.5-Coder-7B', 'auto', `<|fim_prefix|>${PRE}<|fim_suffix|>${SUF}<|fim_middle|>`],
    ['mistralai/Codestral-22B-v0.1', 'codestral', `[SUFFIX]${SUF}[PREFIX]${PRE}`],
  ];
  for (const [model, template, prompt] of templates) {
    it(`commits the private endpoint's completion and sends the exact ${model} FIM prompt`, async () => {
      await setSetting('provider', 'huggingface');
      await setSetting('huggingface.model', model, vscode.ConfigurationTarget.Global);
      await setSetting('huggingface.fimTemplate', template, vscode.ConfigurationTarget.Global);
      // The template's own prompt, byte for byte: no context from the other files tests opened.
      await setSetting('inline.context', 'off', vscode.ConfigurationTarget.Global);
      tgi.setReply({ text: 'a + b\n\ndef sub(a, b):' });
      const from = fimCalls(tgi).length;
      const editor = await openAt(`inline-fixtures/t${++n}.py`, `${PRE}${SUF}`, 1, 11);
      const text = await triggerAndCommit(editor, 'return a + b');
      assert.equal(text, `${PRE}a + b${SUF}`, 'the one-line answer, nothing of the next function');
      const sent = fimCalls(tgi).slice(from);
      assert.ok(sent.length >= 1);
      assert.equal(promptOf(sent[0]), prompt);
    });
  }

  it('commits the OpenAI completion on the OpenAI provider', async () => {
    await setSetting('provider', 'openai');
    oai.setReply({ text: 'a * b' });
    const from = fimCalls(oai).length;
    const editor = await openAt(`inline-fixtures/o${++n}.py`, 'def mul(a, b):\n    return \n', 1, 11);
    await triggerAndCommit(editor, 'return a * b');
    assert.ok(fimCalls(oai).length > from, 'the OpenAI emulator answered');
  });

  it('sends nothing for a file matching tandem.exclude', async () => {
    await setSetting('provider', 'huggingface');
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    tgi.setReply({ text: 'x' });
    const fromTgi = fimCalls(tgi).length;
    const fromOai = fimCalls(oai).length;
    const secret = await openAt('inline-fixtures/secrets/token.py', 'TOKEN = "excluded-marker-123"\nvalue = \n', 1, 8);
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    }
    assert.equal(secret.document.getText(), 'TOKEN = "excluded-marker-123"\nvalue = \n');
    // A sentinel completion in a normal file proves requests flow; the excluded file's never came.
    tgi.setReply({ text: 'sentinel_value' });
    const normal = await openAt(`inline-fixtures/n${++n}.py`, 'value = \n', 0, 8);
    await triggerAndCommit(normal, 'sentinel_value');
    const sent = [...fimCalls(tgi).slice(fromTgi), ...fimCalls(oai).slice(fromOai)];
    assert.ok(sent.length >= 1);
    for (const r of sent) assert.ok(!JSON.stringify(r.body).includes('excluded-marker-123'), 'the excluded file was sent');
  });

  it('sends nothing to OpenAI from a private workspace, whatever the provider settings say', async () => {
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    await setSetting('privateWorkspace', true);
    tgi.setReply({ text: 'private_answer' });
    const fromOai = oai.requests.length;
    const editor = await openAt(`inline-fixtures/p${++n}.py`, 'result = \n', 0, 9);
    await triggerAndCommit(editor, 'private_answer');
    assert.equal(oai.requests.length, fromOai, 'the OpenAI emulator received a request');
  });

  it('toggles inline completions off and on with the command', async () => {
    assert.equal(await vscode.commands.executeCommand('tandem.toggleInlineCompletions', false), false);
    assert.equal(vscode.workspace.getConfiguration('tandem').get('inline.enabled'), false);
    assert.equal(await vscode.commands.executeCommand('tandem.toggleInlineCompletions'), true);
    assert.equal(vscode.workspace.getConfiguration('tandem').get('inline.enabled'), true);
  });
});
