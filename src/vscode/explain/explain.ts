import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { EXPLAIN_MAX_TOKENS, promptBudget } from '../../core/prompts/promptBudget';
import { buildExplainPrompt } from '../../core/prompts/explainPrompt';
import type { ExplainFooter } from '../../core/prompts/panelProtocol';
import type { Services } from '../services';
import type { ChatPort } from '../chat/chatPort';
import type { PortFailure } from '../chat/chatPort';
import { asPortFailure, isCancellation } from '../chat/chatPort';
import { showFailure } from '../chat/failure';
import type { Notices } from '../chat/notices';
import { ExplainPanel } from './panel';
import type { ChatResult } from '../chat/runChat';
import { runChat } from '../chat/runChat';
import type { TargetArgs } from '../chat/target';
import { routedTarget } from '../chat/guards';
import { offerRecovery } from './recovery';
import { userRetry } from '../chat/userRetry';
import type { ExplainFeature } from './register';
import { promptPath } from '../privacy/promptPath';

export interface ExplainResult {
  text: string;
  provider: ProviderId;
  model: string;
  /** Present (true) when the model stopped at the token limit: the explanation is incomplete. */
  truncated?: true;
}

/** The explain feature once loaded: what the command runs, and the test hooks. */
export interface ExplainImpl extends ExplainFeature {
  explain(args?: TargetArgs): Promise<ExplainResult | undefined>;
}

/**
 * What `tandem.explain` runs (registered in register.ts): streams into the explanation panel
 * and returns `{ text, provider, model }`, or `undefined` when refused, stopped or failed
 * (never throws into the palette).
 */
export function createExplain(services: Services, chat: ChatPort, notices: Notices): ExplainImpl {
  const panel = new ExplainPanel(services.context.extensionUri);
  let current: AbortController | undefined;
  // The failed explanation's error view and its watch for a key or endpoint being set.
  let recovery: vscode.Disposable | undefined;

  const explain = async (args?: TargetArgs): Promise<ExplainResult | undefined> => {
    try {
      return await run(args);
    } catch (e) {
      // A bug of ours, not a provider failure: still never into the palette.
      services.log.error(`explain failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      showFailure('explain', { message: 'Something went wrong; see the log.', actions: ['showLog'] }, notices, () => void explain(args));
      return undefined;
    }
  };

  const run = async (args?: TargetArgs): Promise<ExplainResult | undefined> => {
    recovery?.dispose();
    recovery = undefined;
    const target = await routedTarget(services, notices, 'explain', args, {
      retry: () => void explain(args),
      onRefusedTarget: (message) => {
        notices.record('explain', 'info', message);
        void vscode.window.showInformationMessage(`Tandem: ${message}`);
      },
    });
    if (!target) return undefined;
    const { document, range, routed } = target;

    const code = document.getText(range);
    const fileName = promptPath(document.uri);
    const prompt = buildExplainPrompt(
      { code, languageId: document.languageId, fileName, fileText: document.getText(), enclosing: target.enclosing },
      promptBudget(routed.provider, services.engine.serverLimits(routed.provider), EXPLAIN_MAX_TOKENS),
    );
    for (const n of prompt.notes) services.log.info(`explain: ${n}`);

    // A second explain replaces the first: stop the one still streaming.
    current?.abort();
    const abort = new AbortController();
    current = abort;
    const lines = range.start.line === range.end.line ? `line ${range.start.line + 1}` : `lines ${range.start.line + 1}–${range.end.line + 1}`;
    panel.begin(
      { type: 'start', title: `Explain ${target.widenedTo && !target.widenedTo.startsWith('line') ? `\`${target.widenedTo}\`` : 'selection'}`, subtitle: `${fileName}, ${lines}`, provider: routed.provider, model: routed.model },
      () => abort.abort(),
    );
    const busy = services.status.busy();
    let result: ChatResult;
    // Which provider took the request is logged with its outcome, never before it is known.
    let tried = `${routed.provider} (${routed.model})`;
    try {
      result = await runChat(
        chat,
        { feature: 'explain', uri: document.uri, messages: prompt.messages, maxTokens: EXPLAIN_MAX_TOKENS, route: routed },
        abort.signal,
        (provider, model) => {
          tried = `${provider} (${model})`;
        },
        (text, restored) => panel.update({ type: 'text', text, ...(restored.length ? { restored } : {}) }),
      );
    } catch (e) {
      if (isCancellation(e, abort.signal)) {
        panel.update({ type: 'stopped' });
        services.log.info('explain stopped before the answer began.');
        return undefined;
      }
      const failure = asPortFailure(e);
      services.log.warn(`explain failed on ${tried} (${failure.kind ?? 'error'}): ${failure.message}`);
      const retry = userRetry(services, () => void explain(args));
      if (current === abort) recovery = offerRecovery(services, panel, notices, failure, retry);
      showFailure('explain', failure, notices, retry);
      return undefined;
    } finally {
      busy.dispose();
      panel.end();
      if (current === abort) current = undefined;
    }

    const footer = footerOf(result);
    if (result.finishReason === 'cancelled') {
      panel.update({ type: 'stopped', footer });
      services.log.info('explain stopped by the user.');
      return undefined;
    }
    if (result.finishReason === undefined) {
      const message = 'The answer stream ended before the model finished (connection cut). The text shown is incomplete.';
      const failure: PortFailure = { message, actions: ['retry', 'showLog'] };
      const retry = userRetry(services, () => void explain(args));
      recovery = offerRecovery(services, panel, notices, failure, retry);
      showFailure('explain', failure, notices, retry);
      return undefined;
    }
    if (result.finishReason === 'length') panel.update({ type: 'text', text: `${result.text}\n\n*(Cut off at the token limit.)*`, ...(result.restored.length ? { restored: result.restored } : {}) });
    panel.update({ type: 'done', footer });
    services.log.info(`explain done: ${result.provider} ${result.model}, ${result.text.length} chars, ${result.latencyMs} ms`);
    return { text: result.text, provider: result.provider, model: result.model, ...(result.finishReason === 'length' ? { truncated: true as const } : {}) };
  };

  return {
    explain,
    panelMessages: () => panel.messages(),
    stop: () => current?.abort(),
    renderedHtml: () => panel.rendered(),
    pressPanelAction: (action) => panel.press(action),
    dispose: () => {
      current?.abort();
      recovery?.dispose();
      panel.dispose();
    },
  };
}

function footerOf(r: ChatResult): ExplainFooter {
  return {
    provider: r.provider,
    model: r.model,
    inputTokens: r.usage?.inputTokens ?? 0,
    outputTokens: r.usage?.outputTokens ?? 0,
    estimated: r.usage?.estimated ?? true,
    costUsd: r.costUsd,
    latencyMs: r.latencyMs,
  };
}
