import * as vscode from 'vscode';
import { parseConfig } from '../core/config';
import type { SettingsSource, TandemConfig } from '../core/config';
import { isRestrictedSetting, untrustedValue } from '../core/trust';
import type { Log, SettingsStore } from './services';

/** Reads `tandem.*` once into a typed TandemConfig and again on every change. */
export class VsCodeSettings implements SettingsStore, vscode.Disposable {
  private config: TandemConfig;
  private readonly emitter = new vscode.EventEmitter<TandemConfig>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: Log) {
    this.config = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tandem')) this.reload();
    });
  }

  current(): TandemConfig {
    return this.config;
  }

  /** Re-read now (e.g. right after we wrote a setting ourselves, before the change event arrives). */
  reload(): TandemConfig {
    this.config = this.read();
    this.emitter.fire(this.config);
    return this.config;
  }

  private read(): TandemConfig {
    const { config, problems } = parseConfig(vscodeSettingsSource());
    for (const p of problems) this.log.warn(`Setting ignored: ${p}`);
    return config;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Effective values, plus every scope's value for the settings that are unions (privacy only adds). */
export function vscodeSettingsSource(scope?: vscode.Uri): SettingsSource {
  const cfg = vscode.workspace.getConfiguration('tandem', scope);
  return {
    // Restricted Mode: a repository's value of a setting that spends money or routes code is ignored.
    get: (key) => (!vscode.workspace.isTrusted && isRestrictedSetting(key) ? untrustedValue(cfg.inspect<unknown>(key)) : cfg.get<unknown>(key)),
    allScopes: (key) => {
      const i = cfg.inspect<unknown>(key);
      const values = [i?.defaultValue, i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue];
      // Folder-level values of every workspace folder also add (multi-root: union over all of them).
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        values.push(vscode.workspace.getConfiguration('tandem', folder.uri).inspect<unknown>(key)?.workspaceFolderValue);
      }
      return values.filter((v) => v !== undefined);
    },
  };
}
