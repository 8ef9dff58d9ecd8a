import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TandemApi, TestHooks } from '../../src/vscode/api';

/** Shared helpers for integration tests running inside the extension host. */

export type TestApi = TandemApi & { testHooks: TestHooks };

export async function tandem(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TandemApi & { testHooks?: TestHooks }>('tandem-dev.tandem');
  if (!ext) throw new Error('extension tandem-dev.tandem is not installed in the test host');
  const api = await ext.activate();
  const hooks = api.testHooks;
  if (!hooks) throw new Error('the extension did not export its test hooks: is it running in test mode?');
  return { ...api, testHooks: hooks };
}

/** Polls until `check` returns a truthy value or the deadline passes. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<Truthy<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await check();
    if (last) return last as Truthy<T>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration tests need a folder open');
  return f;
}

/** Sets a `tandem.*` setting and resolves once the extension has seen it. */
export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Promise<void> {
  await vscode.workspace.getConfiguration('tandem').update(key, value, target);
  await new Promise((r) => setTimeout(r, 50));
}

/**
 * The test profile points both endpoints at loopback canaries (test/host/profile.js), so a
 * stray request never leaves the machine; resetting restores those, never the real defaults.
 */
const PROFILE_ENDPOINTS: Record<string, unknown> = Object.fromEntries(
  ['openai.baseUrl', 'huggingface.endpointUrl'].map((k) => [k, vscode.workspace.getConfiguration('tandem').inspect(k)?.globalValue]),
);

/** Clears the given `tandem.*` keys at user and workspace scope (endpoints go back to the profile's canaries). */
export async function resetSettings(keys: string[]): Promise<void> {
  for (const key of keys) {
    const cfg = vscode.workspace.getConfiguration('tandem');
    const i = cfg.inspect(key);
    if (i?.workspaceValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    const profile = PROFILE_ENDPOINTS[key];
    if (i?.globalValue !== profile) await cfg.update(key, profile, vscode.ConfigurationTarget.Global);
  }
  await new Promise((r) => setTimeout(r, 50));
}

/** Writes a file into the test workspace, opens it and puts the cursor at (line, character). */
export async function openAt(rel: string, text: string, line: number, character: number): Promise<vscode.TextEditor> {
  const file = path.join(workspaceFolder().uri.fsPath, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc);
  const pos = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(pos, pos);
  return editor;
}

/**
 * Ghost text without executeInlineCompletionItemProvider (code-server has no such command): trigger, then
 * commit until `expected` is in the document (or the deadline passes).
 */
export async function triggerAndCommit(editor: vscode.TextEditor, expected: string): Promise<string> {
  return waitFor(`"${expected}" inserted`, async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await new Promise((r) => setTimeout(r, 100));
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    const text = editor.document.getText();
    return text.includes(expected) && text;
  }, 15_000);
}

/**
 * Points both providers at the emulators (machine-scoped endpoints: Global writes the Machine
 * settings file) with a fake OpenAI key.
 */
export async function pointAt(openaiUrl: string, tgiUrl: string, key = 'sk-test-fake-key-0000'): Promise<void> {
  await setSetting('openai.baseUrl', `${openaiUrl}/v1`, vscode.ConfigurationTarget.Global);
  await setSetting('huggingface.endpointUrl', tgiUrl, vscode.ConfigurationTarget.Global);
  await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('tandem.setOpenAIKey', key);
}
