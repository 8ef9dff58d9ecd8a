import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Notice } from '../../src/vscode/chat/notices';
import type { Emulator } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import type { TestApi } from './util';
import { pointAt, resetSettings, workspaceFolder } from './util';

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

export interface SuiteEmulators {
  readonly openai: Emulator;
  readonly tgi: Emulator;
}

/**
 * The OpenAI and TGI emulators of one explain/refactor `describe` block: started and pointed
 * at (with the fake key) before its tests; after them `teardown` runs, then the settings in
 * `TOUCHED` are reset and both emulators closed. Call it inside the `describe`.
 */
export function useEmulators(hooks: { setup?: () => Promise<void>; teardown?: () => Thenable<unknown> } = {}): SuiteEmulators {
  let openai: Emulator | undefined;
  let tgi: Emulator | undefined;
  before(async () => {
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url);
    await hooks.setup?.();
  });
  after(async () => {
    await hooks.teardown?.();
    await resetSettings(TOUCHED);
    await openai?.close();
    await tgi?.close();
  });
  const started = (e: Emulator | undefined): Emulator => {
    if (!e) throw new Error('the emulators start in the suite\'s before hook');
    return e;
  };
  return {
    get openai() { return started(openai); },
    get tgi() { return started(tgi); },
  };
}
