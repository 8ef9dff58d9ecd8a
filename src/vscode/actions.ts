import * as vscode from 'vscode';
import { scrubUrlCredentials } from '../core/net/urlCredentials';
import type { ErrorAction } from '../core/llm/types';
import { isRecord } from '../core/config';
import { settingMentioned } from '../core/settingMention';
import { PROVIDERS, providerOfKeyAction } from '../core/providers';

/** Button labels for the actions a typed error or a check result carries. */
export const ACTION_LABELS: Record<ErrorAction, string> = {
  // Short: a button row holds up to three (the palette's titles are longer).
  setOpenAIKey: 'Set OpenAI Key',
  setHuggingFaceToken: 'Set Hugging Face Token',
  openSettings: 'Open Settings',
  switchProvider: 'Switch Provider',
  retry: 'Retry',
  showLog: 'Show Log',
};

/** Runs the command behind an action; `retry` is the caller's own. */
export function runAction(action: ErrorAction, retry: () => void, settingsQuery = '@ext:tandem-dev.tandem'): void {
  const keyOf = providerOfKeyAction(action);
  if (keyOf) {
    void vscode.commands.executeCommand(PROVIDERS[keyOf].keyCommand);
    return;
  }
  switch (action) {
    case 'switchProvider':
      void vscode.commands.executeCommand('tandem.switchProvider');
      break;
    case 'openSettings':
      void openSetting(settingsQuery);
      break;
    case 'showLog':
      void vscode.commands.executeCommand('tandem.showLog');
      break;
    case 'retry':
      retry();
      break;
  }
}

/**
 * Shows a message with one button per action and runs the chosen one in the
 * background, so a script awaiting the command is never blocked on a notification.
 */
export function notify(level: 'info' | 'warning' | 'error', message: string, actions: readonly ErrorAction[], retry: () => void, settingsQuery?: string): void {
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const unique = [...new Set(actions)].slice(0, 3);
  // "Open Settings" opens the setting the message names, when it names one.
  const query = settingsQuery ?? settingMentioned(message, tandemSettings());
  void show(scrubUrlCredentials(message), ...unique.map((a) => ACTION_LABELS[a])).then((picked) => {
    const action = unique.find((a) => ACTION_LABELS[a] === picked);
    if (action) runAction(action, retry, query);
  });
}

/**
 * Opens the Settings editor at one key. On a remote window (code-server, Remote-SSH, WSL,
 * Codespaces) the endpoint URLs are machine settings, which only the Remote tab lists: open
 * that tab there. `openRemoteSettings` takes an options object, `openSettings` a query string.
 */
export async function openSetting(query = '@ext:tandem-dev.tandem'): Promise<void> {
  if (vscode.env.remoteName) await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query });
  else await vscode.commands.executeCommand('workbench.action.openSettings', query);
}

/** Every `tandem.*` setting the extension declares. */
function tandemSettings(): string[] {
  const pkg: unknown = vscode.extensions.getExtension('tandem-dev.tandem')?.packageJSON;
  const props = isRecord(pkg) && isRecord(pkg.contributes) && isRecord(pkg.contributes.configuration) ? pkg.contributes.configuration.properties : undefined;
  return isRecord(props) ? Object.keys(props) : [];
}

