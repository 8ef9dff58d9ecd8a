import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import type { Services } from '../services';
import type { VsCodeSettings } from '../settings';

/**
 * `tandem.switchProvider`: `'openai' | 'huggingface'`, or no argument to toggle.
 * Writes `tandem.provider` (workspace scope when a folder is open) and returns the
 * active provider after the call. A private workspace refuses OpenAI.
 */
export function registerSwitchProvider(services: Services, settings: VsCodeSettings): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.switchProvider', async (arg?: unknown): Promise<ProviderId> => {
    const before = services.route('explain').provider;
    if (arg !== undefined && arg !== 'openai' && arg !== 'huggingface') {
      void vscode.window.showErrorMessage(`Tandem: unknown provider ${JSON.stringify(arg)}. Use "openai" or "huggingface".`);
      return before;
    }
    const target: ProviderId = arg ?? (before === 'openai' ? 'huggingface' : 'openai');

    const privacy = services.privacy.decisionFor();
    if (target === 'openai' && privacy.private) {
      services.log.warn(`Switch to OpenAI refused: this workspace is private (${privacy.reason}).`);
      void vscode.window.showWarningMessage(
        `Tandem: this workspace is private (${privacy.reason}), so its code goes only to your private endpoint. OpenAI stays off here.`,
      );
      return 'huggingface';
    }

    const scope = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    try {
      await vscode.workspace.getConfiguration('tandem').update('provider', target, scope);
    } catch (e) {
      services.log.error(`Could not write tandem.provider: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('Tandem: could not save tandem.provider (is the settings file read-only or invalid?).', 'Open Settings').then((a) => {
        if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.provider');
      });
      return before;
    }
    // Re-read now: the configuration event may arrive after we return.
    settings.reload();
    const after = services.route('explain');
    services.log.info(`Provider switched to ${target} (${scope === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings).`);
    if (after.provider !== target) {
      void vscode.window.showInformationMessage(`Tandem: tandem.provider is now "${target}", but ${after.ok ? after.why : 'another setting'} decides explain and refactor.`);
    } else if (!after.ok) {
      void vscode.window.showWarningMessage(`Tandem: ${after.why}`, 'Open Settings').then((a) => {
        if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.huggingface.endpointUrl');
      });
    }
    return after.provider;
  });
}
