import { expandHome, globMatches, normalizePath } from './globMatch';

/** Where a `tandem.privateWorkspace: true` came from, for the status bar tooltip. */
export type SettingScope = 'user' | 'workspace' | 'folder';

export interface FolderFacts {
  /** Absolute path of the workspace folder. */
  path: string;
  /** Name shown to a person. */
  name: string;
  /** Scopes at which `tandem.privateWorkspace` is `true` for this folder. */
  privateWorkspaceTrueAt: SettingScope[];
  /**
   * The file holding workspace-scope settings, as a person knows it: `.vscode/settings.json`
   * for a single folder (the default), the `.code-workspace` file's name for a multi-root workspace.
   */
  workspaceSettingsFile?: string;
}

export interface PrivacyDecision {
  private: boolean;
  /** Why, in words a person understands ("set in .vscode/settings.json"). */
  reason: string;
}

const NOT_PRIVATE: PrivacyDecision = { private: false, reason: 'not marked private' };

/** The words after "Private: " in the status bar tooltip, and in refusals ("private (...)"). */
function scopeWords(scope: SettingScope, folder: FolderFacts, multiRoot: boolean): string {
  if (scope === 'user') return 'set in your user settings (tandem.privateWorkspace)';
  if (scope === 'workspace') return `set in ${folder.workspaceSettingsFile ?? '.vscode/settings.json'} (tandem.privateWorkspace)`;
  return multiRoot ? `set in .vscode/settings.json of folder "${folder.name}" (tandem.privateWorkspace)` : 'set in .vscode/settings.json (tandem.privateWorkspace)';
}

/** Whether one workspace folder is private (CONTRACT.md, "Private means private"). */
export function folderPrivacy(folder: FolderFacts, privateFolders: readonly string[], home: string): PrivacyDecision {
  for (const scope of ['folder', 'workspace', 'user'] as const) {
    if (folder.privateWorkspaceTrueAt.includes(scope)) return { private: true, reason: scopeWords(scope, folder, folder.workspaceSettingsFile !== undefined) };
  }
  const match = matchPrivateFolders(folder.path, privateFolders, home);
  if (match) return { private: true, reason: `its folder matches "${match}" in tandem.privateFolders` };
  return NOT_PRIVATE;
}

/** The first `tandem.privateFolders` pattern matching the path or one of its ancestors. */
export function matchPrivateFolders(path: string, privateFolders: readonly string[], home: string): string | undefined {
  const candidates = selfAndAncestors(normalizePath(path));
  for (const raw of privateFolders) {
    if (!raw.trim()) continue;
    const pattern = expandHome(raw.trim(), home).replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    if (candidates.some((c) => globMatches(pattern, c))) return raw;
  }
  return undefined;
}

/**
 * The decision for a file: the innermost workspace folder that contains it decides;
 * a file outside every folder (or no file) follows the strictest rule of the open folders.
 * Independently, a file whose own folder (or an ancestor) matches `tandem.privateFolders`
 * is private, so a private sub-folder or a loose file never escapes (privacy only adds).
 */
export function filePrivacy(
  filePath: string | undefined,
  folders: readonly FolderFacts[],
  privateFolders: readonly string[],
  home: string,
): PrivacyDecision {
  const file = filePath === undefined || filePath === '' ? undefined : normalizePath(filePath);
  if (file) {
    const containing = folders
      .filter((f) => isInside(file, normalizePath(f.path)))
      .sort((a, b) => normalizePath(b.path).length - normalizePath(a.path).length)[0];
    if (containing) {
      const d = folderPrivacy(containing, privateFolders, home);
      if (d.private) return d;
      // A private folder nested inside a non-private workspace folder still keeps its files private.
      return fileFolderPrivacy(file, privateFolders, home) ?? d;
    }
    const own = fileFolderPrivacy(file, privateFolders, home);
    if (own) return own;
  }
  for (const f of folders) {
    const d = folderPrivacy(f, privateFolders, home);
    if (d.private) return folders.length > 1 || file ? { private: true, reason: `${d.reason}; a file outside the workspace folders follows the strictest open folder, "${f.name}"` } : d;
  }
  return NOT_PRIVATE;
}

function fileFolderPrivacy(file: string, privateFolders: readonly string[], home: string): PrivacyDecision | undefined {
  const dir = file.replace(/\/[^/]*$/, '') || '/';
  const match = matchPrivateFolders(dir, privateFolders, home);
  return match ? { private: true, reason: `the file's folder matches "${match}" in tandem.privateFolders` } : undefined;
}

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder === '/' ? '/' : folder + '/');
}

function selfAndAncestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    out.push(p);
    const i = p.lastIndexOf('/');
    if (i <= 0) break;
    p = p.slice(0, i);
  }
  if (path.startsWith('/') && path !== '/') out.push('/');
  return out;
}
