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
  /** The folder's real path (symlinks resolved), when it differs from `path`. */
  realPath?: string;
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

/** Whether one workspace folder is private (README, "Privacy guarantees"). */
export function folderPrivacy(folder: FolderFacts, privateFolders: readonly string[], home: string): PrivacyDecision {
  for (const scope of ['folder', 'workspace', 'user'] as const) {
    if (folder.privateWorkspaceTrueAt.includes(scope)) return { private: true, reason: scopeWords(scope, folder, folder.workspaceSettingsFile !== undefined) };
  }
  const match = matchPrivateFolders(folder.path, privateFolders, home);
  if (match) return { private: true, reason: `its folder matches "${match}" in tandem.privateFolders` };
  // A workspace folder opened through a link is private when the folder it points to is.
  const real = folder.realPath === undefined ? undefined : matchPrivateFolders(folder.realPath, privateFolders, home);
  if (real) return { private: true, reason: `its folder's real path matches "${real}" in tandem.privateFolders` };
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

/**
 * The decision on both paths of a file: as opened, and its real path (symlinks resolved).
 * Either one private makes the file private, so a link into a private folder (or a folder
 * of the workspace that is a link to one) cannot carry its files to the cloud. The real
 * path is judged only by what lies on it (its folders and `tandem.privateFolders`), not by
 * the strictest-folder rule for loose files, which the opened path already had.
 */
export function filePrivacyOnPaths(
  opened: string | undefined,
  real: string | undefined,
  folders: readonly FolderFacts[],
  privateFolders: readonly string[],
  home: string,
): PrivacyDecision {
  const d = filePrivacy(opened, folders, privateFolders, home);
  if (d.private || opened === undefined || real === undefined) return d;
  const file = normalizePath(real);
  if (file === normalizePath(opened)) return d;
  const containing = folders
    .filter((f) => isInside(file, normalizePath(f.path)) || (f.realPath !== undefined && isInside(file, normalizePath(f.realPath))))
    .sort((a, b) => normalizePath(b.realPath ?? b.path).length - normalizePath(a.realPath ?? a.path).length)[0];
  const byFolder = containing ? folderPrivacy(containing, privateFolders, home) : undefined;
  const found = byFolder?.private ? byFolder : fileFolderPrivacy(file, privateFolders, home);
  return found ? { private: true, reason: `the file's real path (a link resolved) is private: ${found.reason}` } : d;
}

/**
 * The strictest of several decisions (the first private one, else not private): what a
 * workspace-wide action such as a connection test obeys, so one private folder of a
 * multi-root workspace keeps OpenAI out whichever editor is active.
 */
export function strictestOf(decisions: readonly PrivacyDecision[]): PrivacyDecision {
  return decisions.find((d) => d.private) ?? NOT_PRIVATE;
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
