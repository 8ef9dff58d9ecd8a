import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * `tandem.markWorkspacePrivate`: writes `"tandem.privateWorkspace": true` into the folder's
 * `.vscode/settings.json`, so the whole team's Tandem keeps this repository on the private
 * endpoint once the file is committed. Returns whether a folder was marked.
 */
export function registerMarkPrivate(services: Services, reload: () => void): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.markWorkspacePrivate', async (): Promise<boolean> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) {
      void vscode.window.showErrorMessage('Tandem: open the repository\'s folder first; privacy is set in its .vscode/settings.json.', 'Open Folder').then((a) => {
        if (a) void vscode.commands.executeCommand('workbench.action.files.openFolder');
      });
      return false;
    }
    let folder = folders.length === 1 ? folders[0] : undefined;
    if (!folder) {
      const active = vscode.window.activeTextEditor?.document.uri;
      const fromEditor = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
      const pick = await vscode.window.showQuickPick(
        folders.map((f) => ({ label: f.name, description: f.uri.fsPath, folder: f, picked: f === fromEditor })),
        { title: 'Tandem: which folder is private?', placeHolder: 'Its .vscode/settings.json gets "tandem.privateWorkspace": true' },
      );
      if (!pick) return false;
      folder = pick.folder;
    }
    const target = folders.length === 1 ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.WorkspaceFolder;
    try {
      await vscode.workspace.getConfiguration('tandem', folder.uri).update('privateWorkspace', true, target);
    } catch (e) {
      services.log.error(`Could not write tandem.privateWorkspace: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Tandem: could not write .vscode/settings.json in "${folder.name}" (read-only, or invalid JSON?). Nothing changed.`);
      return false;
    }
    reload();
    services.log.info(`Marked "${folder.name}" private (.vscode/settings.json).`);
    void vscode.window.showInformationMessage(
      `Tandem: "${folder.name}" is private now: its code goes only to your private endpoint. Commit .vscode/settings.json so your team gets the same rule.`,
    );
    return true;
  });
}
