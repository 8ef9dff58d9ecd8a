import * as vscode from 'vscode';
import type { TandemApi, TestHooks } from '../../src/vscode/api';

/** Shared helpers for integration tests running inside the extension host. */

export type TestApi = TandemApi & { testHooks: TestHooks };

export async function tandem(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TandemApi & { testHooks?: TestHooks }>('tandem-dev.tandem');
  if (!ext) throw new Error('extension tandem-dev.tandem is not installed in the test host');
  const api = await ext.activate();
  const hooks = api.testHooks;
  if (!hooks) throw new Error('the extension did not export its test hooks: is it running in test mode?');
  return { ...api, testHooks: hooks };
}

/** Polls until `check` returns a truthy value or the deadline passes. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<Truthy<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await check();
    if (last) return last as Truthy<T>;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration tests need a folder open');
  return f;
}

/** Sets a `tandem.*` setting and resolves once the extension has seen it. */
export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Promise<void> {
  await vscode.workspace.getConfiguration('tandem').update(key, value, target);
  await new Promise((r) => setTimeout(r, 50));
}

/** Clears the given `tandem.*` keys at user and workspace scope. */
export async function resetSettings(keys: string[]): Promise<void> {
  for (const key of keys) {
    const cfg = vscode.workspace.getConfiguration('tandem');
    const i = cfg.inspect(key);
    if (i?.workspaceValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    if (i?.globalValue !== undefined) await cfg.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await new Promise((r) => setTimeout(r, 50));
}
