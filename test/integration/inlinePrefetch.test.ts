import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startTgiEmulator } from '../servers/tgi';
import { openAt, resetSettings, setSetting, tandem, triggerAndCommit, waitFor } from './util';

/**
 * The request that leaves on the edit itself (src/vscode/inline/prefetch.ts): at a pause
 * character it is sent before VS Code calls the provider, and that call must take it, not
 * send a second one; where VS Code shows no inline suggestions, nothing is sent on the edit.
 */
const TOUCHED = ['provider', 'huggingface.endpointUrl', 'huggingface.model', 'inline.context'];
const settle = () => new Promise((r) => setTimeout(r, 800));

function fimCalls(e: Emulator): RecordedRequest[] {
  return e.requests.filter((r) => r.method === 'POST' && /\/v1\/completions$/.test(r.path));
}

describe('inline: the request leaves on the edit', function () {
  this.timeout(60_000);
  let tgi: Emulator;
  let n = 0;

  before(async () => {
    await tandem();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    await setSetting('provider', 'huggingface');
    await setSetting('inline.context', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('editor').update('inlineSuggest.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await resetSettings(TOUCHED);
    await tgi.close();
  });

  it('typing a pause character sends one request, and the suggestion shown is its answer', async () => {
    tgi.setReply({ text: 'total, count' });
    const editor = await openAt(`inline-fixtures/prefetch${++n}.py`, 'print\n', 0, 5);
    const from = fimCalls(tgi).length;
    await vscode.commands.executeCommand('type', { text: '(' });
    // The test host's editor has no focus and tells the extension host no cursor move: say it as typing would.
    const inside = new vscode.Position(0, 6);
    editor.selection = new vscode.Selection(inside, inside);
    await waitFor('a request for the typed state', () => fimCalls(tgi).length > from);
    await settle();
    assert.equal(fimCalls(tgi).length - from, 1, 'the editor\'s own call sent a second request');
    await triggerAndCommit(editor, 'print(total, count');
    assert.equal(fimCalls(tgi).length - from, 1, 'the shown suggestion came from that one request');
  });

  it('sends nothing on the edit when the editor shows no inline suggestions', async () => {
    await vscode.workspace.getConfiguration('editor').update('inlineSuggest.enabled', false, vscode.ConfigurationTarget.Workspace);
    tgi.setReply({ text: 'x' });
    const editor = await openAt(`inline-fixtures/prefetch${++n}.py`, 'value =\n', 0, 7);
    const from = fimCalls(tgi).length;
    await vscode.commands.executeCommand('type', { text: ' ' });
    const after = new vscode.Position(0, 8);
    editor.selection = new vscode.Selection(after, after);
    await settle();
    assert.equal(fimCalls(tgi).length - from, 0);
  });
});
