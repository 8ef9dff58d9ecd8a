import * as vscode from 'vscode';
import { InlineCompleter } from '../../core/inline/completer';
import type { Services } from '../services';
import type { InlineEngine } from './engine';
import { ACCEPT_COMMAND, TandemInlineProvider } from './provider';
import { registerToggleInline } from './toggle';

/**
 * Inline completions: the provider for every language, the toggle command and the
 * acceptance command. Returns the disposables for context.subscriptions.
 * `reloadSettings` re-reads the settings right after the toggle writes them.
 */
export function registerInline(services: Services, engine: InlineEngine, reloadSettings: () => void): vscode.Disposable[] {
  let seq = 0;
  const session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const completer = new InlineCompleter({
    debounceMs: () => services.settings.current().inline.debounceMs,
    maxTokens: () => services.settings.current().inline.maxTokens,
    // Unique across windows: the id names the request's ledger record.
    newRequestId: () => `inline-${session}-${++seq}`,
  });
  const provider = new TandemInlineProvider(services, engine, completer);
  return [
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.commands.registerCommand(ACCEPT_COMMAND, (recordId: unknown) => provider.accepted(recordId)),
    registerToggleInline(services, reloadSettings),
    vscode.workspace.onDidCloseTextDocument((d) => completer.forget(d.uri.toString())),
  ];
}
