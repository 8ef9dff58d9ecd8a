import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Notice } from '../../src/vscode/explain/notices';
import type { TestApi } from './util';
import { workspaceFolder } from './util';

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
