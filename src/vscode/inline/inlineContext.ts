import type * as vscode from 'vscode';
import { splitPromptBudget } from '../../core/context/contextBudget';
import { gatherContext } from '../../core/context/gather';
import { contextFileCount } from '../../core/context/rank';
import { CHARS_PER_TOKEN } from '../../core/inline/windowBudget';
import type { InlineRequest } from '../../core/inline/completerTypes';
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

/** Project context for one completion: the window's share of the prompt, and the snippets to add. */
export interface InlineContext {
  /** What is left of the prompt budget for the window around the cursor. */
  windowTokens: number;
  /** The request with the snippets gathered for it (none found: the request as it was). */
  add(req: InlineRequest, signal: AbortSignal): Promise<InlineRequest>;
}

/**
 * Context from other files (`tandem.inline.context` on), gathered for each request right
 * before it is sent (after the debounce, so a keystroke that is typed over costs no
 * gathering). The snippets then pass the same engine privacy step as the window: redacted
 * for OpenAI, listed in the egress log by path. Undefined when the budget leaves no room.
 */
export function inlineContext(promptTokens: number, parts: ContextParts): InlineContext | undefined {
  const split = splitPromptBudget(promptTokens, true);
  if (split.contextTokens === 0) return undefined;
  const ide = parts.sources.ideFor(parts.document);
  const doc = { key: parts.document.uri.toString(), path: '', languageId: parts.document.languageId, lineCount: parts.document.lineCount, lineText: (l: number) => parts.document.lineAt(l).text };
  return {
    windowTokens: split.windowTokens,
    async add(req, signal) {
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
      return result.snippets.length ? { ...req, snippets: result.snippets } : req;
    },
  };
}
