import * as vscode from 'vscode';
import type { ProviderId } from './core/config';
import { egressFetch } from './core/egress/egressFetch';
import { createFetchFor } from './core/net/proxyFetch';
import { PROVIDER_IDS } from './core/providers';
import { Engine } from './core/engine/engine';
import { createApi } from './vscode/api';
import type { TandemApi, TestHooks } from './vscode/api';
import { registerKeyCommands } from './vscode/commands/keys';
import { registerMarkPrivate } from './vscode/commands/markPrivate';
import { registerMenu } from './vscode/commands/menu';
import { registerSetPrivateEndpoint } from './vscode/commands/setPrivateEndpoint';
import { registerSwitchProvider } from './vscode/commands/switchProvider';
import { watchHealth } from './vscode/healthStatus';
import { FallbackNotice } from './vscode/fallbackNotice';
import { onFirstUse } from './core/onFirstUse';
import { engineChatPort } from './vscode/chat/engineChatPort';
import { Notices } from './vscode/chat/notices';
import { registerExplain } from './vscode/explain/register';
import { registerInline } from './vscode/inline/register';
import { registerRefactor } from './vscode/refactor/register';
import { SecretKeyStore } from './vscode/keys';
import { createLog } from './vscode/log';
import { watchUrlCredentials } from './vscode/privacy/credentialWarning';
import { registerEgress } from './vscode/privacy/egressView';
import { EgressPanel } from './vscode/privacy/egressPanel';
import { VsCodePrivacy } from './vscode/privacy/privacyService';
import type { Services } from './vscode/services';
import { VsCodeSettings } from './vscode/settings';
import { UsagePanel } from './vscode/usage/panel';
import { createUsage, registerUsage } from './vscode/usage/register';
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
  // The cloud honours http.proxy / HTTPS_PROXY; loopback and the private endpoint never use a proxy.
  const proxyFetch = createFetchFor(() => ({ httpProxy: vscode.workspace.getConfiguration('http').get<string>('proxy') ?? '', env: process.env }));
  const fetchFor = (provider: ProviderId, baseUrl: string) => proxyFetch(provider, baseUrl) ?? fetch;
  // Every request the providers send is an egress record, attributed to the feature's file by the engine's privacy step.
  const { egress, disposables: egressDisposables } = registerEgress(context, log);
  // Built before the engine, which reports every request to it; the status bar shows its problems once it exists.
  const usage = createUsage(context, settings, log, privacy);
  // Secrets are redacted before OpenAI and restored in answers, for every feature, inside the engine they share.
  const engine = new Engine({
    config: () => settings.current(),
    getKey: (p) => keys.get(p),
    onUsage: (e) => usage.record(e),
    onEgress: egress.tracker.onSent,
    budgetSpent: () => usage.budget().level === 'spent',
    // Each request learns what its server answered, for the egress log's outcome.
    fetchFor: (p, url) => egress.tracker.wrapFetch(fetchFor(p, url)),
    log: (level, m) => log[level](m),
    tracker: egress.tracker,
  });
  // One router for the status bar, the API and every request: health and budget aware.
  const routeFor: Services['route'] = (feature, uri) => engine.route(feature, privacy.decisionFor(uri));
  const status = new StatusBar(settings, privacy, keys, routeFor);
  const services: Services = { context, log, settings, keys, privacy, status, engine, route: routeFor };
  registerUsage(services, usage);
  beforeExit = () => usage.writeQueued();
  // Providers are rebuilt on next use after a settings or key change.
  settings.onDidChange(() => engine.invalidate(), undefined, context.subscriptions);
  keys.onDidChange((p) => engine.invalidate(p), undefined, context.subscriptions);
  // Once trusted, the repository's values of the restricted settings apply: read them now.
  vscode.workspace.onDidGrantWorkspaceTrust(() => settings.reload(), undefined, context.subscriptions);
  // A privacy change stops the cloud requests in flight that it makes private or excluded.
  privacy.onDidChange(() => engine.privacyChanged(), undefined, context.subscriptions);
  engine.invalidate();

  // A working fallback says so once per episode, whichever feature it served.
  const fallbackNotice = new FallbackNotice({ onRecord: usage.onDidAppend, health: () => engine.healthSnapshot(), budgetSpent: () => usage.budget().level === 'spent', log });
  const chat = engineChatPort(services, (id) => usage.costOf(id));
  const notices = new Notices();
  const connectionTest = onFirstUse(() => import('./vscode/commands/testConnection'));
  const explain = registerExplain(services, chat, notices);
  const refactor = registerRefactor(services, chat, notices);

  context.subscriptions.push(
    channel, settings, keys, privacy, status,
    registerSwitchProvider(services, settings),
    registerMenu(services, settings),
    registerSetPrivateEndpoint(services, () => settings.reload()),
    ...registerKeyCommands(keys, log),
    registerMarkPrivate(services, () => settings.reload()),
    // The connection test's probes bypass the engine: they are egress too. Loaded on first use.
    vscode.commands.registerCommand('tandem.testConnection', async (arg?: unknown) =>
      (await connectionTest.get()).testConnection(services, (p, url) => egressFetch(egress.log, fetchFor(p, url), p, 'testConnection'), arg)),
    watchHealth(engine, status, usage.onDidAppend),
    watchUrlCredentials(settings, log),
    ...registerInline(services, {
      markAccepted: (id, accepted) => (accepted ? usage.markAccepted(id) : usage.markShown(id)),
      reloadSettings: () => settings.reload(),
      // The window grows to what the private endpoint allows once its /info was read.
      serverLimits: () => engine.serverLimits('huggingface'),
    }),
    vscode.commands.registerCommand('tandem.showLog', () => log.show()),
    explain,
    refactor,
    ...egressDisposables,
    fallbackNotice,
  );

  openWalkthroughOnFirstInstall(context);
  log.info(`Tandem ${String(context.extension.packageJSON.version)} activated in ${Date.now() - started} ms.`);
  const api = createApi(services, usage);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testHooks: TestHooks = {
    status: () => status.snapshot(),
    storagePaths: () => [context.globalStorageUri.fsPath, context.logUri.fsPath, ...(context.storageUri ? [context.storageUri.fsPath] : [])],
    usageView: () => UsagePanel.open?.snapshot(),
    notices: () => notices.all(),
    explainPanel: () => explain.panelMessages(),
    stopExplain: () => explain.stop(),
    explainRendered: () => explain.renderedHtml(),
    cancelRefactor: () => refactor.cancel(),
    resetHealth: () => {
      for (const p of PROVIDER_IDS) engine.health.reset(p);
    },
    pressExplainAction: (action) => explain.pressPanelAction(action),
    health: () => engine.healthSnapshot(),
    fallbackNotices: () => fallbackNotice.messages(),
    egressView: () => EgressPanel.open?.snapshot(),
    refactorReview: (uri) => refactor.review(uri),
    refineRefactor: (followUp) => refactor.refine(followUp),
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

/** Set by activate(): the last chance to write usage records the disk refused earlier. */
let beforeExit: (() => Promise<void>) | undefined;

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions; VS Code awaits this first.
  await beforeExit?.();
}
