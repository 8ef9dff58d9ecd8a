import { globMatches } from './glob';

export interface ExcludeMatch {
  pattern: string;
}

/**
 * Whether a file is excluded by `tandem.exclude`: patterns are matched against the
 * workspace-relative path and the absolute path (CONTRACT.md, Precise rules).
 */
export function matchExclude(patterns: readonly string[], absPath: string, relPath: string | undefined): ExcludeMatch | undefined {
  const abs = absPath.replace(/\\/g, '/');
  const rel = relPath?.replace(/\\/g, '/');
  for (const pattern of patterns) {
    if (globMatches(pattern, abs) || (rel !== undefined && globMatches(pattern, rel))) return { pattern };
  }
  return undefined;
}
