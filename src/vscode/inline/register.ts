import * as vscode from 'vscode';
import type { Services } from '../services';
import { onFirstUse } from '../../core/onFirstUse';
import { ACCEPT_COMMAND } from './acceptCommand';
import { ContextSources } from './contextSources';
import type { InlineProviderDeps } from './provider';
import { prefetchOnTyping } from './prefetch';
import { registerToggleInline } from './toggle';

export interface InlineDeps extends InlineProviderDeps {
  /** Re-read the settings right after the toggle command writes them. */
  reloadSettings(): void;
}

/**
 * Inline completions: the provider for every language, the toggle command and the
 * acceptance command. Returns the disposables for context.subscriptions.
 *
 * Activation registers them only; the completer, the provider and the prompt code behind
 * them (completions.ts) are loaded on the person's first edit, which leaves the load inside
 * the debounce before the first request. What watches the editor for context (recently
 * edited and visited files) starts at once, so the first completion already has it.
 */
export function registerInline(services: Services, deps: InlineDeps): vscode.Disposable[] {
  const context = new ContextSources(services.privacy, () => services.settings.current().inline.context === 'on');
  const inline = onFirstUse(async () => (await import('./completions')).createInlineCompletions(services, deps, context));
  const provider: vscode.InlineCompletionItemProvider = {
    // Every keystroke comes here: once loaded, no promise to wait on.
    provideInlineCompletionItems: async (document, position, ctx, token) => (inline.loaded() ?? (await inline.get())).provider.provideInlineCompletionItems(document, position, ctx, token),
  };
  return [
    // Before the first load nothing is cached, so no change of settings or keys can make anything stale.
    services.settings.onDidChange((config) => inline.loaded()?.settingsChanged(config)),
    services.keys.onDidChange(() => inline.loaded()?.completer.reset()),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    prefetchOnTyping((document, position) => {
      const loaded = inline.loaded();
      // The first edit starts the load; a prefetch for it would run on a position typing may have left by then.
      if (loaded) loaded.provider.prefetch(document, position);
      else void inline.get();
    }),
    // An item is only accepted after it was shown, so by then the provider is loaded.
    vscode.commands.registerCommand(ACCEPT_COMMAND, (recordId: unknown) => inline.loaded()?.provider.accepted(recordId)),
    registerToggleInline(services, deps.reloadSettings),
    vscode.workspace.onDidCloseTextDocument((d) => inline.loaded()?.completer.forget(d.uri.toString())),
    context,
  ];
}
