import * as vscode from 'vscode';
import type { ProviderId } from '../../core/config';
import { promptBudget, refactorMaxTokens } from '../../core/prompts/promptBudget';
import { PROVIDERS } from '../../core/providers';
import { buildRefactorPrompt } from '../../core/prompts/refactorPrompt';
import { reindent } from '../../core/prompts/reindent';
import type { Snapshot } from '../../core/prompts/snapshot';
import { validateRefactorAnswer } from '../../core/prompts/validate';
import type { Services } from '../services';
import type { ChatPort } from '../chat/chatPort';
import { asPortFailure, isCancellation } from '../chat/chatPort';
import { showFailure } from '../chat/failure';
import { userRetry } from '../chat/userRetry';
import { routedTarget } from '../chat/guards';
import type { Notices } from '../chat/notices';
import type { ChatResult } from '../chat/runChat';
import { runChat } from '../chat/runChat';
import type { TargetArgs } from '../chat/target';
import { applyProposal } from './apply';
import type { Decision } from './proposals';
import { ProposalStore } from './proposals';
import type { RefactorFeature } from './register';
import { decisionFromToast, RefactorReview } from './review';
import { askInstruction } from './instruction';
import { promptPath } from '../privacy/promptPath';

export interface RefactorArgs extends TargetArgs {
  instruction?: string;
  apply?: 'preview' | 'immediately';
}

export interface RefactorResult {
  applied: boolean;
  newText: string;
  provider: ProviderId;
  model: string;
}

/** The refactor feature once loaded: what its commands run, and the test hooks. */
export interface RefactorImpl extends RefactorFeature {
  refactor(args?: RefactorArgs): Promise<RefactorResult | undefined>;
  /** Accept or Discard from the diff editor's title: the proposal of `uri`, or of the active editor; false when none waits. */
  decideFromTitle(accepted: boolean, uri?: vscode.Uri): boolean;
  /** The review's commands: Refine and the quick pick of every choice. */
  reviewCommands: Pick<RefactorReview, 'refine' | 'review'>;
}

/**
 * What `tandem.refactor` runs (registered in register.ts): asks the model for a replacement
 * of the selection, validates and re-indents it, then previews it as a diff with Accept /
 * Discard (default) or applies it at once (`apply: 'immediately'`). Applying is one undo step
 * and only happens on the exact text the proposal was computed from. Returns `undefined` when
 * refused, cancelled or failed.
 */
