import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RESTRICTED_SETTINGS } from '../../../src/core/trust';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { startTgiEmulator } from '../../servers/tgi';
import { pointAt, resetSettings, tandem, workspaceFolder } from '../util';

/**
 * Restricted Mode (this suite's host runs with workspace trust on, and the fixture folder is
 * not trusted): the repository's .vscode/settings.json sets every setting that spends money
 * or changes where code goes, and none of them is honoured; its privacy settings still are.
 */
interface ExplainResult { text: string; provider: string; model: string }

function posts(e: Emulator): number {
  return e.requests.filter((r) => r.method === 'POST').length;
}

async function openFile(rel: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(workspaceFolder().uri.fsPath, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

describe('Restricted Mode honours none of the restricted settings from the workspace', function () {
  this.timeout(60_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url);
  });
  after(async () => {
    await resetSettings(['openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model']);
    await openai.close();
    await tgi.close();
  });

  it('the workspace is untrusted and its settings file sets every restricted setting', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const file = path.join(workspaceFolder().uri.fsPath, '.vscode', 'settings.json');
    const set: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(typeof set === 'object' && set !== null);
    for (const key of RESTRICTED_SETTINGS) assert.ok(key in set, `the fixture sets ${key}`);
  });

  it('VS Code reports the user value or the default for each of them, never the workspace value', () => {
    const cfg = vscode.workspace.getConfiguration();
    for (const key of RESTRICTED_SETTINGS) {
      const i = cfg.inspect(key);
      if (i?.defaultValue === undefined) continue; // a setting this build does not contribute yet
      if (key === 'tandem.huggingface.model') continue; // the test sets it in the user settings
      assert.deepEqual(cfg.get(key), i.defaultValue, `${key} comes from the workspace`);
    }
  });

  it('routing, models and prices stay the user\'s: explain goes to OpenAI with the default model, priced by the built-in table', async () => {
    const api = await tandem();
    assert.equal(api.activeProvider('explain'), 'openai', 'tandem.provider / tandem.chat.provider from the repository are ignored');
    assert.equal(api.activeProvider('inline'), 'openai', 'tandem.inline.provider from the repository is ignored');
    openai.setReply({ text: 'It adds.', usage: { promptTokens: 1000, completionTokens: 10 } });
    const doc = await openFile('src/add.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: doc.uri, range: new vscode.Range(0, 0, 2, 1) });
    assert.equal(r?.provider, 'openai');
    assert.equal(r?.model, 'gpt-4.1-mini');
    const body = openai.requests.filter((x) => x.method === 'POST').at(-1)?.body;
    assert.ok(body && typeof body === 'object' && 'model' in body);
    assert.equal(body.model, 'gpt-4.1-mini', 'tandem.openai.chatModel from the repository is ignored');
    assert.equal(posts(tgi), 0);
    const last = (await api.usage()).at(-1);
    assert.ok(last);
    assert.ok(last.costUsd < 0.01, `priced with the built-in table, not the repository's tandem.pricing (${last.costUsd})`);
  });

  it('the repository\'s privacy settings still apply: its tandem.exclude keeps a file from every model', async () => {
    const before = posts(openai) + posts(tgi);
    const doc = await openFile('private-notes/plan.ts', 'export const plan = 1;\n');
    const r = await vscode.commands.executeCommand<ExplainResult>('tandem.explain', { uri: doc.uri, range: new vscode.Range(0, 0, 0, 22) });
    assert.equal(r, undefined);
    assert.equal(posts(openai) + posts(tgi), before, 'nothing sent anywhere');
  });
});
