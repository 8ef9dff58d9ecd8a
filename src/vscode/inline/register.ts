import * as vscode from 'vscode';
import type { ServerLimits } from '../../core/inline/windowBudget';
import { inlineSettingsKey } from '../../core/inline/cache';
import { InlineCompleter } from '../../core/inline/completer';
import { AdaptiveDebounce } from '../../core/inline/debounce';
import type { Services } from '../services';
import { ContextSources } from './contextSources';
import { inlineEngineFrom } from './engineAdapter';
import { ACCEPT_COMMAND, TandemInlineProvider } from './provider';
import { registerToggleInline } from './toggle';

export interface InlineDeps {
  /** The usage ledger's mark (Ledger.markAccepted): false once a completion is shown, true once accepted. */
  markAccepted(recordId: string, accepted: boolean): void | Promise<void>;
  /** Re-read the settings right after the toggle command writes them. */
  reloadSettings(): void;
  /** The private endpoint's `/info` limits, when known (sizes the context window). */
  serverLimits?(): ServerLimits | undefined;
}

/**
 * Inline completions: the provider for every language, the toggle command and the
 * acceptance command. Returns the disposables for context.subscriptions.
 */
export function registerInline(services: Services, deps: InlineDeps): vscode.Disposable[] {
  let seq = 0;
  const session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const completer = new InlineCompleter({
    debounceMs: () => services.settings.current().inline.debounceMs,
    // Shortens the wait to this typist's rhythm and to pause points; debounceMs stays the upper bound.
    debounce: new AdaptiveDebounce(),
    maxTokens: () => services.settings.current().inline.maxTokens,
    // Unique across windows: the id names the request's ledger record.
    newRequestId: () => `inline-${session}-${++seq}`,
  });
  const engine = inlineEngineFrom({
    engine: services.engine,
    privacy: services.privacy,
    markAccepted: (id, accepted) => deps.markAccepted(id, accepted),
    ...(deps.serverLimits ? { serverLimits: deps.serverLimits } : {}),
    log: (m) => services.log.warn(m),
  });
  const context = new ContextSources(services.privacy, () => services.settings.current().inline.context === 'on');
  const provider = new TandemInlineProvider(services, engine, completer, context);
  // A new template, model, endpoint, limit or key must reach the next completion, not the cache.
  let settingsKey = inlineSettingsKey(services.settings.current());
  return [
    services.settings.onDidChange((config) => {
      const next = inlineSettingsKey(config);
      if (next !== settingsKey) completer.reset();
      settingsKey = next;
    }),
    services.keys.onDidChange(() => completer.reset()),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.commands.registerCommand(ACCEPT_COMMAND, (recordId: unknown) => provider.accepted(recordId)),
    registerToggleInline(services, deps.reloadSettings),
    vscode.workspace.onDidCloseTextDocument((d) => completer.forget(d.uri.toString())),
    context,
  ];
}
