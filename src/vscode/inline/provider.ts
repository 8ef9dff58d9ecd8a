import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import type { RoutedDecision } from '../../core/engine/engineTypes';
import { chooseFimTemplate } from '../../core/fim/templates';
import type { InlineCompleter } from '../../core/inline/completer';
import type { CompletionInput, InlineStream, InlineTarget } from '../../core/inline/completerTypes';
import { inlineProblem } from '../../core/inline/problem';
import type { LineSource } from '../../core/inline/window';
import type { ServerLimits } from '../../core/inline/windowBudget';
import { promptTokenBudget } from '../../core/inline/windowBudget';
import type { Services } from '../services';
import type { ContextSources } from './contextSources';
import type { InlineContext } from './inlineContext';
import { inlineContext } from './inlineContext';
import { promptPath } from '../privacy/promptPath';
import { PROVIDERS } from '../../core/providers';
import { ACCEPT_COMMAND } from './acceptCommand';


/** What the provider needs besides the services: the usage ledger's marks and the endpoint's limits. */
export interface InlineProviderDeps {
  /** The usage ledger's mark (Ledger.markAccepted): false once a completion is shown, true once accepted. */
  markAccepted(recordId: string, accepted: boolean): void | Promise<void>;
  /** The private endpoint's `/info` limits, when known (they size the window). */
  serverLimits?(): ServerLimits | undefined;
}

/**
 * The editor side of inline completions, and the first hop of an inline request
 * (docs/ARCHITECTURE.md): checks the switches (enabled, excluded file), routes the request
 * once, sizes the window for that route, hands the completer the document line by line and
 * a stream straight into the engine, and turns the answer into an item whose command
 * reports acceptance.
 */
export class TandemInlineProvider implements vscode.InlineCompletionItemProvider {
  private readonly problemShown = new Set<ProviderId>();
  /** Records already marked as shown (bounded: a long session shows thousands). */
  private readonly markedShown = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly deps: InlineProviderDeps,
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

    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const outcome = await this.completer.complete(this.input(document, position, explicit), this.target(decision, document, position));

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

  /**
   * The person has just typed `position` into `document` (prefetch.ts): the completer sends
   * at once where it would not wait anyway, so the request does not sit out VS Code's own
   * delay before it calls provideInlineCompletionItems. Same switches as that call.
   */
  prefetch(document: vscode.TextDocument, position: vscode.Position): void {
    if (!this.services.settings.current().inline.enabled || this.services.privacy.excluded(document.uri)) return;
    const decision = this.services.route('inline', document.uri);
    if (!decision.ok) return;
    this.completer.prefetch(this.input(document, position, false), this.target(decision, document, position));
  }

  accepted(recordId: unknown): void {
    if (typeof recordId !== 'string') return;
    this.mark(recordId, true);
    // People pause after accepting: ask for the next completion now, not after a debounce.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  private input(document: vscode.TextDocument, position: vscode.Position, explicit: boolean): CompletionInput {
    const doc: LineSource = { lineCount: document.lineCount, lineText: (l) => document.lineAt(l).text };
    return { documentId: document.uri.toString(), doc, position: { line: position.line, character: position.character }, languageId: document.languageId, filePath: promptPath(document.uri), explicit };
  }

  /**
   * The routed model, the window's token budget for it (less the share of project context
   * when that is on), and the stream: context gathered, then `Engine.stream('inline')` on
   * this very decision, with the file's privacy asked again before every attempt.
   */
  private target(decision: RoutedDecision, document: vscode.TextDocument, position: vscode.Position): InlineTarget {
    const { settings, engine, privacy, status, log } = this.services;
    const config = settings.current();
    // Your own server: its /info limits size the window, and its FIM template shapes the answer.
    const hf = !PROVIDERS[decision.provider].cloud;
    const budget = promptTokenBudget(decision.provider, decision.model, config.inline.maxTokens, hf ? this.deps.serverLimits?.() : undefined);
    const extra: InlineContext | undefined = this.context && config.inline.context === 'on'
      ? inlineContext(budget, { sources: this.context, document, position, status, log })
      : undefined;
    const uri = document.uri;
    const stream: InlineStream = async function* (req, signal, requestId) {
      const full = extra ? await extra.add(req, signal) : req;
      // The spinner runs while a request is really in flight, not during the debounce or gathering.
      const busy = status.busy();
      try {
        yield* engine.stream('inline', full, { route: decision, privacy: privacy.decisionFor(uri), recheck: () => privacy.recheck(uri), signal, usageId: requestId, ...(full.filePath !== undefined ? { filePath: full.filePath } : {}) });
      } finally {
        busy.dispose();
      }
    };
    return {
      providerId: decision.provider,
      model: decision.model,
      promptTokens: extra ? extra.windowTokens : budget,
      ...(hf ? { tokens: chooseFimTemplate(config.huggingface.fimTemplate, config.huggingface.model).template } : {}),
      stream,
    };
  }

  private mark(recordId: string, accepted: boolean): void {
    Promise.resolve(this.deps.markAccepted(recordId, accepted)).catch((e: unknown) => this.services.log.warn(`Could not mark completion ${recordId}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private markShown(recordId: string): void {
    if (this.markedShown.has(recordId)) return;
    if (this.markedShown.size > 1000) this.markedShown.clear();
    this.markedShown.add(recordId);
    this.mark(recordId, false);
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
