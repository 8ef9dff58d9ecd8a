import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ChatPort } from '../chat/chatPort';
import type { Notices } from '../chat/notices';
import { onFirstUse } from '../../core/onFirstUse';
import type { RefactorArgs } from './refactor';
import { notWaiting, PROPOSAL_SCHEME } from './shared';

export type { RefactorArgs, RefactorResult } from './refactor';

/** The refactor feature, as activate() keeps it: dispose it with the extension. */
export interface RefactorFeature extends vscode.Disposable {
  /** What the progress notification's Cancel does, for every running refactor (test hook). */
  cancel(): void;
  /** The review's status item and CodeLens for a document (test hook). */
  review(uri?: vscode.Uri): { status: { visible: boolean; text: string }; lenses: string[] };
  /** Decides the newest pending proposal as Refine with this follow-up, as the input box would (test hook). */
  refine(followUp: string): boolean;
}

/**
 * `tandem.refactor` and the review's Accept, Discard, Refine and Review. Activation registers the
 * commands and the lightbulb only; the feature (prompt, validation, diff review: refactor.ts)
 * is loaded on the first refactor. Before it, no proposal can be waiting.
 */
export function registerRefactor(services: Services, chat: ChatPort, notices: Notices): RefactorFeature {
  const feature = onFirstUse(async () => (await import('./refactor')).createRefactor(services, chat, notices));
  const decide = (accepted: boolean) => (uri?: vscode.Uri) => {
    if (!feature.loaded()?.decideFromTitle(accepted, uri)) notWaiting();
  };
  const review = (command: 'refine' | 'review') => (uri?: vscode.Uri) => {
    const f = feature.loaded();
    if (f) void f.reviewCommands[command](uri);
    else notWaiting();
  };
  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand('tandem.refactor', async (args?: RefactorArgs) => (await feature.get()).refactor(args)),
    vscode.commands.registerCommand('tandem.refactor.accept', decide(true)),
    vscode.commands.registerCommand('tandem.refactor.discard', decide(false)),
    vscode.commands.registerCommand('tandem.refactor.refine', review('refine')),
    vscode.commands.registerCommand('tandem.refactor.review', review('review')),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new RefactorCodeActions(), { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] }),
  );
  return {
    cancel: () => feature.loaded()?.cancel(),
    review: (uri) => feature.loaded()?.review(uri) ?? { status: { visible: false, text: '' }, lenses: [] },
    refine: (followUp) => feature.loaded()?.refine(followUp) ?? false,
    dispose: () => {
      feature.whenLoaded((f) => f.dispose());
      disposable.dispose();
    },
  };
}

/** The lightbulb offers "Refactor…" on a non-empty selection. */
class RefactorCodeActions implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty || document.uri.scheme === PROPOSAL_SCHEME) return [];
    const action = new vscode.CodeAction('Tandem: Refactor Selection…', vscode.CodeActionKind.RefactorRewrite);
    action.command = { command: 'tandem.refactor', title: 'Refactor Selection…', arguments: [{ uri: document.uri, range }] };
    return [action];
  }
}