export function createRefactor(services: Services, chat: ChatPort, notices: Notices): RefactorImpl {
  const proposals = new ProposalStore();
  const running = new Set<AbortController>();

  const refactor = async (args?: RefactorArgs): Promise<RefactorResult | undefined> => {
    try {
      return await run(args ?? {});
    } catch (e) {
      services.log.error(`refactor failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      showFailure('refactor', { message: 'Something went wrong; see the log. Nothing was applied.', actions: ['showLog'] }, notices, () => void refactor(args));
      return undefined;
    }
  };

  const tell = (level: 'info' | 'warning', message: string) => {
    notices.record('refactor', level, message);
    services.log.info(`refactor: ${message}`);
    void (level === 'info' ? vscode.window.showInformationMessage(`Tandem: ${message}`) : vscode.window.showWarningMessage(`Tandem: ${message}`));
  };

  const run = async (args: RefactorArgs): Promise<RefactorResult | undefined> => {
    const target = await routedTarget(services, notices, 'refactor', args, { retry: () => void refactor(args), onRefusedTarget: (message) => tell('info', message) });
    if (!target) return undefined;
    const { document, range, routed } = target;

    const instruction = args.instruction?.trim() || (await askInstruction());
    if (!instruction) return undefined;

    const fullText = document.getText();
    const snapshot: Snapshot = { text: fullText, start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    const original = fullText.slice(snapshot.start, snapshot.end);
    const wholeFile = original.trim() === fullText.trim();
    const prompt = buildRefactorPrompt(
      { code: original, languageId: document.languageId, fileName: promptPath(document.uri), fileText: fullText, enclosing: target.enclosing, wholeFile },
      instruction,
      promptBudget(routed.provider, services.engine.serverLimits(routed.provider), refactorMaxTokens(original, routed.provider)),
    );
    if ('refused' in prompt) {
      tell('warning', prompt.refused);
      return undefined;
    }

    const abort = new AbortController();
    running.add(abort);
    const busy = services.status.busy();
    let result: ChatResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Tandem: refactoring with ${routed.model || routed.provider}…`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          return runChat(
            chat,
            { feature: 'refactor', uri: document.uri, messages: prompt.messages, maxTokens: refactorMaxTokens(original, routed.provider), route: routed },
            abort.signal,
            (provider, model) => progress.report({ message: `waiting for ${PROVIDERS[provider].labelMid} (${model})…` }),
            (text) => {
              // A coarse sign of life; the text itself is only shown once validated.
              if (text.length - last > 200) {
                last = text.length;
                progress.report({ message: `${text.length} characters received` });
              }
            },
          );
        },
      );
    } catch (e) {
      if (isCancellation(e, abort.signal)) {
        services.log.info('refactor cancelled.');
        return undefined;
      }
      const failure = asPortFailure(e);
      services.log.warn(`refactor failed (${failure.kind ?? 'error'}): ${failure.message}`);
      // A Retry the person presses means now: it ends a circuit-breaker pause.
      showFailure('refactor', failure, notices, userRetry(services, () => void refactor(args)));
      return undefined;
    } finally {
      busy.dispose();
      running.delete(abort);
    }
    if (result.finishReason === 'cancelled') {
      services.log.info('refactor cancelled.');
      return undefined;
    }

    const lineStart = document.offsetAt(new vscode.Position(range.start.line, 0));
    const before = fullText.slice(0, snapshot.start);
    const after = fullText.slice(snapshot.end);
    const proposal = validateRefactorAnswer({ text: result.text, finishReason: result.finishReason }, { languageId: document.languageId, original, before, after });
    if (!proposal.ok) {
      services.log.warn(`refactor answer not applied: ${proposal.reason}`);
      showFailure('refactor', { message: proposal.reason, actions: ['retry', 'showLog'] }, notices, () => void refactor(args));
      return undefined;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const newText = reindent(proposal.code, {
      original,
      linePrefix: fullText.slice(lineStart, snapshot.start),
      eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      insertSpaces: editor ? editor.options.insertSpaces !== false : true,
      tabSize: editor && typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4,
    });
    const answer = { newText, provider: result.provider, model: result.model };
    services.log.info(`refactor proposal from ${result.provider} (${result.model}), found as ${proposal.how}, ${newText.length} chars.`);
    if (proposal.unchanged || newText === original) {
      tell('info', 'The model proposed no change.');
      return { applied: false, ...answer };
    }

    if (args.apply === 'immediately') {
      const outcome = await applyProposal(document.uri, snapshot, newText);
      if (!outcome.applied) tell('warning', outcome.reason);
      return { applied: outcome.applied, ...answer };
    }
    const decision = await preview(document.uri, snapshot, newText, instruction);
    if (decision.kind === 'refine') {
      services.log.info('refactor proposal refined: proposing again.');
      return run({ ...args, uri: document.uri, range, apply: 'preview', instruction: refinedInstruction(instruction, newText, decision.instruction) });
    }
    if (decision.kind === 'discard') {
      services.log.info('refactor proposal discarded.');
      return { applied: false, ...answer };
    }
    const outcome = await applyProposal(document.uri, snapshot, newText);
    if (!outcome.applied) tell('warning', outcome.reason);
    return { applied: outcome.applied, ...answer };
  };

  /**
   * The diff (original vs proposal), kept in view by the review (CodeLens on the changed range,
   * a status item, keybindings) and a notification; resolves with the decision. Closing the
   * diff discards.
   */
  const preview = async (uri: vscode.Uri, snapshot: Snapshot, newText: string, instruction: string): Promise<Decision> => {
    const { proposal, decision } = proposals.add(uri, snapshot.text, { start: snapshot.start, end: snapshot.end, newText }, instruction);
    const name = uri.path.split('/').pop() ?? 'file';
    await vscode.commands.executeCommand('vscode.diff', proposal.original, proposal.proposed, `${name}: Tandem proposal (${shorten(instruction)})`, { preview: true });
    const closed = vscode.window.tabGroups.onDidChangeTabs((e) => {
      const stillOpen = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.proposed.toString()));
      if (e.closed.length && !stillOpen) proposal.decide({ kind: 'discard' });
    });
    void vscode.window.showInformationMessage(`Tandem: review the proposed refactor of ${name}.`, 'Accept', 'Discard', 'Refine…').then((a) => {
      const d = decisionFromToast(a);
      if (d === 'refine') void vscode.commands.executeCommand('tandem.refactor.refine', proposal.proposed);
      else if (d) proposal.decide(d);
    });
    const decided = await decision;
    closed.dispose();
    await closeDiff(proposal.proposed);
    return decided;
  };

  const review = new RefactorReview(proposals);
  const disposable = vscode.Disposable.from(review, proposals);
  return {
    refactor,
    reviewCommands: review,
    decideFromTitle: (accepted, uri) => {
      const p = proposals.find(uri ?? vscode.window.activeTextEditor?.document.uri);
      p?.decide({ kind: accepted ? 'accept' : 'discard' });
      return p !== undefined;
    },
    cancel: () => running.forEach((a) => a.abort()),
    review: (uri) => {
      const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
      return { status: review.status(), lenses: doc ? review.provideCodeLenses(doc).map((l) => l.command?.title ?? '') : [] };
    },
    refine: (followUp) => {
      const p = proposals.find(undefined);
      p?.decide({ kind: 'refine', instruction: followUp });
      return p !== undefined;
    },
    dispose: () => {
      running.forEach((a) => a.abort());
      disposable.dispose();
    },
  };
}

async function closeDiff(proposed: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposed.toString()) await vscode.window.tabGroups.close(tab);
    }
  }
}

/** Refine: the model sees its previous proposal and what the person wants changed in it. */
function refinedInstruction(instruction: string, previous: string, followUp: string): string {
  return `${instruction}\n\nYour previous proposal was:\n\`\`\`\n${previous.replace(/\s+$/, '')}\n\`\`\`\nRevise it: ${followUp}`;
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
