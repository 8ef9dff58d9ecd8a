import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * `tandem.toggleInlineCompletions` (`enabled?: boolean`, returns the new state). The
 * state is the `tandem.inline.enabled` setting itself, so it survives a restart and the
 * status bar, which reads the settings, shows it. It is written where it is in force:
 * the workspace when the workspace sets it, else the user settings.
 */
export function registerToggleInline(services: Services, reload: () => void): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.toggleInlineCompletions', async (arg?: unknown): Promise<boolean> => {
    const before = services.settings.current().inline.enabled;
    if (arg !== undefined && typeof arg !== 'boolean') {
      void vscode.window.showErrorMessage(`Tandem: toggleInlineCompletions takes true, false or nothing, not ${JSON.stringify(arg)}.`);
      return before;
    }
    const target = arg ?? !before;
    const cfg = vscode.workspace.getConfiguration('tandem');
    const inspected = cfg.inspect<boolean>('inline.enabled');
    const scope = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    try {
      await cfg.update('inline.enabled', target, scope);
    } catch (e) {
      services.log.error(`Could not write tandem.inline.enabled: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('Tandem: could not save tandem.inline.enabled (is the settings file read-only or invalid?).');
      return before;
    }
    reload();
    const after = services.settings.current().inline.enabled;
    services.log.info(`Inline completions ${after ? 'on' : 'off'}.`);
    if (after !== target) {
      // A folder-level value still wins over what we wrote.
      void vscode.window.showWarningMessage(`Tandem: inline completions stay ${after ? 'on' : 'off'}: a folder setting of tandem.inline.enabled decides.`);
    }
    services.status.refresh();
    return after;
  });
}
