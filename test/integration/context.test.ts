import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EgressRecord } from '../../src/core/egress/egressLog';
import type { Emulator } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { pointAt, resetSettings, setSetting, tandem, waitFor, workspaceFolder } from './util';

/**
 * Completion context from other files never carries an excluded file or a private
 * folder's file to OpenAI: canary strings in both, while those files are open in tabs,
 * were just edited and define the symbols at the cursor, never reach the OpenAI
 * emulator; a public file's code does (context works), and the egress log names it.
 */

const TOUCHED = ['provider', 'inline.provider', 'chat.provider', 'privateFolders', 'inline.context', 'inline.enabled', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model'];
const EXCLUDED_CANARY = 'CANARY_EXCLUDED_51c2f0';
const PRIVATE_CANARY = 'CANARY_PRIVATE_8d0e77';
const PUBLIC_MARK = 'PUBLIC_CONTEXT_MARK_3b9a';

const FILES: Record<string, string> = {
  'secrets/apikeys.ts': `export function excludedToken(): string {\n  return '${EXCLUDED_CANARY}';\n}\n`,
  'vault/ledger.ts': `export function privateLedger(): string {\n  return '${PRIVATE_CANARY}';\n}\n`,
  'ctx/helper.ts': `export function publicHelper(n: number): number {\n  return n * 2; // ${PUBLIC_MARK}\n}\n`,
};
const MAIN = "import { excludedToken } from '../secrets/apikeys';\nimport { privateLedger } from '../vault/ledger';\nimport { publicHelper } from './helper';\n\nexport const v = excludedToken() + privateLedger() + publicHelper(";

function abs(rel: string): string {
  return path.join(workspaceFolder().uri.fsPath, rel);
}

async function show(rel: string, text: string): Promise<vscode.TextEditor> {
  fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
  fs.writeFileSync(abs(rel), text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs(rel)));
  return vscode.window.showTextDocument(doc, { preview: false });
}

const posts = (e: Emulator) => e.requests.filter((r) => r.method === 'POST');
const bodies = (e: Emulator) => JSON.stringify(posts(e).map((r) => r.body));

/** Triggers ghost text at the end of `editor` until the emulator received one more request. */
async function completionRequest(editor: vscode.TextEditor, e: Emulator): Promise<void> {
  const before = posts(e).length;
  const end = editor.document.positionAt(editor.document.getText().length);
  await waitFor('a completion request', async () => {
    await vscode.window.showTextDocument(editor.document, { preview: false, selection: new vscode.Range(end, end) });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    for (let i = 0; i < 30 && posts(e).length === before; i++) await new Promise((r) => setTimeout(r, 50));
    return posts(e).length > before;
  }, 20_000);
}

describe('inline context from other files', function () {
  this.timeout(90_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-context-fake-0000');
    await setSetting('provider', 'openai', vscode.ConfigurationTarget.Global);
    await setSetting('privateFolders', [abs('vault')], vscode.ConfigurationTarget.Global);
    openai.setReply({ text: '21);' });
    // The canary files are open in tabs, visited and just edited (their canaries in the edit).
    for (const [rel, text] of Object.entries(FILES)) {
      const editor = await show(rel, text);
      await editor.edit((b) => b.insert(new vscode.Position(1, 0), `  // edited: ${text.includes('CANARY') ? text.split("'")[1] : PUBLIC_MARK}\n`));
      await editor.document.save();
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings(TOUCHED);
    await vscode.commands.executeCommand('tandem.setOpenAIKey', '');
    await openai.close();
    await tgi.close();
    for (const dir of ['secrets', 'vault', 'ctx']) fs.rmSync(abs(dir), { recursive: true, force: true });
  });

  it('sends a public file as context, never an excluded or private one, and the egress log names it', async () => {
    const api = await tandem();
    const egress = async () => (await vscode.commands.executeCommand<EgressRecord[]>('tandem.showEgress')) ?? [];
    const lastId = Math.max(0, ...(await egress()).map((r) => r.id));
    const editor = await show('ctx/main.ts', MAIN);
    await completionRequest(editor, openai);
    const sent = bodies(openai);
    assert.ok(!sent.includes(EXCLUDED_CANARY), 'the excluded file reached OpenAI');
    assert.ok(!sent.includes(PRIVATE_CANARY), 'the private folder reached OpenAI');
    assert.ok(sent.includes(PUBLIC_MARK), 'the public helper was sent as context');
    // Files outside the workspace (the profile's settings.json, edited by the tests' own setting writes) are never context.
    assert.ok(!sent.includes('settings.json') && !sent.includes('extensions.autoUpdate'), 'a file outside the workspace was sent as context');
    const inline = (await egress()).filter((r) => r.id > lastId && r.feature === 'inline');
    assert.ok(inline.some((r) => r.contextFiles?.includes('ctx/helper.ts')), JSON.stringify(inline));
    assert.ok(inline.every((r) => !(r.contextFiles ?? []).some((f) => f.startsWith('secrets/') || f.startsWith('vault/'))), JSON.stringify(inline));
    const tip = api.testHooks.status().tooltip.replace(/\\/g, '');
    assert.match(tip, /Last completion: context from \d+ other file/);
  });

  it('explain and refactor carry no context source either', async () => {
    const editor = await show('ctx/main.ts', MAIN);
    const range = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    openai.setReply({ text: 'It adds three values.' });
    assert.ok(await vscode.commands.executeCommand('tandem.explain', { uri: editor.document.uri, range }));
    openai.setReply({ text: `\`\`\`ts\n${MAIN}1);\n\`\`\`` });
    await vscode.commands.executeCommand('tandem.refactor', { instruction: 'finish the call', apply: 'immediately', uri: editor.document.uri, range });
    const sent = bodies(openai);
    assert.ok(!sent.includes(EXCLUDED_CANARY) && !sent.includes(PRIVATE_CANARY));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('tandem.inline.context "off" sends only the file itself', async () => {
    await setSetting('inline.context', 'off', vscode.ConfigurationTarget.Global);
    openai.setReply({ text: '4);' });
    // Another file with other text: a cached answer for the first one would send nothing.
    const editor = await show('ctx/other.ts', MAIN.replace('export const v', 'export const w'));
    const before = posts(openai).length;
    await completionRequest(editor, openai);
    const mine = JSON.stringify(posts(openai).slice(before).map((r) => r.body));
    assert.ok(!mine.includes(PUBLIC_MARK), 'context was sent although turned off');
    await setSetting('inline.context', 'on', vscode.ConfigurationTarget.Global);
  });
});
