import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resetSettings, setSetting, tandem, waitFor, workspaceFolder } from './util';

const TOUCHED = ['provider', 'privateWorkspace', 'privateFolders', 'huggingface.endpointUrl', 'huggingface.model', 'inline.provider', 'chat.provider'];

describe('foundation: status bar, provider switch, keys', () => {
  afterEach(() => resetSettings(TOUCHED));

  it('shows OpenAI by default, with the chat model in the tooltip', async () => {
    const api = await tandem();
    await setSetting('provider', 'openai');
    const s = await waitFor('status OpenAI', () => api.testHooks.status().text.includes('OpenAI') && api.testHooks.status());
    assert.match(s.text, /^\$\((cloud|warning)\) OpenAI/);
    assert.match(s.tooltip, /gpt-4\.1-mini/);
    assert.equal(api.activeProvider(), 'openai');
  });

  it('follows tandem.provider to the private endpoint', async () => {
    const api = await tandem();
    await setSetting('huggingface.endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
    await setSetting('provider', 'huggingface');
    // A server, not a lock: the lock means an enforced private workspace only.
    const s = await waitFor('status Private', () => api.testHooks.status().text === '$(server) Private' && api.testHooks.status());
    assert.match(s.tooltip, /starcoder2-15b/);
    assert.equal(api.activeProvider('inline'), 'huggingface');
  });

  it('switches with and without an argument and writes tandem.provider in the user settings', async () => {
    const api = await tandem();
    await setSetting('huggingface.endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('tandem.switchProvider', 'huggingface'), 'huggingface');
    assert.equal(vscode.workspace.getConfiguration('tandem').inspect('provider')?.globalValue, 'huggingface');
    assert.equal(vscode.workspace.getConfiguration('tandem').inspect('provider')?.workspaceValue, undefined, 'nothing written into the repository');
    assert.equal(api.activeProvider(), 'huggingface');
    assert.equal(await vscode.commands.executeCommand('tandem.switchProvider'), 'openai');
    assert.equal(vscode.workspace.getConfiguration('tandem').inspect('provider')?.globalValue, 'openai');
    await waitFor('status follows the toggle', () => api.testHooks.status().text.includes('OpenAI'));
    // An unknown id changes nothing.
    assert.equal(await vscode.commands.executeCommand('tandem.switchProvider', 'anthropic'), 'openai');
  });

  it('refuses OpenAI in a private workspace, whatever the provider settings say', async () => {
    const api = await tandem();
    await setSetting('huggingface.endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await setSetting('provider', 'openai');
    await setSetting('inline.provider', 'openai');
    await setSetting('chat.provider', 'openai');
    await setSetting('privateWorkspace', true);
    const s = await waitFor('status Private', () => api.testHooks.status().text === '$(lock) Private' && api.testHooks.status());
    assert.match(s.tooltip, /Private:/);
    assert.match(s.tooltip, /settings\\?\.json/);
    assert.equal(api.activeProvider(), 'huggingface');
    assert.equal(api.activeProvider('inline'), 'huggingface');
    assert.equal(await vscode.commands.executeCommand('tandem.switchProvider', 'openai'), 'huggingface');
    assert.equal(await vscode.commands.executeCommand('tandem.switchProvider'), 'huggingface');
    assert.equal(vscode.workspace.getConfiguration('tandem').inspect('provider')?.workspaceValue, 'openai', 'the refused switch wrote nothing');
  });

  it('makes a workspace private through tandem.privateFolders (an ancestor glob)', async () => {
    const api = await tandem();
    await setSetting('huggingface.endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    const parent = path.dirname(workspaceFolder().uri.fsPath);
    await setSetting('privateFolders', [parent + '/**'], vscode.ConfigurationTarget.Global);
    await waitFor('status Private', () => api.testHooks.status().text === '$(lock) Private');
    assert.equal(api.activeProvider(), 'huggingface');
  });

  it('keeps keys in SecretStorage only: round trip, delete, and no file of ours holds them', async () => {
    const api = await tandem();
    const openaiKey = 'sk-test-FOUNDATION-0123456789abcdef';
    const hfToken = 'hf_testFOUNDATIONtoken0123456789';
    await vscode.commands.executeCommand('tandem.setOpenAIKey', openaiKey);
    await vscode.commands.executeCommand('tandem.setHuggingFaceToken', hfToken);

    const files = [
      ...api.testHooks.storagePaths(),
      workspaceFolder().uri.fsPath,
    ].flatMap(listFiles);
    for (const f of files) {
      const text = fs.readFileSync(f, 'latin1');
      assert.ok(!text.includes(openaiKey) && !text.includes(hfToken), `a key reached ${f}`);
    }
    const cfg = JSON.stringify(vscode.workspace.getConfiguration('tandem'));
    assert.ok(!cfg.includes(openaiKey) && !cfg.includes(hfToken), 'a key reached the settings');

    // Deleting with '' works and is idempotent.
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await vscode.commands.executeCommand('tandem.setHuggingFaceToken', '');
    const s = await waitFor('no-key warning', () => api.testHooks.status().text.includes('OpenAI: no key') && api.testHooks.status(), 3000).catch(() => undefined);
    // The warning only shows for api.openai.com; the test profile points OpenAI at a loopback port.
    if (s) assert.match(s.tooltip, /Set OpenAI API Key/);
  });
});

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const st = fs.statSync(root);
  if (st.isFile()) return [root];
  return fs.readdirSync(root).flatMap((n) => (n === 'node_modules' ? [] : listFiles(path.join(root, n))));
}
