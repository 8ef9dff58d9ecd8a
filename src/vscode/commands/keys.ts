import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import type { Log } from '../services';
import type { SecretKeyStore } from '../keys';
import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';

/** What the input box shows: the shape of each provider's keys. */
const PLACEHOLDER: Record<ProviderId, string> = {
  openai: 'sk-...',
  huggingface: 'hf_... (leave the box and press Escape if your endpoint needs none)',
};

/**
 * `tandem.setOpenAIKey` / `tandem.setHuggingFaceToken`: `key?: string`; none asks with a
 * password box, `''` deletes. The key goes to SecretStorage only: never to settings,
 * the log, or a message.
 */
export function registerKeyCommands(keys: SecretKeyStore, log: Log): vscode.Disposable[] {
  return PROVIDER_IDS.map((p) => vscode.commands.registerCommand(PROVIDERS[p].keyCommand, (arg?: unknown) => setKey(keys, log, p, arg)));
}

async function setKey(keys: SecretKeyStore, log: Log, provider: ProviderId, arg: unknown): Promise<void> {
  const what = { name: PROVIDERS[provider].keyName, placeholder: PLACEHOLDER[provider] };
  if (arg !== undefined && typeof arg !== 'string') {
    void vscode.window.showErrorMessage(`Tandem: the ${what.name} must be a string ('' deletes it).`);
    return;
  }
  let key = arg;
  if (key === undefined) {
    key = await vscode.window.showInputBox({
      title: `Tandem: Set ${what.name}`,
      prompt: `Stored in VS Code's secret storage, never in settings. Leave empty and press Enter to delete the stored one.`,
      placeHolder: what.placeholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/\s/.test(v.trim()) ? 'A key has no spaces or line breaks inside.' : undefined),
    });
    if (key === undefined) return; // cancelled
  }
  key = key.trim();
  if (/\s/.test(key)) {
    void vscode.window.showErrorMessage(`Tandem: that ${what.name} has spaces or line breaks inside; nothing was stored.`);
    return;
  }
  try {
    if (key === '') {
      await keys.delete(provider);
      log.info(`${what.name} deleted from secret storage.`);
      const envName = PROVIDERS[provider].keyEnv;
      const env = process.env[envName] ? ` ${envName} from the environment is used instead.` : '';
      void vscode.window.showInformationMessage(`Tandem: ${what.name} deleted.${env}`);
    } else {
      await keys.set(provider, key);
      log.info(`${what.name} stored in secret storage.`);
      void vscode.window.showInformationMessage(`Tandem: ${what.name} stored in VS Code's secret storage.`);
    }
  } catch (e) {
    // The message of a secret-storage failure holds no key; still, do not echo the input.
    log.error(`Secret storage failed for the ${what.name}: ${e instanceof Error ? e.name : 'error'}`);
    void vscode.window.showErrorMessage(`Tandem: VS Code's secret storage refused the ${what.name} (is the OS keyring available?). Nothing was stored.`);
  }
}
