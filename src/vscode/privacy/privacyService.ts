import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { matchExclude } from '../../core/privacy/exclude';
import type { ExcludeMatch } from '../../core/privacy/exclude';
import { trueScopes, unionOfScopes } from '../../core/privacy/folderSettings';
import { filePrivacy } from '../../core/privacy/workspacePrivacy';
import type { FolderFacts, PrivacyDecision } from '../../core/privacy/workspacePrivacy';
import type { PrivacyService, SettingsStore } from '../services';

interface FolderState extends FolderFacts {
  uri: vscode.Uri;
  /** `tandem.exclude` for files in this folder: default ∪ user ∪ workspace ∪ this folder. */
  exclude: string[];
}

/**
 * Decides privacy per file from the settings of every scope, per workspace folder
 * (CONTRACT.md, Precise rules). Folder facts are cached and rebuilt on a configuration or
 * workspace-folder change, so asking on every keystroke costs no settings look-up.
 */
export class VsCodePrivacy implements PrivacyService, vscode.Disposable {
  private folders: FolderState[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly settings: SettingsStore, private readonly home: string = os.homedir()) {
    this.rebuild();
    this.subscriptions.push(
      settings.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
      // Privacy only adds: rebuild on any change that could touch it, even one the settings store skipped.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tandem.privateWorkspace') || e.affectsConfiguration('tandem.exclude')) this.rebuild();
      }),
    );
  }

  decisionFor(uri?: vscode.Uri): PrivacyDecision {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    return filePrivacy(this.pathOf(target), this.folders, this.settings.current().privateFolders, this.home);
  }

  excluded(uri: vscode.Uri): ExcludeMatch | undefined {
    const file = this.pathOf(uri);
    if (file === undefined) return undefined;
    const folder = this.folderOf(uri);
    if (folder) return matchExclude(folder.exclude, file, toPosix(path.relative(folder.uri.fsPath, file)));
    // Outside every folder: the union of every folder's patterns (the strictest), on the absolute path.
    const all = new Set(this.settings.current().exclude);
    for (const f of this.folders) for (const p of f.exclude) all.add(p);
    return matchExclude([...all], file, undefined);
  }

  /** Untitled documents have no path: they follow the strictest open folder. */
  private pathOf(uri: vscode.Uri | undefined): string | undefined {
    if (!uri || uri.scheme === 'untitled') return undefined;
    return uri.fsPath;
  }

  /** The innermost workspace folder holding the uri (VS Code's getWorkspaceFolder picks the innermost too). */
  private folderOf(uri: vscode.Uri): FolderState | undefined {
    const wf = vscode.workspace.getWorkspaceFolder(uri);
    return wf ? this.folders.find((f) => f.uri.toString() === wf.uri.toString()) : undefined;
  }

  private rebuild(): void {
    // A .code-workspace holds the workspace-scope settings of a multi-root workspace; folder-scope ones stay in each folder.
    const workspaceFile = vscode.workspace.workspaceFile;
    const settingsFile = workspaceFile && (workspaceFile.scheme === 'untitled' ? 'the workspace settings' : path.basename(workspaceFile.fsPath));
    this.folders = (vscode.workspace.workspaceFolders ?? []).map((f) => {
      const cfg = vscode.workspace.getConfiguration('tandem', f.uri);
      return {
        uri: f.uri,
        path: f.uri.fsPath,
        name: f.name,
        privateWorkspaceTrueAt: trueScopes(cfg.inspect<unknown>('privateWorkspace')),
        exclude: unionOfScopes(cfg.inspect<unknown>('exclude')),
        ...(settingsFile ? { workspaceSettingsFile: settingsFile } : {}),
      };
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
