import * as vscode from 'vscode';
import type { Decision, PendingProposal, ProposalStore } from './proposals';
import { notWaiting, PROPOSAL_SCHEME } from './shared';

const KEYS = process.platform === 'darwin' ? { accept: '⌥⌘↵', discard: '⌥⌘⌫' } : { accept: 'Ctrl+Alt+Enter', discard: 'Ctrl+Alt+Backspace' };

/**
 * Keeps a pending refactor in view until it is decided: Accept / Discard / Refine as CodeLens
 * on the changed range (in the refactored file, and in the diff when diff editors show
 * CodeLens), a "Review refactor" status item, and `tandem.refactor.review`, a quick pick of
 * the same choices for keyboard-only use. A toast that vanishes after a few seconds is not enough.
 */
export class RefactorReview implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.refactorReview', vscode.StatusBarAlignment.Left, 99);
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly proposals: ProposalStore) {
    this.item.name = 'Tandem: Review refactor';
    this.item.command = 'tandem.refactor.review';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.disposables = [
      this.item,
      this.lensesChanged,
      proposals.onDidChangePending(() => this.refresh()),
      vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: PROPOSAL_SCHEME }], this),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const p of this.proposals.all()) {
      const range = p.proposed.toString() === uri ? p.changed.proposed : p.uri.toString() === uri ? p.changed.original : undefined;
      if (!range) continue;
      const at = new vscode.Range(range.start.line, 0, range.start.line, 0);
      lenses.push(
        new vscode.CodeLens(at, { title: `$(check) Accept refactor (${KEYS.accept})`, command: 'tandem.refactor.accept', arguments: [p.proposed] }),
        new vscode.CodeLens(at, { title: `$(discard) Discard (${KEYS.discard})`, command: 'tandem.refactor.discard', arguments: [p.proposed] }),
        new vscode.CodeLens(at, { title: '$(edit) Refine…', command: 'tandem.refactor.refine', arguments: [p.proposed] }),
      );
    }
    return lenses;
  }

  /** What the status item says now (test hook). */
  status(): { visible: boolean; text: string } {
    return { visible: this.proposals.all().length > 0, text: this.item.text };
  }

  private refresh(): void {
    const pending = this.proposals.all();
    if (pending.length) {
      this.item.text = pending.length === 1 ? '$(diff) Review refactor' : `$(diff) Review ${pending.length} refactors`;
      this.item.tooltip = `Tandem proposed a refactor of ${names(pending)}: Accept (${KEYS.accept}), Discard (${KEYS.discard}) or Refine. Click to choose.`;
      this.item.show();
    } else this.item.hide();
    this.lensesChanged.fire();
  }

  /** Refine: a follow-up instruction, and the same code is proposed again with both instructions. */
  /** `tandem.refactor.refine` (registered in register.ts): a follow-up instruction for the proposal of `uri`. */
  async refine(uri?: vscode.Uri): Promise<void> {
    const p = this.proposals.find(uri ?? vscode.window.activeTextEditor?.document.uri);
    if (!p) return notWaiting();
    const instruction = await vscode.window.showInputBox({
      title: 'Tandem: refine the refactor',
      prompt: `Proposed for "${p.instruction}". What should change?`,
      placeHolder: 'e.g. keep the early return, name the helper sumPrices',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Say what to change, or press Escape to keep reviewing.'),
    });
    if (instruction?.trim()) p.decide({ kind: 'refine', instruction: instruction.trim() });
  }

  /** The choices as a quick pick, for the status item and keyboard-only use. */
  /** `tandem.refactor.review` (registered in register.ts): Accept, Discard or Refine from a quick pick. */
  async review(uri?: vscode.Uri): Promise<void> {
    const p = this.proposals.find(uri ?? vscode.window.activeTextEditor?.document.uri);
    if (!p) return notWaiting();
    const picks: (vscode.QuickPickItem & { run: () => void | Thenable<unknown> })[] = [
      { label: '$(check) Accept', description: KEYS.accept, detail: 'Apply the proposal as one undoable edit', run: () => p.decide({ kind: 'accept' }) },
      { label: '$(discard) Discard', description: KEYS.discard, detail: 'Leave the file as it is', run: () => p.decide({ kind: 'discard' }) },
      { label: '$(edit) Refine…', detail: 'Give a follow-up instruction and get a new proposal', run: () => this.refine(p.proposed) },
      { label: '$(diff) Show the diff', run: () => vscode.commands.executeCommand('vscode.diff', p.original, p.proposed, `${name(p)}: Tandem proposal`, { preview: true }) },
    ];
    const picked = await vscode.window.showQuickPick(picks, { title: `Tandem: review the refactor of ${name(p)}`, placeHolder: `"${p.instruction}"` });
    await picked?.run();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** For the toast's buttons: the same three choices. */
export function decisionFromToast(choice: string | undefined): Decision | 'refine' | undefined {
  if (choice === 'Accept') return { kind: 'accept' };
  if (choice === 'Discard') return { kind: 'discard' };
  return choice === 'Refine…' ? 'refine' : undefined;
}

function name(p: PendingProposal): string {
  return p.uri.path.split('/').pop() ?? 'file';
}

function names(ps: readonly PendingProposal[]): string {
  return [...new Set(ps.map(name))].join(', ');
}
