import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PrivacyNow } from '../../core/engine/attemptGate';
import { matchExcludeOnPaths } from '../../core/privacy/exclude';
import type { ExcludeMatch, FilePathView } from '../../core/privacy/exclude';
import { trueScopes, unionOfScopes } from '../../core/privacy/folderSettings';
import { filePrivacyOnPaths, strictestOf } from '../../core/privacy/workspacePrivacy';
import type { FolderFacts, PrivacyDecision } from '../../core/privacy/workspacePrivacy';
import type { PrivacyService, SettingsStore } from '../services';
import { RealPaths } from './realPaths';

interface FolderState extends FolderFacts {
  uri: vscode.Uri;
  /** `path`, normalised as file paths are (for relative paths and containment). */
  canonical: string;
  /** `tandem.exclude` for files in this folder: default ∪ user ∪ workspace ∪ this folder. */
  exclude: string[];
}

/**
 * Decides privacy per file from the settings of every scope, per workspace folder
 * (README, "Privacy guarantees"). Folder facts are cached and rebuilt on a configuration or
 * workspace-folder change, so asking on every keystroke costs no settings look-up.
 */
export class VsCodePrivacy implements PrivacyService, vscode.Disposable {
  private folders: FolderState[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly real = new RealPaths();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the privacy settings or the workspace folders changed (requests in flight are checked again). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: SettingsStore, private readonly home: string = os.homedir()) {
    this.rebuild();
    this.subscriptions.push(
      this.changed,
      settings.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === 'file' && this.real.forget(d.uri.fsPath)),
      // Privacy only adds: rebuild on any change that could touch it, even one the settings store skipped.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tandem.privateWorkspace') || e.affectsConfiguration('tandem.exclude')) this.rebuild();
      }),
    );
  }

  decisionFor(uri?: vscode.Uri): PrivacyDecision {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const opened = this.pathOf(target);
    const real = opened === undefined || target?.scheme !== 'file' ? undefined : this.real.of(opened);
    return filePrivacyOnPaths(opened === undefined ? undefined : this.real.canonical(opened), real, this.folders, this.settings.current().privateFolders, this.home);
  }

  excluded(uri: vscode.Uri): ExcludeMatch | undefined {
    const file = this.pathOf(uri);
    if (file === undefined) return undefined;
    const opened = this.real.canonical(file);
    const real = uri.scheme === 'file' ? this.real.of(file) : undefined;
    const views = [this.viewOf(opened)];
    if (real !== undefined && real !== opened) views.push(this.viewOf(real));
    return matchExcludeOnPaths(views);
  }

  /** The strictest of every open folder and the active editor's file: one private folder makes the whole window private. */
  strictest(): PrivacyDecision {
    return strictestOf([this.decisionFor(), filePrivacyOnPaths(undefined, undefined, this.folders, this.settings.current().privateFolders, this.home)]);
  }

  /** Privacy and exclusion of the file now, for the engine's check before every attempt. */
  recheck(uri?: vscode.Uri): PrivacyNow {
    const excludedBy = uri ? this.excluded(uri)?.pattern : undefined;
    return { privacy: this.decisionFor(uri), ...(excludedBy !== undefined ? { excludedBy } : {}) };
  }

  /** The file named by one of its paths, with the patterns of the folder that path lies in. */
  private viewOf(file: string): FilePathView {
    const folder = this.folders
      .filter((f) => isInside(file, f.canonical) || (f.realPath !== undefined && isInside(file, f.realPath)))
      .sort((a, b) => b.canonical.length - a.canonical.length)[0];
    if (folder) {
      const base = isInside(file, folder.canonical) ? folder.canonical : folder.realPath ?? folder.canonical;
      return { absPath: file, relPath: toPosix(path.relative(base, file)), patterns: folder.exclude };
    }
    // Outside every folder: the union of every folder's patterns (the strictest), on the absolute path.
    const all = new Set(this.settings.current().exclude);
    for (const f of this.folders) for (const p of f.exclude) all.add(p);
    return { absPath: file, patterns: [...all] };
  }

  /** Untitled documents have no path: they follow the strictest open folder. */
  private pathOf(uri: vscode.Uri | undefined): string | undefined {
    if (!uri || uri.scheme === 'untitled') return undefined;
    return uri.fsPath;
  }

  private rebuild(): void {
    // A .code-workspace holds the workspace-scope settings of a multi-root workspace; folder-scope ones stay in each folder.
    const workspaceFile = vscode.workspace.workspaceFile;
    const settingsFile = workspaceFile && (workspaceFile.scheme === 'untitled' ? 'the workspace settings' : path.basename(workspaceFile.fsPath));
    // Links may have been re-pointed since: resolve again.
    this.real.forget();
    this.folders = (vscode.workspace.workspaceFolders ?? []).map((f) => {
      const cfg = vscode.workspace.getConfiguration('tandem', f.uri);
      const canonical = this.real.canonical(f.uri.fsPath);
      const real = f.uri.scheme === 'file' ? this.real.of(f.uri.fsPath) : undefined;
      return {
        uri: f.uri,
        path: canonical,
        canonical,
        ...(real !== undefined && real !== canonical ? { realPath: real } : {}),
        name: f.name,
        privateWorkspaceTrueAt: trueScopes(cfg.inspect<unknown>('privateWorkspace')),
        exclude: unionOfScopes(cfg.inspect<unknown>('exclude')),
        ...(settingsFile ? { workspaceSettingsFile: settingsFile } : {}),
      };
    });
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
