import type * as vscode from 'vscode';
import { splitPromptBudget } from '../../core/context/contextBudget';
import { gatherContext } from '../../core/context/gather';
import { contextFileCount } from '../../core/context/rank';
import { CHARS_PER_TOKEN } from '../../core/inline/windowBudget';
import type { InlineBackend } from '../../core/inline/completerTypes';
import type { FimRequest } from '../../core/llm/types';
import type { Log, StatusReporter } from '../services';
import type { ContextSources } from './contextSources';

/** The language server's hard wait per request: a definition not back by then is skipped. */
export const LSP_BUDGET_MS = 80;

export interface ContextParts {
  sources: ContextSources;
  document: vscode.TextDocument;
  position: vscode.Position;
  status: StatusReporter;
  log: Log;
}

/**
 * The backend with project context (`tandem.inline.context` on): the window gets its
 * share of the prompt budget, and each request sent carries the snippets gathered for
 * it (after the debounce, so a keystroke that is typed over costs no gathering).
 * Snippets then pass the same engine privacy step as the window: redacted for OpenAI,
 * listed in the egress log by path.
 */
export function withContext(backend: InlineBackend, parts: ContextParts): InlineBackend {
  const split = splitPromptBudget(backend.promptTokens, true);
  if (split.contextTokens === 0) return backend;
  const ide = parts.sources.ideFor(parts.document);
  const doc = { key: parts.document.uri.toString(), path: '', languageId: parts.document.languageId, lineCount: parts.document.lineCount, lineText: (l: number) => parts.document.lineAt(l).text };
  return {
    ...backend,
    promptTokens: split.windowTokens,
    async *stream(req: FimRequest, signal: AbortSignal, requestId: string) {
      const result = await gatherContext(ide, {
        doc: { ...doc, path: req.filePath ?? '' },
        line: parts.position.line,
        character: parts.position.character,
        window: { prefix: req.prefix, suffix: req.suffix },
        budgetChars: split.contextTokens * CHARS_PER_TOKEN,
        recent: parts.sources.recent.list(),
        sent: parts.sources.sentFor(doc.key),
        signal,
      }, { lspBudgetMs: LSP_BUDGET_MS });
      const files = contextFileCount(result.snippets);
      parts.status.inlineContext?.(files);
      parts.log.debug(`Inline context: ${result.snippets.length} snippet(s) from ${files} file(s) in ${Math.round(result.totalMs)} ms (language server ${Math.round(result.lspMs)} ms; ${result.refused} refused by privacy).`);
      yield* backend.stream(result.snippets.length ? { ...req, snippets: result.snippets } : req, signal, requestId);
    },
  };
}
