import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { inlineBackend } from '../../core/inline/backend';
import type { InlineCompleter } from '../../core/inline/completer';
import type { InlineBackend } from '../../core/inline/completerTypes';
import { inlineProblem } from '../../core/inline/problem';
import type { LineSource } from '../../core/inline/window';
import type { Chunk, FimRequest } from '../../core/llm/types';
import type { Services } from '../services';
import type { ContextSources } from './contextSources';
import type { InlineEngine } from './engine';
import { promptPath } from '../privacy/promptPath';
import { withContext } from './withContext';

/** The internal command an accepted item runs (not in the palette). */
export const ACCEPT_COMMAND = 'tandem.inline.accepted';

/**
 * The editor side of inline completions: checks the switches (enabled, excluded file,
 * route), hands the document to the completer line by line, and turns its answer into
 * an item whose command reports acceptance.
 */
export class TandemInlineProvider implements vscode.InlineCompletionItemProvider {
  private readonly problemShown = new Set<ProviderId>();
  /** Records already marked as shown (bounded: a long session shows thousands). */
  private readonly markedShown = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly engine: InlineEngine,
    private readonly completer: InlineCompleter,
    private readonly context?: ContextSources,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const config = this.services.settings.current();
    if (!config.inline.enabled) return undefined;
    if (this.services.privacy.excluded(document.uri)) return undefined;
    const decision = this.services.route('inline', document.uri);
    if (!decision.ok) return undefined;

    const plain = this.backend(decision.provider, decision.model, document.uri);
    const backend = this.context && config.inline.context === 'on'
      ? withContext(plain, { sources: this.context, document, position, status: this.services.status, log: this.services.log })
      : plain;
    const doc: LineSource = { lineCount: document.lineCount, lineText: (l) => document.lineAt(l).text };
    const outcome = await this.completer.complete(
      {
        documentId: document.uri.toString(),
        doc,
        position: { line: position.line, character: position.character },
        languageId: document.languageId,
        filePath: promptPath(document.uri),
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
      },
      backend,
    );

    if (outcome.kind === 'none') {
      if (outcome.reason === 'error') this.reportProblem(decision.provider, outcome.error);
      return undefined;
    }
    if (outcome.source === 'network') this.clearProblem(decision.provider);
    if (token.isCancellationRequested) return undefined;
    this.markShown(outcome.requestId);
    const item = new vscode.InlineCompletionItem(outcome.text, new vscode.Range(position, position), {
      command: ACCEPT_COMMAND,
      title: 'Completion accepted',
      arguments: [outcome.requestId],
    });
    return [item];
  }

  accepted(recordId: unknown): void {
    if (typeof recordId !== 'string') return;
    this.engine.markAccepted(recordId, true);
    // People pause after accepting: ask for the next completion now, not after a debounce.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  private backend(providerId: ProviderId, model: string, uri: vscode.Uri): InlineBackend {
    const config = this.services.settings.current();
    const engine = this.engine;
    const status = this.services.status;
    const limits = engine.serverLimits();
    return inlineBackend({
      providerId,
      model,
      config,
      tokens: engine.fimTokens(config),
      ...(limits ? { limits } : {}),
      // The spinner runs while a request is really in flight, not during the debounce.
      async *stream(req: FimRequest, signal: AbortSignal, requestId: string): AsyncIterable<Chunk> {
        const busy = status.busy();
        try {
          yield* engine.streamFim(req, signal, { recordId: requestId, uri });
        } finally {
          busy.dispose();
        }
      },
    });
  }

  private markShown(recordId: string): void {
    if (this.markedShown.has(recordId)) return;
    if (this.markedShown.size > 1000) this.markedShown.clear();
    this.markedShown.add(recordId);
    this.engine.markAccepted(recordId, false);
  }

  private reportProblem(provider: ProviderId, err: unknown): void {
    const problem = inlineProblem(err, provider);
    this.services.log.warn(`Inline completion failed (${provider}): ${err instanceof Error ? err.message : String(err)}`);
    if (!problem) return;
    this.problemShown.add(provider);
    this.services.status.setProblem(provider, problem, 'inline');
  }

  private clearProblem(provider: ProviderId): void {
    if (!this.problemShown.delete(provider)) return;
    this.services.status.setProblem(provider, undefined, 'inline');
  }
}
