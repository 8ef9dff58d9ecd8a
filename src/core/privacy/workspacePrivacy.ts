import { expandHome, globMatches } from './glob';

/** Where a `tandem.privateWorkspace: true` came from, for the status bar tooltip. */
export type SettingScope = 'user' | 'workspace' | 'folder';

export interface FolderFacts {
  /** Absolute path of the workspace folder. */
  path: string;
  /** Name shown to a person. */
  name: string;
  /** Scopes at which `tandem.privateWorkspace` is `true` for this folder. */
  privateWorkspaceTrueAt: SettingScope[];
}

export interface PrivacyDecision {
  private: boolean;
  /** Why, in words a person understands ("set in .vscode/settings.json"). */
  reason: string;
}

const NOT_PRIVATE: PrivacyDecision = { private: false, reason: 'not marked private' };

const SCOPE_WORDS: Record<SettingScope, string> = {
  folder: 'tandem.privateWorkspace is true in this folder\'s .vscode/settings.json',
  workspace: 'tandem.privateWorkspace is true in the workspace settings (.vscode/settings.json)',
  user: 'tandem.privateWorkspace is true in your user settings',
};

/** Whether one workspace folder is private (CONTRACT.md, "Private means private"). */
export function folderPrivacy(folder: FolderFacts, privateFolders: readonly string[], home: string): PrivacyDecision {
  for (const scope of ['folder', 'workspace', 'user'] as const) {
    if (folder.privateWorkspaceTrueAt.includes(scope)) return { private: true, reason: SCOPE_WORDS[scope] };
  }
  const match = matchPrivateFolders(folder.path, privateFolders, home);
  if (match) return { private: true, reason: `the folder matches "${match}" in tandem.privateFolders` };
  return NOT_PRIVATE;
}

/** The first `tandem.privateFolders` pattern matching the path or one of its ancestors. */
export function matchPrivateFolders(path: string, privateFolders: readonly string[], home: string): string | undefined {
  const candidates = selfAndAncestors(path.replace(/\\/g, '/'));
  for (const raw of privateFolders) {
    const pattern = expandHome(raw, home).replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    if (candidates.some((c) => globMatches(pattern, c))) return raw;
  }
  return undefined;
}

/**
 * The decision for a file: the innermost workspace folder that contains it decides;
 * a file outside every folder (or no file) follows the strictest rule of the open folders,
 * and with no folder open only `tandem.privateFolders` can make it private.
 */
export function filePrivacy(
  filePath: string | undefined,
  folders: readonly FolderFacts[],
  privateFolders: readonly string[],
  home: string,
): PrivacyDecision {
  const file = filePath?.replace(/\\/g, '/');
  if (file) {
    const containing = folders
      .filter((f) => isInside(file, f.path.replace(/\\/g, '/')))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (containing) return folderPrivacy(containing, privateFolders, home);
  }
  for (const f of folders) {
    const d = folderPrivacy(f, privateFolders, home);
    if (d.private) return folders.length > 1 ? { private: true, reason: `${d.reason} (folder "${f.name}"; the strictest open folder applies)` } : d;
  }
  if (file && folders.length === 0) {
    const match = matchPrivateFolders(file.replace(/\/[^/]*$/, ''), privateFolders, home);
    if (match) return { private: true, reason: `the file's folder matches "${match}" in tandem.privateFolders` };
  }
  return NOT_PRIVATE;
}

function isInside(file: string, folder: string): boolean {
  const f = folder.replace(/\/+$/, '');
  return file === f || file.startsWith(f + '/');
}

function selfAndAncestors(path: string): string[] {
  const out: string[] = [];
  let p = path.replace(/(.)\/+$/, '$1');
  for (;;) {
    out.push(p);
    const i = p.lastIndexOf('/');
    if (i <= 0) break;
    p = p.slice(0, i);
  }
  if (path.startsWith('/')) out.push('/');
  return out;
}
