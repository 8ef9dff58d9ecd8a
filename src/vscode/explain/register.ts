import * as vscode from 'vscode';
import type { PanelAction, ToPanel } from '../../core/prompts/panelProtocol';
import type { Services } from '../services';
import type { ChatPort } from '../chat/chatPort';
import type { Notices } from '../chat/notices';
import type { TargetArgs } from '../chat/target';
import { onFirstUse } from '../../core/onFirstUse';

export type { ExplainResult } from './explain';

/** The explain feature, as activate() keeps it: dispose it with the extension. */
export interface ExplainFeature extends vscode.Disposable {
  /** What the explanation panel was sent for the current explanation (test hook). */
  panelMessages(): ToPanel[];
  /** What the panel's Stop button does (test hook). */
  stop(): void;
  /** The HTML the panel's page shows (test hook). */
  renderedHtml(): Promise<string | undefined>;
  /** What a button of the panel's error view does; false when none is shown (test hook). */
  pressPanelAction(action: PanelAction): boolean;
}

/**
 * `tandem.explain` from the palette, the editor context menu, the lightbulb and
 * ctrl/cmd+alt+e. Activation registers the command and the lightbulb only; the feature
 * itself (prompt, panel, recovery: explain.ts) is loaded on the first explanation.
 */
export function registerExplain(services: Services, chat: ChatPort, notices: Notices): ExplainFeature {
  const feature = onFirstUse(async () => (await import('./explain')).createExplain(services, chat, notices));
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('tandem.explain', async (args?: TargetArgs) => (await feature.get()).explain(args)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new ExplainCodeActions(), { providedCodeActionKinds: [vscode.CodeActionKind.Empty] }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'untitled' }, new ExplainCodeActions(), { providedCodeActionKinds: [vscode.CodeActionKind.Empty] }),
  ];
  // Before the first explanation there is no panel: nothing sent, nothing to stop or press.
  return {
    panelMessages: () => feature.loaded()?.panelMessages() ?? [],
    stop: () => feature.loaded()?.stop(),
    renderedHtml: async () => feature.loaded()?.renderedHtml(),
    pressPanelAction: (action) => feature.loaded()?.pressPanelAction(action) ?? false,
    dispose: () => {
      feature.whenLoaded((f) => f.dispose());
      for (const d of disposables) d.dispose();
    },
  };
}

/** The lightbulb offers "Explain" on any non-empty selection. */
class ExplainCodeActions implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty) return [];
    const action = new vscode.CodeAction('Tandem: Explain Selection', vscode.CodeActionKind.Empty);
    action.command = { command: 'tandem.explain', title: 'Explain Selection', arguments: [{ uri: document.uri, range }] };
    return [action];
  }
}
