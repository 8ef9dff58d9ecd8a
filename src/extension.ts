import * as vscode from 'vscode';
import { route } from './core/router';
import { createApi } from './vscode/api';
import type { TandemApi, TestHooks } from './vscode/api';
import { registerKeyCommands } from './vscode/commands/keys';
import { registerMarkPrivate } from './vscode/commands/markPrivate';
import { registerSwitchProvider } from './vscode/commands/switchProvider';
import { SecretKeyStore } from './vscode/keys';
import { createLog } from './vscode/log';
import { VsCodePrivacy } from './vscode/privacy/privacyService';
import type { Services } from './vscode/services';
import { VsCodeSettings } from './vscode/settings';
import { StatusBar } from './vscode/statusBar';

/**
 * Wiring only: plain constructors, every disposable in context.subscriptions.
 * Activation does no network I/O and starts no process.
 */
export function activate(context: vscode.ExtensionContext): TandemApi & { testHooks?: TestHooks } {
  const started = Date.now();
  const { log, channel } = createLog();
  const settings = new VsCodeSettings(log);
  const keys = new SecretKeyStore(context.secrets);
  const privacy = new VsCodePrivacy(settings);
  const routeFor: Services['route'] = (feature, uri) =>
    route({ feature, config: settings.current(), privacy: privacy.decisionFor(uri) });
  const status = new StatusBar(settings, privacy, keys, routeFor);
  const services: Services = { context, log, settings, keys, privacy, status, route: routeFor };

  context.subscriptions.push(
    channel, settings, keys, privacy, status,
    registerSwitchProvider(services, settings),
    ...registerKeyCommands(keys, log),
    registerMarkPrivate(services, () => settings.reload()),
    vscode.commands.registerCommand('tandem.showLog', () => log.show()),
  );

  openWalkthroughOnFirstInstall(context);
  log.info(`Tandem ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms.`);
  const api = createApi(services, undefined);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testHooks: TestHooks = {
    status: () => status.snapshot(),
    storagePaths: () => [context.globalStorageUri.fsPath, context.logUri.fsPath, ...(context.storageUri ? [context.storageUri.fsPath] : [])],
  };
  return { ...api, testHooks };
}

/** The set-up walkthrough opens once, on the first activation after install (not in tests). */
function openWalkthroughOnFirstInstall(context: vscode.ExtensionContext): void {
  const key = 'tandem.walkthroughOpened';
  if (context.globalState.get<boolean>(key) || context.extensionMode === vscode.ExtensionMode.Test) return;
  void context.globalState.update(key, true);
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', 'tandem-dev.tandem#tandem.setup', false);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
