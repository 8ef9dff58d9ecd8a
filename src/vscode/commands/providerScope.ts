import * as vscode from 'vscode';

/**
 * Where a switch of `tandem.provider` is written: the innermost scope that already sets it
 * (a repository that chose a provider keeps working, and its value changes in place), else
 * the user settings. Never a new entry in a workspace's `.vscode/settings.json`.
 */
export function providerTarget(i: { workspaceValue?: unknown } | undefined): vscode.ConfigurationTarget {
  // tandem.provider is window-scoped: no folder of a multi-root workspace can hold its own.
  if (i?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

export function scopeName(t: vscode.ConfigurationTarget): string {
  return t === vscode.ConfigurationTarget.Global ? 'user' : 'workspace';
}

/**
 * Writes a `tandem.*` provider setting where `providerTarget` says; a value that only resets
 * to the default is not written where nothing is set (no new entry anywhere).
 */
export async function writeProviderSetting(key: string, value: string, defaultValue?: string): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('tandem');
  const i = cfg.inspect(key);
  if (value === defaultValue) {
    if (i?.workspaceValue !== undefined) await cfg.update(key, value, vscode.ConfigurationTarget.Workspace);
    if (i?.globalValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Global);
    return;
  }
  await cfg.update(key, value, providerTarget(i));
}
