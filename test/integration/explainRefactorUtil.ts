import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Notice } from '../../src/vscode/explain/notices';
import type { TestApi } from './util';
import { setSetting, workspaceFolder } from './util';

export function featureHooks(api: TestApi): TestApi['testHooks'] {
  return api.testHooks;
}

/** Writes a file into the test workspace and opens it in an editor. */
export async function openFile(rel: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceFolder().uri.fsPath, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Points both providers at the emulators (machine-scoped endpoints: Global writes the Machine settings). */
export async function pointAt(openaiUrl: string, tgiUrl: string): Promise<void> {
  await setSetting('openai.baseUrl', `${openaiUrl}/v1`, vscode.ConfigurationTarget.Global);
  await setSetting('huggingface.endpointUrl', tgiUrl, vscode.ConfigurationTarget.Global);
  await setSetting('huggingface.model', 'bigcode/starcoder2-15b', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('tandem.setOpenAIKey', 'sk-test-explain-fake-0000');
}

export const TOUCHED = ['provider', 'chat.provider', 'fallbackToPrivate', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model', 'privateWorkspace'];

/** The last chat request an emulator received, as its JSON body. */
export function lastChat(requests: { path: string; body: unknown }[]): { messages: { role: string; content: string }[]; max_tokens?: number } {
  const r = [...requests].reverse().find((x) => x.path.startsWith('/v1/chat/completions'));
  if (!r) throw new Error('no chat request reached the emulator');
  return r.body as { messages: { role: string; content: string }[] };
}

export function lastNotice(h: TestApi['testHooks'], feature: 'explain' | 'refactor'): Notice | undefined {
  return [...h.notices()].reverse().find((n) => n.feature === feature);
}
