import { DEFAULT_EXCLUDE, isString } from '../config';

/**
 * The values one setting has at each scope, as VS Code's `inspect()` reports them for a
 * folder. Kept editor-free so the union rule is unit-tested.
 */
export interface ScopedValues {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * `tandem.exclude` for one folder: the union of the default, user, workspace and that
 * folder's own value (privacy settings only ever add privacy). The defaults always
 * stay, so a repository cannot switch off the exclusion of `.env` files.
 */
export function unionOfScopes(values: ScopedValues | undefined, base: readonly string[] = DEFAULT_EXCLUDE): string[] {
  const out = new Set(base);
  for (const v of [values?.defaultValue, values?.globalValue, values?.workspaceValue, values?.workspaceFolderValue]) {
    if (!Array.isArray(v)) continue;
    for (const item of v) if (isString(item) && item.trim()) out.add(item.trim());
  }
  return [...out];
}

/** `tandem.privateWorkspace` is true at these scopes (any one makes the folder private). */
export function trueScopes(values: ScopedValues | undefined): ('user' | 'workspace' | 'folder')[] {
  const out: ('user' | 'workspace' | 'folder')[] = [];
  if (values?.globalValue === true) out.push('user');
  if (values?.workspaceValue === true) out.push('workspace');
  if (values?.workspaceFolderValue === true) out.push('folder');
  return out;
}
