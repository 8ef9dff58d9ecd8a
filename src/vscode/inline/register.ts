import * as vscode from 'vscode';
import { inlineSettingsKey } from '../../core/inline/cache';
import { InlineCompleter } from '../../core/inline/completer';
import { AdaptiveDebounce } from '../../core/inline/debounce';
import type { Services } from '../services';
import { ContextSources } from './contextSources';
import type { InlineProviderDeps } from './provider';
import { ACCEPT_COMMAND, TandemInlineProvider } from './provider';
import { prefetchOnTyping } from './prefetch';
import { registerToggleInline } from './toggle';

export interface InlineDeps extends InlineProviderDeps {
  /** Re-read the settings right after the toggle command writes them. */
  reloadSettings(): void;
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
  const context = new ContextSources(services.privacy, () => services.settings.current().inline.context === 'on');
  const provider = new TandemInlineProvider(services, deps, completer, context);
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
    prefetchOnTyping((document, position) => provider.prefetch(document, position)),
    vscode.commands.registerCommand(ACCEPT_COMMAND, (recordId: unknown) => provider.accepted(recordId)),
    registerToggleInline(services, deps.reloadSettings),
    vscode.workspace.onDidCloseTextDocument((d) => completer.forget(d.uri.toString())),
    context,
  ];
}
