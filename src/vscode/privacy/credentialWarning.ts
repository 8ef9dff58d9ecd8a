import * as vscode from 'vscode';
import type { TandemConfig } from '../../core/config';
import { hasUrlCredentials } from '../../core/net/urlCredentials';
import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import type { Log, SettingsStore } from '../services';

/** The endpoint settings that may hold a URL, with the command that stores their secret instead. */
const URL_SETTINGS: readonly { key: string; value(c: TandemConfig): string; command: string; title: string }[] = PROVIDER_IDS.map((p) => ({
  key: PROVIDERS[p].endpointSetting, value: (c: TandemConfig) => PROVIDERS[p].baseUrl(c), command: PROVIDERS[p].keyCommand, title: PROVIDERS[p].keyCommandTitle,
}));

/**
 * A user name or password written into an endpoint URL sits in plain text in settings.json
 * (and Node's fetch refuses such URLs anyway): warn once per value, pointing to the command
 * that keeps the secret in SecretStorage.
 */
export function watchUrlCredentials(settings: SettingsStore, log: Log): vscode.Disposable {
  const warned = new Set<string>();
  const check = (config: TandemConfig) => {
    for (const s of URL_SETTINGS) {
      const url = s.value(config);
      if (!hasUrlCredentials(url) || warned.has(`${s.key}=${url}`)) continue;
      warned.add(`${s.key}=${url}`);
      const text = `Tandem: ${s.key} holds a user name or password in its URL. Remove it from the setting and run "Tandem: ${s.title}" to store the secret safely.`;
      log.warn(text);
      void vscode.window.showWarningMessage(text, s.title, 'Open Settings').then((choice) => {
        if (choice === s.title) void vscode.commands.executeCommand(s.command);
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', s.key);
      });
    }
  };
  check(settings.current());
  return settings.onDidChange(check);
}
