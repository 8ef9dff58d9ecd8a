import { globMatches, normalizePath } from './globMatch';

export interface ExcludeMatch {
  pattern: string;
}

/**
 * Whether a file is excluded by `tandem.exclude`: patterns are matched against the
 * workspace-relative path and the absolute path (README, "Privacy guarantees").
 * A pattern matching one of the file's folders excludes the file too (a pattern naming every
 * folder called `secrets` hides their contents, as in `files.exclude`): exclusion only adds privacy.
 */
export function matchExclude(patterns: readonly string[], absPath: string, relPath: string | undefined): ExcludeMatch | undefined {
  const candidates = selfAndParents(normalizePath(absPath));
  if (relPath !== undefined && relPath !== '') candidates.push(...selfAndParents(normalizePath(relPath).replace(/^\.\//, '')));
  for (const pattern of patterns) {
    if (!pattern.trim()) continue;
    if (candidates.some((c) => globMatches(pattern, c))) return { pattern };
  }
  return undefined;
}

/** `a/b/c` -> `a/b/c`, `a/b`, `a`; `/x/y` -> `/x/y`, `/x` (never the bare root). */
function selfAndParents(path: string): string[] {
  const out: string[] = [];
  let p = path;
  while (p && p !== '/' && !/^[a-z]:$/.test(p)) {
    out.push(p);
    const i = p.lastIndexOf('/');
    if (i < 0) break;
    p = p.slice(0, i);
  }
  return out;
}

/** One way to name a file: its absolute path and, inside a workspace folder, the path relative to it. */
export interface FilePathView {
  absPath: string;
  relPath?: string;
  /** The patterns that apply there (the folder's own union, or every folder's for a loose file). */
  patterns: readonly string[];
}

/**
 * Exclusion on every name of a file (as opened, and its real path with symlinks resolved):
 * any one excluded means excluded, so `config/local.settings -> ../.env` stays unsent.
 */
export function matchExcludeOnPaths(views: readonly FilePathView[]): ExcludeMatch | undefined {
  for (const v of views) {
    const m = matchExclude(v.patterns, v.absPath, v.relPath);
    if (m) return m;
  }
  return undefined;
}
