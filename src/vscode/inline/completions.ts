import type { TandemConfig } from '../../core/config';
import { inlineSettingsKey } from '../../core/inline/cache';
import { InlineCompleter } from '../../core/inline/completer';
import { AdaptiveDebounce } from '../../core/inline/debounce';
import type { Services } from '../services';
import type { ContextSources } from './contextSources';
import type { InlineProviderDeps } from './provider';
import { TandemInlineProvider } from './provider';

/** Inline completions once loaded (register.ts loads them on the first edit or request). */
export interface InlineCompletions {
  provider: TandemInlineProvider;
  completer: InlineCompleter;
  /** A new template, model, endpoint or limit must reach the next completion, not the cache. */
  settingsChanged(config: TandemConfig): void;
}

export function createInlineCompletions(services: Services, deps: InlineProviderDeps, context: ContextSources): InlineCompletions {
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
  let settingsKey = inlineSettingsKey(services.settings.current());
  return {
    provider: new TandemInlineProvider(services, deps, completer, context),
    completer,
    settingsChanged: (config) => {
      const next = inlineSettingsKey(config);
      if (next !== settingsKey) completer.reset();
      settingsKey = next;
    },
  };
}
