import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Emulator } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { lastChat, lastNotice } from './explainRefactorUtil';
import { pointAt, resetSettings, setSetting, tandem, waitFor, workspaceFolder } from './util';

/**
 * The privacy boundaries a retry, a symlink or a loose file must not cross, counted at the
 * emulators: a folder marked private during a 429 wait gets no retry to OpenAI, a link to
 * `.env` is excluded, a link into a `tandem.privateFolders` folder is private, and a prompt
 * names a file outside the workspace by its base name only.
 */
interface ExplainResult { text: string; provider: string; model: string }

const TOUCHED = ['provider', 'chat.provider', 'inline.enabled', 'privateWorkspace', 'privateFolders', 'fallbackToPrivate', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model'];

function posts(e: Emulator): number {
  return e.requests.filter((r) => r.method === 'POST').length;
}

async function show(file: string, text?: string): Promise<vscode.TextDocument> {
  if (text !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function whole(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

describe('privacy boundaries: retries, symlinks and loose files', function () {
  this.timeout(60_000);
  let openai: Emulator;
  let tgi: Emulator;
  const root = () => workspaceFolder().uri.fsPath;
  // Outside the workspace (the host's TMPDIR is the run folder's).
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-outside-'));

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-boundaries-fake-0000');
    await setSetting('provider', 'openai', vscode.ConfigurationTarget.Global);
    // Ghost text on the opened files would send requests of its own (and meet the 429 first).
    await setSetting('inline.enabled', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai.close();
    await tgi.close();
  });
  afterEach(async () => {
    openai.setFault(undefined);
    openai.setReply({});
    await resetSettings(['privateWorkspace', 'privateFolders']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a folder marked private during a 429 retry-after wait: no further request reaches OpenAI, the command fails with the private-workspace message', async () => {
    const api = await tandem();
    api.testHooks.resetHealth();
    const doc = await show(path.join(root(), 'boundaries/race.ts'), 'export const RACE_MARKER_7731 = 1;\n');
    const raced = (e: Emulator) => e.requests.filter((x) => x.method === 'POST' && JSON.stringify(x.body).includes('RACE_MARKER_7731')).length;
    openai.setFault({ kind: 'status', status: 429, retryAfterSec: 2 });
    const running = vscode.commands.executeCommand<ExplainResult | undefined>('tandem.explain', { uri: doc.uri, range: whole(doc) });
    await waitFor('the first (rate-limited) request', () => raced(openai) > 0);
    await setSetting('privateWorkspace', true);
    const r = await running;
    assert.equal(r, undefined, 'the command failed');
    // Longer than the retry-after: a retry that outlived privacy would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(raced(openai), 1, 'only the first try reached OpenAI');
    assert.equal(raced(tgi), 0, 'and the request was not re-sent anywhere else');
    const notice = lastNotice(api.testHooks, 'explain');
    assert.match(JSON.stringify(notice), /This workspace is private .*nothing more was sent to OpenAI/);
    api.testHooks.resetHealth();
  });

  it('a symlink to .env is excluded: nothing is sent anywhere', async () => {
    const env = path.join(root(), '.env');
    assert.ok(fs.existsSync(env), 'the fixture has a .env');
    const link = path.join(root(), 'config', 'local.settings');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    if (!fs.existsSync(link)) fs.symlinkSync('../.env', link);
    const doc = await show(link);
    const before = posts(openai) + posts(tgi);
    const r = await vscode.commands.executeCommand<ExplainResult | undefined>('tandem.explain', { uri: doc.uri, range: whole(doc) });
    assert.equal(r, undefined);
    assert.equal(posts(openai) + posts(tgi), before, 'nothing was sent anywhere');
    const api = await tandem();
    assert.match(JSON.stringify(lastNotice(api.testHooks, 'explain')), /tandem\.exclude/);
  });

  it('a symlinked folder whose real path is in tandem.privateFolders is private: nothing reaches OpenAI', async () => {
    const repo = path.join(outside, 'private-repo');
    fs.mkdirSync(repo, { recursive: true });
    fs.writeFileSync(path.join(repo, 'vault.ts'), 'export const vault = "VAULT_MARKER_5521";\n');
    const link = path.join(root(), 'vendor');
    if (!fs.existsSync(link)) fs.symlinkSync(repo, link, 'dir');
    await setSetting('privateFolders', [repo], vscode.ConfigurationTarget.Global);
    tgi.setReply({ text: 'Holds the vault.' });
    const doc = await show(path.join(link, 'vault.ts'));
    assert.equal(doc.uri.fsPath, path.join(link, 'vault.ts'), 'opened through the link');
    const before = posts(openai);
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: doc.uri, range: whole(doc) });
    assert.equal(r?.provider, 'huggingface');
    assert.equal(posts(openai), before, 'nothing reached OpenAI');
    assert.ok(!JSON.stringify(openai.requests.map((x) => x.body)).includes('VAULT_MARKER_5521'));
  });

  it('a file outside every workspace folder is named by its base name only in the prompt', async () => {
    const file = path.join(outside, 'notes', 'scratch-notes.ts');
    const doc = await show(file, 'export const n = 1;\n');
    openai.setReply({ text: 'Exports n.' });
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: doc.uri, range: whole(doc) });
    assert.equal(r?.provider, 'openai');
    const user = lastChat(openai.requests).messages.at(-1)?.content ?? '';
    assert.match(user, /File: scratch-notes\.ts \(language: typescript\)/);
    assert.ok(!JSON.stringify(openai.requests.map((x) => x.body)).includes(outside), 'no absolute path left the machine');
  });
});
