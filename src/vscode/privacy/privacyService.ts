import * as os from 'os';
import * as vscode from 'vscode';
import { matchExclude } from '../../core/privacy/exclude';
import type { ExcludeMatch } from '../../core/privacy/exclude';
import { filePrivacy } from '../../core/privacy/workspacePrivacy';
import type { FolderFacts, PrivacyDecision, SettingScope } from '../../core/privacy/workspacePrivacy';
import type { PrivacyService, SettingsStore } from '../services';

/**
 * Decides privacy per file from the settings of every scope. Folder facts are
 * cached and rebuilt on a configuration or workspace-folder change, so asking
 * on every keystroke costs no settings look-up.
 */
export class VsCodePrivacy implements PrivacyService, vscode.Disposable {
  private folders: FolderFacts[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly settings: SettingsStore, private readonly home: string = os.homedir()) {
    this.rebuild();
    this.subscriptions.push(
      settings.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
    );
  }

  decisionFor(uri?: vscode.Uri): PrivacyDecision {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const path = target && target.scheme !== 'untitled' ? target.fsPath : undefined;
    return filePrivacy(path, this.folders, this.settings.current().privateFolders, this.home);
  }

  excluded(uri: vscode.Uri): ExcludeMatch | undefined {
    const rel = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : undefined;
    return matchExclude(this.settings.current().exclude, uri.fsPath, rel);
  }

  private rebuild(): void {
    this.folders = (vscode.workspace.workspaceFolders ?? []).map((f) => {
      const i = vscode.workspace.getConfiguration('tandem', f.uri).inspect<unknown>('privateWorkspace');
      const trueAt: SettingScope[] = [];
      if (i?.globalValue === true) trueAt.push('user');
      if (i?.workspaceValue === true) trueAt.push('workspace');
      if (i?.workspaceFolderValue === true) trueAt.push('folder');
      return { path: f.uri.fsPath, name: f.name, privateWorkspaceTrueAt: trueAt };
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
