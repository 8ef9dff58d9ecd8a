import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { isProviderId, PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import { openSetting } from '../actions';
import type { Services } from '../services';
import type { VsCodeSettings } from '../settings';
import { providerTarget, scopeName } from './providerScope';

/**
 * `tandem.switchProvider`: `'openai' | 'huggingface'`, or no argument to toggle (for a
 * keybinding). Writes `tandem.provider` in the user settings, or in the scope that already
 * holds a value for it, so a personal preference never becomes a diff in the repository.
 * Returns the active provider after the call. A private workspace refuses OpenAI.
 */
export function registerSwitchProvider(services: Services, settings: VsCodeSettings): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.switchProvider', (arg?: unknown) => switchProvider(services, settings, arg));
}

export async function switchProvider(services: Services, settings: VsCodeSettings, arg?: unknown): Promise<ProviderId> {
  const before = services.route('explain').provider;
  if (arg !== undefined && !isProviderId(arg)) {
    void vscode.window.showErrorMessage(`Tandem: unknown provider ${JSON.stringify(arg)}. Use "openai" or "huggingface".`);
    return before;
  }
  // No argument: the other one.
  const target: ProviderId = arg ?? PROVIDER_IDS.find((p) => p !== before) ?? before;

  const privacy = services.privacy.decisionFor();
  if (PROVIDERS[target].cloud && privacy.private) {
    services.log.warn(`Switch to OpenAI refused: this workspace is private (${privacy.reason}).`);
    void vscode.window.showWarningMessage(
      `Tandem: this workspace is private (${privacy.reason}), so its code goes only to your private endpoint. OpenAI stays off here.`,
    );
    return 'huggingface';
  }

  const scope = providerTarget(vscode.workspace.getConfiguration('tandem').inspect('provider'));
  try {
    await vscode.workspace.getConfiguration('tandem').update('provider', target, scope);
  } catch (e) {
    services.log.error(`Could not write tandem.provider: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Tandem: could not save tandem.provider (is the settings file read-only or invalid?).', 'Open Settings').then((a) => {
      if (a) void openSetting('tandem.provider');
    });
    return before;
  }
  // Re-read now: the configuration event may arrive after we return.
  settings.reload();
  const after = services.route('explain');
  services.log.info(`Provider switched to ${target} (${scopeName(scope)} settings).`);
  if (after.provider !== target) {
    void vscode.window.showInformationMessage(`Tandem: tandem.provider is now "${target}", but ${after.ok ? after.why : 'another setting'} decides explain and refactor.`);
  } else if (!after.ok) {
    void vscode.window.showWarningMessage(`Tandem: ${after.why}`, 'Set Private Endpoint…').then((a) => {
      if (a) void vscode.commands.executeCommand('tandem.setPrivateEndpoint');
    });
  }
  return after.provider;
}
