import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import type { Emulator } from '../servers/common';
import { openFile } from './explainRefactorUtil';
import { bodies, CONFIG_TS, ENV_MARKER, modelCalls, privacyHooks, SECRETS } from './privacyUtil';
import { setSetting, tandem, waitFor } from './util';

// "Private means private" for inline completions (see privacy.test.ts): private workspaces
// complete on the private endpoint only, excluded files send nothing, secrets go as placeholders.

// The running emulators, set by the hooks of the describe below.
let openai: Emulator;
let tgi: Emulator;

/**
 * Triggers ghost text at the end of the document until `until` holds. Each trigger gets time
 * to pass the debounce before the next one, which would otherwise abandon it.
 */
async function triggerInline(editor: vscode.TextEditor, what: string, until: () => boolean): Promise<void> {
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
  await waitFor(what, async () => {
    // Ghost text only comes to the focused editor: take focus back from any view or notification.
    await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false, selection: new vscode.Range(end, end) });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    for (let i = 0; i < 30 && !until(); i++) await new Promise((r) => setTimeout(r, 50));
    return until();
  }, 15_000);
}

describe('privacy: what reaches which server', function () {
  privacyHooks(this, (s) => ({ openai, tgi } = s));

  it('inline: in a private workspace completions go to the private endpoint only, whatever the provider settings say', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    await waitFor('status Private', () => api.testHooks.status().text.includes('Private'));
    tgi.setReply({ text: '1;' });
    const openaiBefore = openai.requests.length;
    const tgiBefore = modelCalls(tgi).length;
    const editor = await openFile('privacy/inline-private.ts', 'export const total = ');
    await triggerInline(editor, 'an inline request at the private endpoint', () => modelCalls(tgi).length > tgiBefore);
    assert.equal(openai.requests.length, openaiBefore, `OpenAI received: ${openai.requests.slice(openaiBefore).map((r) => r.path).join(', ')}`);
  });

  it('inline: a private endpoint that fails (503) gets no help from OpenAI in a private workspace', async () => {
    await setSetting('provider', 'openai');
    await setSetting('fallbackToPrivate', true);
    await setSetting('privateWorkspace', true);
    tgi.setFault({ kind: 'status', status: 503, message: 'down for maintenance' });
    const openaiBefore = openai.requests.length;
    const tgiBefore = modelCalls(tgi).length;
    const editor = await openFile('privacy/inline-down.ts', 'export const answer = ');
    await triggerInline(editor, 'inline attempts at the failing private endpoint', () => modelCalls(tgi).length > tgiBefore);
    assert.equal(openai.requests.length, openaiBefore);
  });

  it('inline: an excluded .env sends nothing anywhere and is never context; secrets before the cursor reach OpenAI only as placeholders', async () => {
    await setSetting('provider', 'openai');
    const openaiBefore = modelCalls(openai).length;
    const tgiBefore = tgi.requests.length;
    const egressBefore = Math.max(0, ...((await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? []).map((r) => r.id));
    const env = await openFile('privacy/inline/.env', `API_TOKEN=${ENV_MARKER}\nDEBUG=`);
    const end = env.document.positionAt(env.document.getText().length);
    env.selection = new vscode.Selection(end, end);
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise((r) => setTimeout(r, 300));
    }

    // The .env stays open in another tab (a context candidate). This completion is also the
    // sentinel: once it arrived, anything the .env had sent would have arrived before it.
    openai.setReply({ text: '"us-east-1";' });
    const editor = await openFile('privacy/inline/settings.ts', `${CONFIG_TS}export const region = `);
    await triggerInline(editor, 'an inline request at OpenAI', () => modelCalls(openai).length > openaiBefore);
    const sent = JSON.stringify(modelCalls(openai).slice(openaiBefore).map((x) => x.body));
    assert.ok(!sent.includes(ENV_MARKER) && !bodies(tgi).includes(ENV_MARKER), 'the .env content never left, not even as context');
    assert.equal(tgi.requests.length, tgiBefore, 'nothing reached the private endpoint');
    for (const s of SECRETS) assert.ok(!sent.includes(s), `OpenAI received the secret ${s.slice(0, 6)}…`);
    assert.match(sent, /TANDEM_SECRET_\d+/);
    const records = await waitFor('the inline egress record', async () => {
      const all = ((await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? []).filter((r) => r.id > egressBefore);
      return all.length > 0 && all;
    });
    assert.ok(records.every((r) => r.feature === 'inline' && r.provider === 'openai' && r.file === 'privacy/inline/settings.ts' && r.redactions >= SECRETS.length), JSON.stringify(records));
  });
});
