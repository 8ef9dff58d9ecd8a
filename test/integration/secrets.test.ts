import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { openAt, pointAt, resetSettings, setSetting, tandem, waitFor } from './util';

/**
 * A secret being typed, in the real extension host: the cursor sits inside a DSN's password,
 * right before its `@`. Before and after the cursor are redacted as one text, so the OpenAI
 * emulator receives no 4-character piece of the password, only a placeholder.
 */
const TOUCHED = ['provider', 'inline.provider', 'inline.enabled', 'privateWorkspace', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model'];
const PASSWORD = 'Vq7x9LpZ2mKw';

function inlineCalls(e: Emulator): RecordedRequest[] {
  return e.requests.filter((r) => r.method === 'POST' && /\/v1\/(chat\/)?completions$/.test(r.path));
}

describe('secrets while typing: what inline completions send to OpenAI', function () {
  this.timeout(60_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-secrets-fake-0000');
    await setSetting('provider', 'openai', vscode.ConfigurationTarget.Global);
    await setSetting('inline.enabled', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai.close();
    await tgi.close();
  });

  it('sends a DSN password typed before its @ only as a placeholder', async () => {
    openai.setReply({ text: 'x' });
    const from = inlineCalls(openai).length;
    const line = `DATABASE_URL = "postgres://admin:${PASSWORD}@db.internal:5432/app"`;
    const editor = await openAt('secrets-fixtures/settings.py', `import os\n\n${line}\nDEBUG = False\n`, 2, line.indexOf('@'));
    await waitFor('an inline request at the OpenAI emulator', async () => {
      await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false, selection: editor.selection });
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      for (let i = 0; i < 20 && inlineCalls(openai).length === from; i++) await new Promise((r) => setTimeout(r, 50));
      return inlineCalls(openai).length > from;
    }, 15_000);
    const sent = inlineCalls(openai).slice(from).map((r) => JSON.stringify(r.body));
    const pieces = Array.from({ length: PASSWORD.length - 3 }, (_, i) => PASSWORD.slice(i, i + 4));
    for (const body of sent) {
      assert.ok(body.includes('TANDEM_SECRET_'), 'the password went as a placeholder');
      for (const p of pieces) assert.ok(!body.includes(p), `"${p}" of the password reached the OpenAI emulator`);
    }
  });
});
