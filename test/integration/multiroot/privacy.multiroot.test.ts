import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';
import { pointAt, resetSettings, setSetting, tandem, waitFor } from '../util';

/**
 * Multi-root privacy (fixture test/fixtures/multiroot/team.code-workspace): "bank-core" is
 * private through its own .vscode/settings.json, "open-app" is not and adds an exclude
 * pattern of its own. The innermost folder holding a file decides; a file outside every
 * folder follows the strictest open folder.
 */
interface ExplainResult { text: string; provider: string; model: string }

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((x) => x.name === name);
  if (!f) throw new Error(`the multi-root fixture needs a folder "${name}"`);
  return f;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

function all(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

describe('privacy in a multi-root workspace', function () {
  this.timeout(60_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-multiroot-fake-0000');
    await setSetting('provider', 'openai', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(['provider', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model']);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai.close();
    await tgi.close();
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the status bar follows the folder of the active file and names where privacy was set', async () => {
    const api = await tandem();
    await open(vscode.Uri.joinPath(folder('bank-core').uri, 'src/ledger.ts'));
    const priv = await waitFor('Private for bank-core', () => api.testHooks.status().text.includes('Private') && api.testHooks.status());
    assert.match(priv.tooltip, /Private:/);
    assert.match(priv.tooltip, /bank\\?-core/);
    assert.match(priv.tooltip, /settings\\?\.json/);
    await open(vscode.Uri.joinPath(folder('open-app').uri, 'src/greet.ts'));
    await waitFor('OpenAI for open-app', () => api.testHooks.status().text.includes('OpenAI'));
  });

  it('a file in the private folder goes to the private endpoint only; one in the open folder to OpenAI', async () => {
    openai.setReply({ text: 'Greets.' });
    tgi.setReply({ text: 'Sums the ledger.' });
    const ledger = await open(vscode.Uri.joinPath(folder('bank-core').uri, 'src/ledger.ts'));
    const openaiBefore = openai.requests.length;
    const r1 = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: ledger.document.uri, range: all(ledger.document) });
    assert.equal(r1?.provider, 'huggingface');
    assert.equal(openai.requests.length, openaiBefore, 'bank-core code never reached OpenAI');

    const greet = await open(vscode.Uri.joinPath(folder('open-app').uri, 'src/greet.ts'));
    const r2 = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: greet.document.uri, range: all(greet.document) });
    assert.equal(r2?.provider, 'openai');
    assert.ok(!JSON.stringify(openai.requests.map((r) => r.body)).includes('ledgerTotal'), 'no bank-core code as context either');
  });

  it('a file outside every folder follows the strictest open folder (private)', async () => {
    const loose = path.join(path.dirname(folder('open-app').uri.fsPath), 'loose', 'scratch.ts');
    assert.ok(fs.existsSync(loose));
    const editor = await open(vscode.Uri.file(loose));
    const openaiBefore = openai.requests.length;
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: editor.document.uri, range: all(editor.document) });
    assert.equal(r?.provider, 'huggingface');
    assert.equal(openai.requests.length, openaiBefore);
  });

  it("a folder's own exclude patterns apply to its files", async () => {
    const file = vscode.Uri.joinPath(folder('open-app').uri, 'fixtures-private/customers.ts');
    fs.mkdirSync(path.dirname(file.fsPath), { recursive: true });
    fs.writeFileSync(file.fsPath, 'export const customers = ["CUSTOMER_MARKER_991"];\n');
    const editor = await open(file);
    const before = openai.requests.length + tgi.requests.length;
    assert.equal(await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range: all(editor.document) }), undefined);
    assert.equal(openai.requests.length + tgi.requests.length, before, 'nothing was sent anywhere');
  });

  it('Test Connection contacts OpenAI only if no open folder is private: the strictest folder decides, not the active editor', async () => {
    await open(vscode.Uri.joinPath(folder('open-app').uri, 'src/greet.ts'));
    const openaiBefore = openai.requests.length;
    const all = await vscode.commands.executeCommand<{ provider: string; ok: boolean; detail: string }[]>('tandem.testConnection');
    assert.deepEqual(all.map((r) => r.provider), ['huggingface'], 'OpenAI is not among the providers tested');
    const [asked] = await vscode.commands.executeCommand<{ provider: string; ok: boolean; detail: string }[]>('tandem.testConnection', 'openai');
    assert.equal(asked.ok, false);
    assert.match(asked.detail, /Not contacted: this workspace is private .*bank-core/);
    assert.equal(openai.requests.length, openaiBefore, 'a request reached the OpenAI emulator');
  });
});
