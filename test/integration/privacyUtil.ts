import * as vscode from 'vscode';
import type { Emulator, RecordedRequest } from '../servers/common';
import { startOpenAIEmulator } from '../servers/openai';
import { startTgiEmulator } from '../servers/tgi';
import { pointAt, resetSettings, setSetting, tandem } from './util';

/**
 * What the privacy tests share (privacy.test.ts, privacyInline.test.ts and
 * privacyExplainRefactor.test.ts): the emulators and the hooks that start, reset and stop
 * them, the fake secrets, and helpers that read what the emulators received.
 */

export interface ExplainResult { text: string; provider: string; model: string }

const TOUCHED = ['provider', 'chat.provider', 'inline.provider', 'inline.enabled', 'fallbackToPrivate', 'privateWorkspace', 'openai.baseUrl', 'huggingface.endpointUrl', 'huggingface.model'];

// Fake secrets in real shapes (none is live).
export const GITHUB = 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d';
const AWS_ID = 'AKIAZ7VQ4MLP2XH6TR3N';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8RTb5VKj';
const DB_PASSWORD = 'Tr0ub4dor&3x';
export const SECRETS = [GITHUB, AWS_ID, AWS_SECRET, DB_PASSWORD];
export const CONFIG_TS = [
  `const githubToken = "${GITHUB}";`,
  `const awsAccessKeyId = "${AWS_ID}";`,
  `const awsSecretAccessKey = "${AWS_SECRET}";`,
  `const databaseUrl = "postgres://app:${DB_PASSWORD}@db.internal:5432/app";`,
  '',
].join('\n');
export const ENV_MARKER = 'ENV_ONLY_MARKER_4417';

export function bodies(e: Emulator): string {
  return JSON.stringify(e.requests.map((r) => r.body));
}

export function modelCalls(e: Emulator): RecordedRequest[] {
  return e.requests.filter((r) => r.method === 'POST');
}

export function wholeRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

/**
 * The timeout and hooks of a privacy test file's describe: both emulators started and pointed
 * at before its tests, faults, replies and the settings a test changes reset after each, and
 * all of it undone after the last. `set` hands the running emulators to the file's tests.
 */
export function privacyHooks(suite: Mocha.Suite, set: (servers: { openai: Emulator; tgi: Emulator }) => void): void {
  suite.timeout(90_000);
  let openai: Emulator;
  let tgi: Emulator;

  before(async () => {
    await tandem();
    openai = await startOpenAIEmulator();
    tgi = await startTgiEmulator({ modelId: 'bigcode/starcoder2-15b' });
    await pointAt(openai.url, tgi.url, 'sk-test-privacy-fake-0000');
    set({ openai, tgi });
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
    tgi.setFault(undefined);
    openai.setReply({});
    tgi.setReply({});
    await resetSettings(['privateWorkspace', 'provider', 'chat.provider', 'inline.provider', 'fallbackToPrivate']);
    await setSetting('huggingface.endpointUrl', tgi.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}
